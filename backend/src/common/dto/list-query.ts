import { MAX_PAGE_SIZE, SORT_DIRECTIONS, SortDirection } from '@hyrkoll/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

import { ToWholeNumber } from '../validation/decorators';

/** The paging and the direction of a list's query; each list adds its filters and sort columns. */
export class ListQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 1_000_000 })
  @IsOptional()
  @ToWholeNumber()
  @Max(1_000_000, { message: 'page must be at most 1000000' })
  @Min(1, { message: 'page must be at least 1' })
  @IsInt({ message: 'page must be a whole number' })
  page?: number;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @ToWholeNumber()
  @Max(MAX_PAGE_SIZE, { message: `pageSize must be at most ${MAX_PAGE_SIZE}` })
  @Min(1, { message: 'pageSize must be at least 1' })
  @IsInt({ message: 'pageSize must be a whole number' })
  pageSize?: number;

  @ApiPropertyOptional({
    enum: SORT_DIRECTIONS,
    description: "The sort's direction (default: the column's own)",
  })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS, { message: 'dir must be asc or desc' })
  dir?: SortDirection;
}

/** The page and page size asked for, with the defaults. */
export function pageOf(query: ListQuery): { page: number; pageSize: number } {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? 25 };
}

import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength } from 'class-validator';

import { IsDecimalAmount, IsIsoDate, IsNotBlank } from '../validation/decorators';
import { DomainError } from './domain-error';
import { createValidationPipe } from './validation';

class Example {
  @MaxLength(10)
  @IsNotBlank()
  @IsString()
  name!: string;

  @IsOptional()
  @Max(1000)
  @IsInt()
  hours?: number;

  @IsOptional()
  @IsIn(['A', 'B'])
  kind?: string;

  @IsOptional()
  @IsDecimalAmount({ integerDigits: 6, max: '999999.99' })
  rate?: string;

  @IsOptional()
  @IsIsoDate()
  from?: string;

  @IsOptional()
  @ArrayMaxSize(2)
  tags?: string[];

  @IsOptional()
  @Matches(/^x$/, { context: { code: 'month' } })
  month?: string;
}

/** The field errors of validating `body` as an Example. */
async function fieldsOf(body: object) {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Example });
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    return (error as DomainError).fields;
  }
  throw new Error('the body passed');
}

describe('the field errors of the validation pipe', () => {
  it('names a missing field `required`', async () => {
    expect(await fieldsOf({})).toEqual([{ field: 'name', code: 'required', message: 'name is required' }]);
  });

  it('gives each constraint its code and the limits the words need as params', async () => {
    const fields = await fieldsOf({
      name: 'a name too long',
      hours: 1001,
      kind: 'C',
      rate: '12.345',
      from: '2025-02-30',
      tags: ['a', 'b', 'c'],
      month: 'y',
    });
    expect(fields?.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
      { field: 'name', code: 'maxLength', params: { max: 10 } },
      { field: 'hours', code: 'max', params: { max: 1000 } },
      { field: 'kind', code: 'oneOf', params: { allowed: ['A', 'B'] } },
      { field: 'rate', code: 'decimal', params: { maxDigits: 6, min: '0.01', max: '999999.99' } },
      { field: 'from', code: 'date', params: undefined },
      { field: 'tags', code: 'maxItems', params: { max: 2 } },
      { field: 'month', code: 'month', params: undefined },
    ]);
    // the English message stays for the API's users
    expect(fields?.[0]?.message).toMatch(/name must be shorter than or equal to 10 characters/);
  });

  it('calls a field the request may not have `unknownField`', async () => {
    expect(await fieldsOf({ name: 'Eva', extra: 1 })).toEqual([
      { field: 'extra', code: 'unknownField', message: 'unknown field' },
    ]);
  });

  it('refuses blank text as `required` and a NUL character as `text`', async () => {
    expect((await fieldsOf({ name: '   ' }))?.[0]).toMatchObject({ field: 'name', code: 'required' });
    expect((await fieldsOf({ name: 'a\u0000' }))?.[0]).toMatchObject({ field: 'name', code: 'text' });
  });
});

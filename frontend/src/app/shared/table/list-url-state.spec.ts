import { convertToParamMap } from '@angular/router';

import { readListState } from './list-url-state';

describe('readListState', () => {
  it('reads page, size, sort and the filters from the query parameters', () => {
    const state = readListState(
      convertToParamMap({ page: '3', pageSize: '100', sort: 'estimate', dir: 'desc', status: 'APPROVED' }),
      ['status', 'q'],
    );
    expect(state).toEqual({
      page: 3,
      pageSize: 100,
      sort: { column: 'estimate', direction: 'desc' },
      filters: { status: 'APPROVED', q: '' },
    });
  });

  it('falls back to the first page, the smallest size and no sort on values it cannot use', () => {
    const state = readListState(convertToParamMap({ page: '-2', pageSize: '1000', dir: 'desc' }), ['q']);
    expect(state).toEqual({ page: 1, pageSize: 25, sort: null, filters: { q: '' } });
    expect(readListState(convertToParamMap({ page: '1.5', sort: 'unit' }), []).sort).toEqual({
      column: 'unit',
      direction: 'asc',
    });
  });
});

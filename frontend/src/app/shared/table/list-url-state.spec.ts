import { convertToParamMap } from '@angular/router';

import { filterCheck, readListState } from './list-url-state';

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

  it('leaves out a filter value the list cannot use, so that an edited link shows the list', () => {
    const checks = {
      status: filterCheck.oneOf(['DRAFT', 'APPROVED']),
      areaId: filterCheck.id,
      from: filterCheck.date,
    };
    const read = (params: Record<string, string>) =>
      readListState(convertToParamMap(params), ['status', 'areaId', 'from', 'q'], checks).filters;
    expect(read({ status: 'BOGUS', areaId: 'xyz', from: '2024-13-45', q: 'Kåge' })).toEqual({
      status: '',
      areaId: '',
      from: '',
      q: 'Kåge',
    });
    expect(
      read({ status: 'DRAFT,APPROVED', areaId: '0b4c8a9e-3f1d-4c2a-9b7e-1f2d3c4b5a69', from: '2024-10-01' }),
    ).toEqual({
      status: 'DRAFT,APPROVED',
      areaId: '0b4c8a9e-3f1d-4c2a-9b7e-1f2d3c4b5a69',
      from: '2024-10-01',
      q: '',
    });
    expect(read({ status: 'DRAFT,BOGUS' }).status).toBe('');
  });
});

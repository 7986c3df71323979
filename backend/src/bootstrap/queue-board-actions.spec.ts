import { boardAction } from './queue-board-actions';

describe('boardAction', () => {
  it('names the queue and the job of a change to one job', () => {
    expect(
      boardAction('PUT', '/api/queues/rollups/rollup-a-2024-01-01-import/retry/failed', undefined),
    ).toEqual({
      action: 'board:job-retry/failed',
      queue: 'rollups',
      jobId: 'rollup-a-2024-01-01-import',
      detail: { method: 'PUT' },
    });
  });

  it('names the queue of a change to a whole queue, with the state it concerns', () => {
    expect(boardAction('PUT', '/api/queues/imports/clean/failed', undefined)).toMatchObject({
      action: 'board:clean/failed',
      queue: 'imports',
      jobId: null,
    });
    expect(boardAction('PUT', '/api/queues/pause', undefined)).toMatchObject({
      action: 'board:pause-all',
      queue: null,
    });
  });

  it('keeps what an added job carries, cut to a length', () => {
    const added = boardAction('POST', '/api/queues/rollups/add', {
      name: 'rollup',
      data: { month: '2024-01-01' },
    });
    expect(added).toMatchObject({ action: 'board:add', queue: 'rollups', jobId: null });
    expect(added.detail['body']).toBe('{"name":"rollup","data":{"month":"2024-01-01"}}');
    const long = boardAction('POST', '/api/queues/rollups/add', { data: 'x'.repeat(5000) });
    expect(String(long.detail['body']).length).toBe(2001);
  });

  it('decodes encoded parts and keeps the query string out', () => {
    expect(boardAction('PUT', '/api/queues/rollups/a%3Ab/promote?x=1', undefined)).toMatchObject({
      action: 'board:job-promote',
      jobId: 'a:b',
    });
  });
});

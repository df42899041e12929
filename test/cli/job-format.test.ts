import { formatTime, jobTable } from '../../cli/jobs/job-format';

describe('job times and tables', () => {
  test.each([
    ['1700000000123', '2023-11-14T22:13:20Z'],
    ['2023-11-14T22:13:20.999Z', '2023-11-14T22:13:20Z'],
    ['yesterday', 'yesterday'],
    ['', '-'],
    [undefined, '-'],
  ])('the service time %j is shown as %j', (value, shown) => {
    expect(formatTime(value)).toBe(shown);
  });

  test('columns are as wide as their widest cell; a job without an error ends at its updated time', () => {
    expect(jobTable([
      { JobId: 'a', Operation: 'CreateBackendStorage', Status: 'FAILED', CreateTime: '1700000000000', UpdateTime: '1700000001000', Error: 'limit reached' },
      { JobId: 'bb', Operation: 'CreateBackend', Status: 'COMPLETED', CreateTime: '1700000000000', UpdateTime: '1700000002000' },
    ])).toBe([
      'JOB ID  OPERATION             STATUS     CREATED               UPDATED               ERROR',
      'a       CreateBackendStorage  FAILED     2023-11-14T22:13:20Z  2023-11-14T22:13:21Z  limit reached',
      'bb      CreateBackend         COMPLETED  2023-11-14T22:13:20Z  2023-11-14T22:13:22Z',
      '',
    ].join('\n'));
  });
});

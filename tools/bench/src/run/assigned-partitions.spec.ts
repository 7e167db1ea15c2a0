import { lastAssignedPartitions } from './assigned-partitions';

describe('lastAssignedPartitions', () => {
  it('reads the last assignment among other log lines', () => {
    const log = [
      '{"level":"info","assigned":[0,1],"msg":"partitions assigned"}',
      'producer: not json',
      '{"level":"info","assigned":[0,1,2,3],"msg":"partitions assigned"}',
      '{"level":"info","msg":"raw-sink running"}',
      '{"level":"info","assigned":[2,3',
    ].join('\n');
    expect(lastAssignedPartitions(log)).toEqual([0, 1, 2, 3]);
  });

  it('is undefined before the group settled', () => {
    expect(lastAssignedPartitions('{"msg":"raw-sink starting"}\n')).toBeUndefined();
  });
});

import { explainRedisConnectFailure, redisErrorForLog } from './redis-connect-failure';

describe('Redis connect failures', () => {
  it('are logged without the AUTH arguments ioredis attaches', () => {
    const err = Object.assign(new Error('WRONGPASS invalid username-password pair or user is disabled.'), {
      name: 'ReplyError',
      command: { name: 'auth', args: ['clickstream', 'S3cret'] },
    });
    const logged = redisErrorForLog(err);
    expect(logged).toEqual({ type: 'ReplyError', message: 'WRONGPASS invalid username-password pair or user is disabled.', command: 'auth' });
    expect(JSON.stringify(logged)).not.toContain('S3cret');
  });

  it('name the settings to check', () => {
    expect(explainRedisConnectFailure(new Error('WRONGPASS invalid username-password pair'))).toMatch(/^redis: authentication failed .*check REDIS_USERNAME and REDIS_PASSWORD/);
    expect(explainRedisConnectFailure(new Error('NOAUTH Authentication required.'))).toMatch(/authentication failed/);
    expect(explainRedisConnectFailure(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBeUndefined();
  });
});

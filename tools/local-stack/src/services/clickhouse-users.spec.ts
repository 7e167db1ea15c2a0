import { createHash } from 'node:crypto';
import { renderClickHouseConfig, renderClickHouseUsers } from './clickhouse-users';

describe('ClickHouse users for the local stack', () => {
  const xml = renderClickHouseUsers({ database: 'rt', readerPassword: 'pa<ss>' });

  it('gives clickstream_reader SELECT on the database and a read-only profile, password as SHA-256 only', () => {
    const reader = /<clickstream_reader>([\s\S]*)<\/clickstream_reader>/.exec(xml)?.[1] ?? '';
    expect(reader).toContain(`<password_sha256_hex>${createHash('sha256').update('pa<ss>').digest('hex')}</password_sha256_hex>`);
    expect(reader).toContain('<query>GRANT SELECT ON rt.*</query>');
    expect(reader).toContain('<profile>dashboards_readonly</profile>');
    expect(xml).not.toContain('pa<ss>');
    expect(/<dashboards_readonly>[\s\S]*<readonly>2<\/readonly>/.test(xml)).toBe(true);
  });

  it('keeps default without password, loopback only', () => {
    expect(xml).toMatch(/<default>\s*<password><\/password>\s*<networks><ip>127\.0\.0\.1<\/ip><ip>::1<\/ip><\/networks>/);
  });

  it('points clickhouse-local at the users file', () => {
    expect(renderClickHouseConfig('/s/config/clickhouse/users.xml')).toContain('<users_config>/s/config/clickhouse/users.xml</users_config>');
  });
});

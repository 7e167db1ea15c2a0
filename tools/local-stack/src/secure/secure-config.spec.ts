import { renderKafkaServerProperties } from '../services/kafka-config';
import { renderRedisConf } from '../services/redis-config';
import { renderClickHouseUsersXml } from './clickhouse-users';

const secret = 'Sup3r-S3cret';

describe('secure stack configuration', () => {
  it('gives Kafka clients only a SASL_SSL listener (SCRAM), the controller staying internal', () => {
    const props = renderKafkaServerProperties({
      host: '127.0.0.1',
      port: 19192,
      controllerPort: 19193,
      logDir: '/d',
      security: { keystore: '/s/ks.pem', truststore: '/s/ca.pem', brokerUser: 'admin', brokerPassword: secret },
    });
    expect(props).toContain('listeners=SASL_SSL://127.0.0.1:19192,CONTROLLER://127.0.0.1:19193\n');
    expect(props).toContain('advertised.listeners=SASL_SSL://127.0.0.1:19192\n');
    expect(props).toContain('listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL\n');
    expect(props).toContain('sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256\n');
    expect(props).toContain('ssl.keystore.location=/s/ks.pem\n');
    expect(props).not.toMatch(/PLAINTEXT:\/\//);
  });

  it('gives Redis a TLS port only, the default user off, and stores only password hashes', () => {
    const conf = renderRedisConf({
      host: '127.0.0.1',
      port: 16479,
      dataDir: '/d',
      security: { certFile: '/s/c.pem', keyFile: '/s/k.pem', caFile: '/s/ca.pem', adminUser: 'admin', adminPassword: secret, appUser: 'clickstream', appPassword: 'other' },
    });
    expect(conf).toMatch(/^port 0$/m);
    expect(conf).toMatch(/^tls-port 16479$/m);
    expect(conf).toMatch(/^user default off$/m);
    expect(conf).toMatch(/^user clickstream on #[0-9a-f]{64} resetkeys ~clickstream:\* resetchannels \+@all -@admin -@dangerous \+info$/m);
    expect(conf).not.toContain(secret);
  });

  it('provisions the ClickHouse users with least privilege and hashed passwords', () => {
    const xml = renderClickHouseUsersXml({ adminPassword: secret, appPassword: 'a', readerPassword: 'r', appDatabases: ['rt'] });
    expect(xml).not.toContain(secret);
    expect(xml).toMatch(/<clickstream_app>.*<query>GRANT SELECT, INSERT ON rt\.\*<\/query><\/grants><\/clickstream_app>/);
    expect(xml).toMatch(/<clickstream_reader>.*<profile>readonly<\/profile>.*<query>GRANT SELECT ON rt\.\*<\/query><\/grants><\/clickstream_reader>/);
    expect(xml).toMatch(/<default><no_password\/>.*<query>GRANT SYSTEM LISTEN ON \*\.\*<\/query><query>GRANT SELECT ON clickstream_control\.stop_signal<\/query><\/grants><\/default>/);
  });
});

import { listSetting, type Setting } from './setting';

type Options = Omit<Parameters<typeof listSetting>[0], 'itemPattern' | 'itemHint'>;

const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** Whether `item` is `host:port` (or `[ipv6]:port`) with a port from 1 to 65535. */
export function isHostPort(item: string): boolean {
  const m = HOST_PORT.exec(item);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 65_535;
}

/**
 * Comma-separated `host:port` list, e.g. Kafka bootstrap brokers: `foo` (no port) is refused at
 * start-up, not later as a NaN port deep inside the client.
 */
export function hostPortListSetting(c: Options): Setting<readonly string[]> {
  const list = listSetting(c);
  return {
    ...list,
    parse(raw) {
      const parsed = list.parse(raw);
      if (!parsed.ok) return parsed;
      const badItems = parsed.value.filter((i) => !isHostPort(i));
      if (badItems.length === 0) return parsed;
      const which = parsed.value.length > 1 ? ` ('${badItems.join("', '")}' ${badItems.length > 1 ? 'are' : 'is'} not)` : '';
      return { ok: false, expected: `a comma-separated list of host:port (port 1-65535), e.g. 127.0.0.1:9092${which}` };
    },
  };
}

let counter = 0;

/**
 * A name no other test (in this or a parallel process) uses: usable as a Kafka topic, a ClickHouse
 * database or table, and a Redis key prefix. Lowercase letters, digits and `_` only, starting with a
 * letter, short: `<prefix>_<time><pid><counter><random>`, e.g. `clicks_m3k2p1a9x1q7`.
 */
export function uniqueName(prefix: string): string {
  let safe = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 24);
  if (!/^[a-z]/.test(safe)) safe = `t${safe}`;
  counter += 1;
  const time = Date.now().toString(36).slice(-5);
  const random = Math.floor(Math.random() * 36 ** 3)
    .toString(36)
    .padStart(3, '0');
  return `${safe}_${time}${process.pid.toString(36)}${counter.toString(36)}${random}`;
}

import { TRAFFIC_EPOCH_MS } from '../harness/pipeline-scenario';

/** Undecodable or invalid records, one of each reason the apps dead-letter. */
export const MALFORMED_RECORDS: readonly Buffer[] = [
  Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]),
  Buffer.from('{"event_id": "oops", '),
  Buffer.from(JSON.stringify({ event_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', ts: TRAFFIC_EPOCH_MS, page: '/', referrer: '', country: 'US', device: 'mobile' })),
  Buffer.from(JSON.stringify({ event_id: '7c9e6679-7425-40de-944b-e07fc1f90ae8', user_id: 'u1', ts: 42, page: '/', referrer: '', country: 'US', device: 'mobile' })),
];

/** `count` malformed messages, numbered from `first` (keys spread them over the partitions). */
export function malformedMessages(first: number, count: number): { key: string; value: Buffer }[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `bad-${first + i}`,
    value: MALFORMED_RECORDS[(first + i) % MALFORMED_RECORDS.length] as Buffer,
  }));
}

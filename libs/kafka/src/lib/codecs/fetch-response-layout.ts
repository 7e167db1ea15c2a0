/** What differs between the Fetch response versions kafkajs decodes record batches from (v4-v11). */
export interface FetchResponseLayout {
  /** v7+: error code and session id after the throttle time. */
  readonly sessionHeader: boolean;
  /** v5+: log start offset after the last stable offset. */
  readonly logStartOffset: boolean;
  /** v11+: preferred read replica after the aborted transactions. */
  readonly preferredReadReplica: boolean;
}

export const FETCH_RESPONSE_LAYOUTS: Readonly<Record<number, FetchResponseLayout>> = {
  4: { sessionHeader: false, logStartOffset: false, preferredReadReplica: false },
  5: { sessionHeader: false, logStartOffset: true, preferredReadReplica: false },
  6: { sessionHeader: false, logStartOffset: true, preferredReadReplica: false },
  7: { sessionHeader: true, logStartOffset: true, preferredReadReplica: false },
  8: { sessionHeader: true, logStartOffset: true, preferredReadReplica: false },
  9: { sessionHeader: true, logStartOffset: true, preferredReadReplica: false },
  10: { sessionHeader: true, logStartOffset: true, preferredReadReplica: false },
  11: { sessionHeader: true, logStartOffset: true, preferredReadReplica: true },
};

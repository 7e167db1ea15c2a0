-- The durable side of the stream checkpoints (Redis holds the fast side). If Redis loses its data,
-- a partition is recovered from these two tables instead of restarting with empty state.
--
-- stream_ledger: one row per flush range (from_offset, to_offset], written after the range is
-- announced in Redis and before its data is written. Ranges are begun only after the previous one
-- committed, so a row (F, T] means every range before F is fully written; (F, T] itself may not be.
-- The insert carries the flush's dedup token (+ ':ledger'), so a retried flush adds no second row.
CREATE TABLE IF NOT EXISTS stream_ledger
(
    namespace   LowCardinality(String), -- '<app>:<group id>': the checkpoint namespace
    topic       LowCardinality(String),
    partition   UInt16,
    from_offset UInt64,
    to_offset   UInt64,
    epoch       UInt64,                 -- fencing epoch of the owner that announced the range
    written_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (namespace, topic, partition, to_offset)
TTL toDateTime(written_at) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- stream_snapshots: the engine state after `offset`, written after all data up to `offset` landed
-- (at most every --durable-snapshot-interval-ms per partition). Recovery restores the newest one at
-- or before the ledger's last range and replays the records after it.
CREATE TABLE IF NOT EXISTS stream_snapshots
(
    namespace  LowCardinality(String),
    topic      LowCardinality(String),
    partition  UInt16,
    offset     UInt64,
    epoch      UInt64,
    state      String CODEC(ZSTD(3)),
    written_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (namespace, topic, partition, offset)
TTL toDateTime(written_at) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 10000;

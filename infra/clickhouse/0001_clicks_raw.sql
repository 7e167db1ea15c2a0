-- Every click event as consumed from web.clicks, written by the raw sink.
--
-- Dedup: a replayed or re-produced event has the same event_id, ts, page and country, so it has the
-- same sorting key and ReplacingMergeTree collapses it at merge time (reads that must be exact use
-- FINAL). A retried insert of the same batch is dropped at once when it carries the same
-- insert_deduplication_token, within the last non_replicated_deduplication_window blocks.
--
-- Sorting key: dashboards filter by page and country over a time range; event_id comes last only to
-- make the key unique per event, which ReplacingMergeTree dedup needs. Lookups by user or event id
-- use the bloom filter skip indexes instead of the key.
CREATE TABLE IF NOT EXISTS clicks_raw
(
    event_id         UUID,
    user_id          String,
    ts               DateTime64(3, 'UTC'),
    page             LowCardinality(String),
    referrer         String,                 -- '' means direct traffic
    country          LowCardinality(String), -- ISO 3166-1 alpha-2, validated by the event schema
    device           LowCardinality(String),
    source_partition UInt16,
    source_offset    UInt64,
    ingested_at      DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_user_id  user_id  TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_event_id event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (page, country, ts, event_id)
TTL toDateTime(ts) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 1000;

-- Anomaly detection on merged totals (apps/anomaly-scorer, docs/architecture.md "Anomaly detection").

-- Each aggregator partition's event-time watermark after a flush, written after that flush's
-- partials landed (same flush token + ':partition_watermarks'). A row (p, W) proves partition p has
-- written all its panes of every window with end - 1 + allowed lateness <= W, so the scorer knows a
-- window's merged total is final once every partition's newest row has passed it.
CREATE TABLE IF NOT EXISTS partition_watermarks
(
    source_topic     LowCardinality(String),
    source_partition UInt16,
    watermark        DateTime64(3, 'UTC'),
    written_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (source_topic, source_partition, watermark)
TTL toDateTime(written_at) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- One row per anomalous (window, key), scored on the merged total of all partitions. Keys: a page
-- (level 'page', country '*' = all countries together) and a page in one country (level
-- 'page_country'). observed = the window's clicks; baseline = median clicks of the key's previous
-- windows; score = robust z on the square-root scale (negative for drops), see docs/semantics.md.
-- Written with token 'anomaly-scorer:<topic>:<window_start>:anomalies': a re-scored window is dropped.
CREATE TABLE IF NOT EXISTS anomalies
(
    window_start DateTime64(3, 'UTC'),
    window_end   DateTime64(3, 'UTC'),
    page         LowCardinality(String),
    country      LowCardinality(String),
    level        Enum8('page' = 1, 'page_country' = 2),
    kind         Enum8('spike' = 1, 'drop' = 2),
    observed     UInt64,
    baseline     Float64,
    score        Float64,
    history_size UInt32,
    source_topic LowCardinality(String),
    detected_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (window_start, page, country)
TTL toDateTime(window_start) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- The scorer's checkpoint: one row per window scored (after its anomalies landed, token
-- 'anomaly-scorer:<topic>:<window_start>:progress'). A restart continues after the newest row.
CREATE TABLE IF NOT EXISTS anomaly_scorer_progress
(
    source_topic LowCardinality(String),
    window_start DateTime64(3, 'UTC'),
    keys_scored  UInt32,
    anomalies    UInt32,
    scored_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (source_topic, window_start)
TTL toDateTime(scored_at) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 10000;

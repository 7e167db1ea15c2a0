-- Windowed aggregates written by the aggregator.
--
-- Each row is a PARTIAL: the contribution of one Kafka partition (source_partition) to one window
-- and key, for one pane (pane 0 = on-time firing, pane N > 0 = late updates within the allowed
-- lateness, carrying only what arrived since the previous pane). Rows are only ever appended;
-- exact totals are the sum of clicks and the distinct union of user_ids over all partials, which is
-- what the view page_minute computes at read time, with or without merges having run.
-- Replayed flushes carry the same insert_deduplication_token and are dropped (window below).
CREATE TABLE IF NOT EXISTS page_minute_agg
(
    window_start     DateTime64(3, 'UTC'),
    window_end       DateTime64(3, 'UTC'),
    page             LowCardinality(String),
    country          LowCardinality(String),
    source_topic     LowCardinality(String),
    source_partition UInt16,
    pane             UInt32,
    clicks           UInt64,
    unique_users     UInt64,
    user_ids         Array(String) CODEC(ZSTD(3)),
    flushed_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (window_start, page, country, source_partition, pane)
TTL toDateTime(window_start) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Exactly one final row per (window_start, page, country), whatever merges have or have not run.
CREATE VIEW IF NOT EXISTS page_minute AS
SELECT
    window_start,
    any(window_end)          AS window_end,
    page,
    country,
    sum(clicks)              AS clicks,
    uniqExactArray(user_ids) AS unique_users
FROM page_minute_agg
GROUP BY window_start, page, country;

-- Hourly rollup. Exact distinct users survive the rollup as uniqExact states, not as counts.
-- Inserts into page_minute_agg use deduplicate_blocks_in_dependent_materialized_views = 1, so a
-- replayed flush is dropped here too (this table needs its own deduplication window for that).
CREATE TABLE IF NOT EXISTS page_hour_agg
(
    hour         DateTime('UTC'),
    page         LowCardinality(String),
    country      LowCardinality(String),
    clicks       SimpleAggregateFunction(sum, UInt64),
    unique_users AggregateFunction(uniqExactArray, Array(String))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (hour, page, country)
TTL hour + INTERVAL 800 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS page_hour_agg_mv TO page_hour_agg AS
SELECT
    toStartOfHour(window_start)    AS hour,
    page,
    country,
    sum(clicks)                    AS clicks,
    uniqExactArrayState(user_ids)  AS unique_users
FROM page_minute_agg
GROUP BY hour, page, country;

CREATE VIEW IF NOT EXISTS page_hour AS
SELECT hour, page, country, sum(clicks) AS clicks, uniqExactArrayMerge(unique_users) AS unique_users
FROM page_hour_agg
GROUP BY hour, page, country;

-- Page-only totals per minute (all countries together).
CREATE TABLE IF NOT EXISTS page_totals_minute_agg
(
    window_start DateTime64(3, 'UTC'),
    page         LowCardinality(String),
    clicks       SimpleAggregateFunction(sum, UInt64),
    unique_users AggregateFunction(uniqExactArray, Array(String))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (window_start, page)
TTL toDateTime(window_start) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS page_totals_minute_agg_mv TO page_totals_minute_agg AS
SELECT
    window_start,
    page,
    sum(clicks)                   AS clicks,
    uniqExactArrayState(user_ids) AS unique_users
FROM page_minute_agg
GROUP BY window_start, page;

CREATE VIEW IF NOT EXISTS page_totals_minute AS
SELECT window_start, page, sum(clicks) AS clicks, uniqExactArrayMerge(unique_users) AS unique_users
FROM page_totals_minute_agg
GROUP BY window_start, page;

-- Events that arrived after their window closed (beyond the allowed lateness): counted and kept,
-- never silently dropped. One row per late event; replays deduplicate by token.
CREATE TABLE IF NOT EXISTS late_events
(
    event_id         UUID,
    user_id          String,
    ts               DateTime64(3, 'UTC'),
    page             LowCardinality(String),
    country          LowCardinality(String),
    device           LowCardinality(String),
    window_start     DateTime64(3, 'UTC'),
    watermark        DateTime64(3, 'UTC'),
    reason           LowCardinality(String),
    source_topic     LowCardinality(String),
    source_partition UInt16,
    source_offset    UInt64,
    detected_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (page, country, ts, event_id)
TTL toDateTime(ts) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Z-score anomalies per key and window, as seen by one partition's partial counts.
CREATE TABLE IF NOT EXISTS anomalies
(
    window_start     DateTime64(3, 'UTC'),
    page             LowCardinality(String),
    country          LowCardinality(String),
    source_partition UInt16,
    value            Float64,
    mean             Float64,
    stddev           Float64,
    z                Float64,
    history_size     UInt32,
    detected_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(window_start)
ORDER BY (window_start, page, country, source_partition)
TTL toDateTime(window_start) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

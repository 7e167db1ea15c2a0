-- Anomalies used to be scored by each aggregator partition on its partial counts (0002): one real
-- spike could write one row per Kafka partition, each judged on a share of the traffic. The anomaly
-- scorer now scores merged totals into a new `anomalies` table (0005); the old rows are kept under
-- this name. One statement, so a rerun after a failure is a no-op (RENAME ... IF EXISTS).
RENAME TABLE IF EXISTS anomalies TO anomalies_per_partition_0002;

/** A watermark source: a Kafka partition id. 1 and '1' are different sources (Map semantics). */
export type SourceId = string | number;

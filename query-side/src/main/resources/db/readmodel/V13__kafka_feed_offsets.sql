-- Where the query side's Kafka feed stands in each partition of the topic: the next offset to apply, written in the
-- same transaction as the rows it applied. Any instance of the consumer group that is handed a partition starts
-- from here, so a takeover after a crash neither skips nor repeats a committed batch, and a rebuild reads the exact
-- position the read models reached (KafkaProjectionFeed, KafkaLiveFeed). Empty in standalone mode.
CREATE TABLE projection_offset (
    topic           TEXT    NOT NULL,
    kafka_partition INTEGER NOT NULL,
    next_offset     BIGINT  NOT NULL,
    PRIMARY KEY (topic, kafka_partition)
);

/**
 * Feeds the projections from Kafka when the query side runs as its own service: a consumer group reads
 * {@code partnership-events} from the earliest offset, applies each batch in one database transaction and commits
 * offsets only after it; a redelivered event is a no-op because projections dedupe by (partnership id, sequence).
 */
package dk.partnerships.query.kafka;

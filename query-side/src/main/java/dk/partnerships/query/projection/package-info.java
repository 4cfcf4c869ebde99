/**
 * What every read model shares: the envelope an event arrives in whatever its source (the event store in-process, or
 * Kafka), applying batches, rebuilding and checking the read models, upgrading them after a schema change,
 * read-your-writes, and the change counters readers cache computed figures by.
 */
package dk.partnerships.query.projection;

/**
 * The event store: Axon's JDBC storage engine on PostgreSQL, its Flyway-owned schema, the one JSON serializer
 * and the metadata every event carries.
 */
package dk.partnerships.command.eventstore;

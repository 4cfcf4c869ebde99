/**
 * The published language of the partnership lifecycle: immutable event records and their value types.
 * <p>
 * Axon stores each event's class name as its type, and other municipal systems read these events as JSON
 * from Kafka, so names, packages and fields here are a public contract: add, never rename or remove.
 * Every event carries {@code @Revision}; a change of shape needs a new revision and an upcaster.
 */
package dk.partnerships.events;

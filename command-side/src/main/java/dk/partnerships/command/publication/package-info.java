/**
 * Publication of every stored event to Kafka. The event store is the outbox: a tracking processor reads it in
 * order and publishes each event, advancing its token only after Kafka acknowledged, so an outage of Kafka never
 * blocks a command and publishing resumes where it stopped.
 */
package dk.partnerships.command.publication;

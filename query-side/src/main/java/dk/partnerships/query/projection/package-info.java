/**
 * What every projection shares: the envelope an event arrives in, whatever its source (the event store in-process,
 * or Kafka), and the rebuild of a projection from zero.
 */
package dk.partnerships.query.projection;

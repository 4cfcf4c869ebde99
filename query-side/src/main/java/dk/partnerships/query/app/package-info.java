/** The query side's own entry point, for running it as a separate service fed from Kafka. */
package dk.partnerships.query.app;

/**
 * Names of private persons, kept out of the immutable event log so that they can be erased on request (GDPR
 * art. 17) without altering an event or breaking the hash chain: events carry a person id, this package keeps the
 * name, answers lookups, and erases it.
 */
package dk.partnerships.command.people;

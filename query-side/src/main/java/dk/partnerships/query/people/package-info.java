/**
 * Names of persons, which the events name only by id: looked up where the names are kept (the command side's
 * person registry) each time a page, an answer or an export shows them, so an erased name disappears everywhere at
 * once and no read model holds a copy.
 */
package dk.partnerships.query.people;

/**
 * Benefits realisation: what partnerships are expected to deliver, whether anyone followed it up, and which
 * partnerships in operation nobody has looked at for a year. The rows live in the partnership-summaries read model
 * (its projector writes them, so they are rebuilt and checked with it); this package reads and shows them.
 */
package dk.partnerships.query.benefits;

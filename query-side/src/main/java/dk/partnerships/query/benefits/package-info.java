/**
 * Benefits realisation, for management: what partnerships are expected to deliver, whether anyone followed it up,
 * and which partnerships in operation nobody has looked at for a year. Endpoints and the page; the rows belong to the
 * partnership-summaries read model (its projector writes them, so they are rebuilt and checked with it) and are read
 * through {@link dk.partnerships.query.summaries.BenefitQueries}.
 */
package dk.partnerships.query.benefits;

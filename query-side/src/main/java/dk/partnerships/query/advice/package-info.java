/**
 * Advice from the central procurement and legal unit: the advisors' list of open requests with the form to answer,
 * and how long answers take per topic. The requests belong to the partnership-summaries read model and are read
 * through {@link dk.partnerships.query.summaries.AdviceQueries}.
 */
package dk.partnerships.query.advice;

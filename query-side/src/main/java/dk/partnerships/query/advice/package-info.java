/**
 * Advice from the central procurement and legal unit: the project leads' questions, the advisors' answers, the
 * advisors' list of open requests and how long answers take per topic. The rows live in the partnership-summaries read
 * model (its projector writes them); this package reads and shows them.
 */
package dk.partnerships.query.advice;

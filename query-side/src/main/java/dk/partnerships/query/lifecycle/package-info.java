/**
 * The read model "partnership-lifecycle": where partnerships are, how long they stay in each stage, what converts
 * and where they stall after a pilot or an award (the implementation gap). Its rules are {@link
 * dk.partnerships.query.lifecycle.PartnershipLifecycle#when} and {@link dk.partnerships.query.lifecycle.FigureCounts};
 * served as {@code GET /api/dashboard/lifecycle}, {@code GET /api/dashboard/implementation-gap} and the pages
 * {@code /dashboard} and {@code /gap}.
 */
package dk.partnerships.query.lifecycle;

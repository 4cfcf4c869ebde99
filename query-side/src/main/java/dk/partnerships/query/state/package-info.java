/**
 * A partnership's state as clients read it, the same shape now (the summaries read model) and on any past date (the
 * history read model's fold): records only, so the JSON, the pages and the CSV are built from one definition.
 */
package dk.partnerships.query.state;

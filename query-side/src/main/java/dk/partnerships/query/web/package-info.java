/**
 * What every page shares: the layout's model, the language (Danish by default, English by choice), error pages,
 * the sign-in page, formatting and charts. The pages themselves live with their read models; their controllers are
 * annotated {@link dk.partnerships.query.web.PageController}. Server-rendered (Thymeleaf, htmx from a WebJar).
 * <p>
 * Pages send every change through the command side's public HTTP API ({@link dk.partnerships.query.web.CommandApi}),
 * exactly as any other client does: the same validation, rules, idempotency and problem codes, whether the command
 * side runs in the same process (standalone) or elsewhere.
 */
package dk.partnerships.query.web;

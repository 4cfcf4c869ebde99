/**
 * The web pages people use: the lifecycle dashboard, the implementation gap, the partnership list and page with its
 * timeline, the lessons, and the forms project leads record with. Server-rendered (Thymeleaf, htmx from a WebJar),
 * Danish by default and English by choice.
 * <p>
 * The pages read the read models in-process, and send every change through the command side's public HTTP API
 * ({@link dk.partnerships.query.web.CommandApi}), exactly as any other client does: the same validation, rules,
 * idempotency and problem codes, whether the command side runs in the same process (standalone) or elsewhere.
 */
package dk.partnerships.query.web;

/**
 * The write API over HTTP (docs/api.md): validates input before any command is sent, adds who/when/which-request to
 * every command, honours {@code If-Match} and {@code Idempotency-Key}, and answers refusals with problem+json.
 */
package dk.partnerships.command.http;

/**
 * Who may do what, shared by the command side, the query side and the standalone product: sign-in (local
 * accounts, OpenID Connect, bearer JWTs, HTTP Basic), the four {@link dk.partnerships.security.Role roles}, and the
 * signed-in {@link dk.partnerships.security.Author author} that every write records.
 */
package dk.partnerships.security;

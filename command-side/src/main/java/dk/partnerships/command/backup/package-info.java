/**
 * Backing up the event store while the product runs ({@code GET /api/admin/backup}) and loading a backup into an
 * empty store: the event store is the data; the read models are rebuilt from it.
 */
package dk.partnerships.command.backup;

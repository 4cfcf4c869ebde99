/** The command side's own entry point, for running it as a separate service beside the query side. */
package dk.partnerships.command.app;

/**
 * The write model of a partnership: the {@link dk.partnerships.command.partnership.Partnership} aggregate, the
 * commands it accepts and the lifecycle rules it enforces. Only commands and events cross this package's border.
 */
package dk.partnerships.command.partnership;

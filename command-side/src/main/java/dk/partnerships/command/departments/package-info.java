/**
 * The departments proposals may name: reference data that administrators maintain through the API, seeded from
 * configuration on the first start.
 */
package dk.partnerships.command.departments;

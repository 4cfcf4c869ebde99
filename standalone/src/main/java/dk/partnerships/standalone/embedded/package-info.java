/** The embedded PostgreSQL that lets the product run with nothing installed but a JDK. */
package dk.partnerships.standalone.embedded;

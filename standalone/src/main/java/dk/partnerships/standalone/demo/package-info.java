/** The seed's five real cases, loaded through commands on the first start with an empty store. */
package dk.partnerships.standalone.demo;

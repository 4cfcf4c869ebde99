/**
 * Open Contracting Data Standard (OCDS 1.1.5) export of the partnerships that go through procurement: one ocid per
 * procurement process, one dated release per public-facing event. The stage mapping is documented in
 * {@link dk.partnerships.query.ocds.OcdsReleases}.
 */
package dk.partnerships.query.ocds;

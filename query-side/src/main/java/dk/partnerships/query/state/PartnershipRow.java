package dk.partnerships.query.state;

import dk.partnerships.query.people.PersonNames;

import java.time.LocalDate;

/** A partnership in a list: who, where in its lifecycle and since when. */
public record PartnershipRow(String id, String title, String kind, String department, String stage, String status,
                             String lead, String leadPersonId, boolean leadErased, LocalDate stageEnteredOn,
                             long daysInStage, long version) implements PersonNames.Led<PartnershipRow> {

    @Override
    public PartnershipRow withLead(String name, boolean erased) {
        return new PartnershipRow(id, title, kind, department, stage, status, name, leadPersonId, erased, stageEnteredOn,
                daysInStage, version);
    }

    /** The lead as a spreadsheet shows it: an erased lead says so. */
    public String leadForExport() {
        return leadErased ? "[erased]" : lead;
    }
}

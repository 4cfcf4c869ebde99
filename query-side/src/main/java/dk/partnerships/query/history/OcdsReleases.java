package dk.partnerships.query.history;

import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one partnership's history into OCDS releases. The mapping:
 * <table>
 *   <tr><th>event</th><th>release tag</th><th>what the release says</th></tr>
 *   <tr><td>proposed</td><td>planning</td><td>planning.rationale = the need; tender.status planning</td></tr>
 *   <tr><td>into MARKET_DIALOGUE</td><td>planningUpdate</td><td>tender.status planned (market consultation)</td></tr>
 *   <tr><td>into TENDER</td><td>tender</td><td>tender.status active</td></tr>
 *   <tr><td>award</td><td>award</td><td>awards[]: supplier, value in DKK, framework buyers; tender.status complete</td></tr>
 *   <tr><td>into PILOT</td><td>contract</td><td>contracts[]: the pilot contract, active</td></tr>
 *   <tr><td>pilot outcome</td><td>contractUpdate</td><td>contract description carries the outcome</td></tr>
 *   <tr><td>into IMPLEMENTATION</td><td>implementation</td><td>the contract in ordinary operation</td></tr>
 *   <tr><td>completed</td><td>contractTermination</td><td>contract status terminated (ended as planned)</td></tr>
 *   <tr><td>abandoned</td><td>tenderCancellation before an award, else contractTermination</td><td>status cancelled / terminated</td></tr>
 * </table>
 * Lessons, readiness items and holds are internal and not published. Going back to TENDER after a pilot starts a
 * follow-on procurement: a new process, ocid suffixed {@code -2}, {@code -3}, ..., linked to the earlier one with
 * {@code relatedProcesses} (relationship {@code planning}: the pilot's process is where the follow-on was planned).
 * A partnership that never reaches TENDER (e.g. a strategic partnership) is not a procurement and is not exported.
 */
final class OcdsReleases {

    /** One logged event, as the export needs it. */
    record Entry(long sequence, Instant recordedAt, PartnershipEvent event) {
    }

    private final String ocidPrefix;

    OcdsReleases(String ocidPrefix) {
        this.ocidPrefix = ocidPrefix;
    }

    List<Map<String, Object>> releases(String partnershipId, List<Entry> history) {
        boolean procurement = history.stream().anyMatch(entry -> entersTender(entry.event()));
        if (!procurement) {
            return List.of();
        }
        Process process = new Process(ocidPrefix + "-" + partnershipId);
        List<Map<String, Object>> releases = new ArrayList<>();
        for (Entry entry : history) {
            PartnershipEvent event = entry.event();
            String tag = null;
            if (event instanceof PartnershipProposedEvent e) {
                process.title = e.title();
                process.description = e.need();
                process.buyer = e.owningOrganisation();
                process.partners = e.partners();
                process.tenderStatus = "planning";
                tag = "planning";
            } else if (event instanceof StageRevertedEvent e && e.to() == Stage.TENDER && process.awarded) {
                process = process.followOn();
                process.tenderStatus = "active";
                tag = "tender";
            } else if (entersStage(event) != null) {
                Stage stage = entersStage(event);
                switch (stage) {
                    case MARKET_DIALOGUE -> {
                        process.tenderStatus = "planned";
                        tag = "planningUpdate";
                    }
                    case TENDER -> {
                        process.tenderStatus = "active";
                        tag = "tender";
                    }
                    case PILOT -> {
                        process.contractStatus = "active";
                        process.contractDescription = "Pilot";
                        tag = process.awarded ? "contract" : null;
                    }
                    case IMPLEMENTATION -> {
                        process.contractStatus = "active";
                        process.contractDescription = "In ordinary operation";
                        tag = process.awarded ? "implementation" : null;
                    }
                    default -> tag = null;
                }
            } else if (event instanceof AwardRecordedEvent e) {
                process.awarded = true;
                process.award = e;
                process.tenderStatus = "complete";
                tag = "award";
            } else if (event instanceof PilotOutcomeRecordedEvent e && process.awarded) {
                process.contractDescription = "Pilot outcome " + e.outcome() + ": " + e.findings();
                tag = "contractUpdate";
            } else if (event instanceof PartnershipCompletedEvent && process.awarded) {
                process.contractStatus = "terminated";
                tag = "contractTermination";
            } else if (event instanceof PartnershipAbandonedEvent) {
                if (process.awarded) {
                    process.contractStatus = "terminated";
                    tag = "contractTermination";
                } else {
                    process.tenderStatus = "cancelled";
                    tag = "tenderCancellation";
                }
            }
            if (tag != null) {
                releases.add(process.release(entry, tag));
            }
        }
        return releases;
    }

    private static boolean entersTender(PartnershipEvent event) {
        return entersStage(event) == Stage.TENDER;
    }

    private static Stage entersStage(PartnershipEvent event) {
        if (event instanceof StageAdvancedEvent e) {
            return e.to();
        } else if (event instanceof StageSkippedEvent e) {
            return e.to();
        } else if (event instanceof StageRevertedEvent e) {
            return e.to();
        }
        return null;
    }

    /** One contracting process: the first procurement of a partnership, or a follow-on one. */
    private static final class Process {
        private final String baseOcid;
        private final int round;
        private final String previousOcid;
        String title;
        String description;
        String buyer;
        List<String> partners = List.of();
        String tenderStatus;
        boolean awarded;
        AwardRecordedEvent award;
        String contractStatus;
        String contractDescription;

        Process(String baseOcid) {
            this(baseOcid, 1, null);
        }

        private Process(String baseOcid, int round, String previousOcid) {
            this.baseOcid = baseOcid;
            this.round = round;
            this.previousOcid = previousOcid;
        }

        String ocid() {
            return round == 1 ? baseOcid : baseOcid + "-" + round;
        }

        Process followOn() {
            Process next = new Process(baseOcid, round + 1, ocid());
            next.title = title;
            next.description = description;
            next.buyer = buyer;
            next.partners = partners;
            return next;
        }

        Map<String, Object> release(Entry entry, String tag) {
            Map<String, Object> release = new LinkedHashMap<>();
            release.put("ocid", ocid());
            release.put("id", ocid() + "-" + entry.sequence());
            release.put("date", entry.recordedAt().toString());
            release.put("tag", List.of(tag));
            release.put("initiationType", "tender");
            release.put("language", "da");
            // One party per organisation, with every role it plays in this process.
            Map<String, Map<String, Object>> parties = new LinkedHashMap<>();
            role(parties, buyer, "buyer");
            role(parties, buyer, "procuringEntity");
            partners.forEach(partner -> role(parties, partner, "interestedParty"));
            release.put("buyer", reference(buyer));
            if (tag.equals("planning") || tag.equals("planningUpdate")) {
                release.put("planning", Map.of("rationale", description));
            }
            Map<String, Object> tender = new LinkedHashMap<>();
            tender.put("id", ocid() + "-tender");
            tender.put("title", title);
            tender.put("description", description);
            tender.put("status", tenderStatus);
            release.put("tender", tender);
            if (awarded) {
                Map<String, Object> supplier = reference(award.supplier());
                role(parties, award.supplier(), "supplier");
                award.buyers().forEach(name -> role(parties, name, "buyer"));
                Map<String, Object> awardSection = new LinkedHashMap<>();
                awardSection.put("id", ocid() + "-award");
                awardSection.put("status", "active");
                awardSection.put("date", award.effectiveDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString());
                if (award.valueDkk() != null) {
                    awardSection.put("value", Map.of("amount", award.valueDkk(), "currency", "DKK"));
                }
                awardSection.put("suppliers", List.of(supplier));
                awardSection.put("description", award.frameworkAgreement()
                        ? "Framework agreement signed by " + award.buyerCount() + " organisations" : "Contract");
                release.put("awards", List.of(awardSection));
                if (contractStatus != null) {
                    Map<String, Object> contract = new LinkedHashMap<>();
                    contract.put("id", ocid() + "-contract");
                    contract.put("awardID", ocid() + "-award");
                    contract.put("status", contractStatus);
                    contract.put("description", contractDescription);
                    release.put("contracts", List.of(contract));
                }
            }
            release.put("parties", new ArrayList<>(parties.values()));
            if (previousOcid != null) {
                release.put("relatedProcesses", List.of(Map.of("id", "1", "relationship", List.of("planning"),
                        "title", title, "scheme", "ocid", "identifier", previousOcid)));
            }
            return release;
        }

        private static Map<String, Object> reference(String name) {
            Map<String, Object> reference = new LinkedHashMap<>();
            reference.put("id", "org-" + slug(name));
            reference.put("name", name);
            return reference;
        }

        @SuppressWarnings("unchecked")
        private static void role(Map<String, Map<String, Object>> parties, String name, String role) {
            Map<String, Object> party = parties.computeIfAbsent(name, n -> {
                Map<String, Object> created = reference(n);
                created.put("roles", new ArrayList<String>());
                return created;
            });
            List<String> roles = (List<String>) party.get("roles");
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }

        private static String slug(String name) {
            String ascii = Normalizer.normalize(name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
                    .replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa"), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
            return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }
    }
}

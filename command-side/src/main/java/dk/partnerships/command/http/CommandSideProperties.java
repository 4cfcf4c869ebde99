package dk.partnerships.command.http;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code partnerships.*} settings the write side reads.
 *
 * @param owningOrganisation the organisation that owns new partnerships (the deploying municipality)
 * @param timeZone           the zone in which "today" is decided, for effective dates
 * @param departments        the departments (code: Danish name) the department registry starts with when empty;
 *                           afterwards administrators maintain them (see the departments package)
 * @param aggregateCacheSize how many partnerships the write side keeps in memory between commands (10,000 unless set)
 */
@ConfigurationProperties(prefix = "partnerships")
public record CommandSideProperties(String owningOrganisation, ZoneId timeZone, Map<String, String> departments,
                                    Integer aggregateCacheSize) {

    /** Copenhagen's departments, as named in the source document. */
    public static final Map<String, String> DEFAULT_DEPARTMENTS;

    static {
        Map<String, String> departments = new LinkedHashMap<>();
        departments.put("OKF", "Økonomiforvaltningen");
        departments.put("SUF", "Sundheds- og Omsorgsforvaltningen");
        departments.put("TMF", "Teknik- og Miljøforvaltningen");
        departments.put("BUF", "Børne- og Ungdomsforvaltningen");
        departments.put("KFF", "Kultur- og Fritidsforvaltningen");
        departments.put("SOF", "Socialforvaltningen");
        departments.put("BIF", "Beskæftigelses- og Integrationsforvaltningen");
        DEFAULT_DEPARTMENTS = Map.copyOf(departments);
    }

    public CommandSideProperties {
        owningOrganisation = owningOrganisation == null || owningOrganisation.isBlank() ? "Københavns Kommune" : owningOrganisation;
        timeZone = timeZone == null ? ZoneId.of("Europe/Copenhagen") : timeZone;
        departments = departments == null || departments.isEmpty() ? DEFAULT_DEPARTMENTS : Map.copyOf(departments);
        aggregateCacheSize = aggregateCacheSize == null ? 10_000 : aggregateCacheSize;
    }
}

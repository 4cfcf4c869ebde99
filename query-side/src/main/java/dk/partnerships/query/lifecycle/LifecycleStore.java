package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import dk.partnerships.query.projection.CopyRows;
import dk.partnerships.query.projection.SqlArrays;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The lifecycle read model's storage: reads partnerships as {@link PartnershipLifecycle}s and writes back what
 * changed — their rows, their stays, and the kept figures moved by the difference. SQL here stores and finds rows;
 * what they hold is decided in Java.
 */
final class LifecycleStore {

    /** The columns of {@code partnership_lifecycle}, in the order of {@link #partnershipValues}. */
    private static final List<String> PARTNERSHIP_COLUMNS = List.of("partnership_id", "version", "title",
            "department", "kind", "proposed_on", "stage", "status", "pilot_succeeded_on", "awarded_on", "had_pilot",
            "implemented_on", "closed_on", "closed_reason", "reached_stages", "furthest_stage", "waiting_since",
            "stage_entered_on", "on_hold_since");

    /** What a proposal fixes: an upsert leaves these alone. */
    private static final List<String> FIXED_COLUMNS = List.of("partnership_id", "title", "department", "kind",
            "proposed_on");

    private static final String UPSERT_PARTNERSHIP = "INSERT INTO partnership_lifecycle ("
            + String.join(", ", PARTNERSHIP_COLUMNS) + ") VALUES (" + PARTNERSHIP_COLUMNS.stream()
            .map(column -> column.equals("reached_stages") ? "CAST(:reached_stages AS text[])" : ":" + column)
            .collect(Collectors.joining(", ")) + ") ON CONFLICT (partnership_id) DO UPDATE SET "
            + PARTNERSHIP_COLUMNS.stream().filter(column -> !FIXED_COLUMNS.contains(column))
            .map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));

    private static final List<String> STAY_COLUMNS = List.of("partnership_id", "sequence", "stage", "entered_on",
            "left_on", "first_in_quarter");

    private static final List<String> ITEM_COLUMNS = List.of("partnership_id", "item_id", "type", "description",
            "owner", "added_on");

    private static final String UPSERT_STAY = """
            INSERT INTO partnership_stage_stay (partnership_id, sequence, stage, entered_on, left_on, first_in_quarter)
            VALUES (:partnership_id, :sequence, :stage, :entered_on, :left_on, :first_in_quarter)
            ON CONFLICT (partnership_id, sequence) DO UPDATE SET left_on = EXCLUDED.left_on""";

    private static final String ADD_ITEM = """
            INSERT INTO lifecycle_readiness_item (partnership_id, item_id, type, description, owner, added_on)
            VALUES (:partnership_id, :item_id, :type, :description, :owner, :added_on)""";

    private static final String REMOVE_ITEM =
            "DELETE FROM lifecycle_readiness_item WHERE partnership_id = :partnership_id AND item_id = :item_id";

    private LifecycleStore() {
    }

    /** The versions of the partnerships with these ids that the read model holds, their rows locked for this transaction. */
    static Map<String, Long> lockVersions(NamedParameterJdbcOperations jdbc, Collection<String> ids) {
        Map<String, Long> versions = new LinkedHashMap<>();
        jdbc.query("""
                        SELECT partnership_id, version FROM partnership_lifecycle
                        WHERE partnership_id = ANY (CAST(:ids AS text[])) FOR UPDATE""",
                new MapSqlParameterSource("ids", SqlArrays.text(ids)),
                (ResultSet rs) -> {
                    versions.put(rs.getString("partnership_id"), rs.getLong("version"));
                });
        return versions;
    }

    /** The partnerships with these ids that the read model holds, locked for this transaction. */
    static Map<String, PartnershipLifecycle> load(NamedParameterJdbcOperations jdbc, Collection<String> ids) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("ids", SqlArrays.text(ids));
        Map<String, List<StageStay>> stays = new HashMap<>();
        jdbc.query("""
                        SELECT partnership_id, sequence, stage, entered_on, left_on, first_in_quarter
                        FROM partnership_stage_stay WHERE partnership_id = ANY (CAST(:ids AS text[]))
                        ORDER BY partnership_id, sequence""", parameters,
                (ResultSet rs) -> {
                    stays.computeIfAbsent(rs.getString("partnership_id"), id -> new ArrayList<>())
                            .add(new StageStay(rs.getLong("sequence"), Stage.valueOf(rs.getString("stage")),
                                    date(rs, "entered_on"), date(rs, "left_on"), rs.getBoolean("first_in_quarter")));
                });
        Map<String, Map<String, OpenReadinessItem>> items = new HashMap<>();
        jdbc.query("""
                        SELECT partnership_id, item_id, type, description, owner, added_on FROM lifecycle_readiness_item
                        WHERE partnership_id = ANY (CAST(:ids AS text[]))""", parameters,
                (ResultSet rs) -> {
                    items.computeIfAbsent(rs.getString("partnership_id"), id -> new HashMap<>())
                            .put(rs.getString("item_id"), new OpenReadinessItem(rs.getString("item_id"),
                                    ReadinessType.valueOf(rs.getString("type")), rs.getString("description"),
                                    rs.getString("owner"), date(rs, "added_on")));
                });
        Map<String, PartnershipLifecycle> partnerships = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM partnership_lifecycle WHERE partnership_id = ANY (CAST(:ids AS text[])) FOR UPDATE",
                parameters, (ResultSet rs) -> {
                    String id = rs.getString("partnership_id");
                    partnerships.put(id, new PartnershipLifecycle(id, rs.getLong("version"), rs.getString("title"),
                            rs.getString("department"), PartnershipKind.valueOf(rs.getString("kind")),
                            date(rs, "proposed_on"), Stage.valueOf(rs.getString("stage")),
                            PartnershipStatus.valueOf(rs.getString("status")), date(rs, "on_hold_since"),
                            items.getOrDefault(id, Map.of()), date(rs, "pilot_succeeded_on"), date(rs, "awarded_on"),
                            rs.getBoolean("had_pilot"), date(rs, "implemented_on"), date(rs, "closed_on"),
                            rs.getString("closed_reason"), stages(rs.getArray("reached_stages")),
                            Stage.valueOf(rs.getString("furthest_stage")), stays.getOrDefault(id, List.of())));
                });
        return partnerships;
    }

    /**
     * Writes the partnerships that differ from what was loaded, and moves the kept figures by the difference.
     *
     * @return the figure cells that moved (empty when no figure changed)
     */
    static SortedMap<FigureCell, long[]> write(NamedParameterJdbcOperations jdbc, Map<String, PartnershipLifecycle> before,
                                                Collection<PartnershipLifecycle> after) {
        List<SqlParameterSource> rows = new ArrayList<>();
        List<SqlParameterSource> stays = new ArrayList<>();
        List<SqlParameterSource> itemsAdded = new ArrayList<>();
        List<SqlParameterSource> itemsRemoved = new ArrayList<>();
        FigureCounts moved = new FigureCounts();
        for (PartnershipLifecycle partnership : after) {
            PartnershipLifecycle old = before.get(partnership.partnershipId());
            if (partnership.equals(old)) {
                continue;
            }
            rows.add(row(partnership));
            Map<Long, StageStay> oldStays = old == null ? Map.of() : old.stays().stream()
                    .collect(Collectors.toMap(StageStay::sequence, stay -> stay));
            for (StageStay stay : partnership.stays()) {
                if (!stay.equals(oldStays.get(stay.sequence()))) {
                    stays.add(stay(partnership.partnershipId(), stay));
                }
            }
            Map<String, OpenReadinessItem> oldItems = old == null ? Map.of() : old.openReadinessItems();
            partnership.openReadinessItems().values().stream().filter(item -> !oldItems.containsKey(item.itemId()))
                    .forEach(item -> itemsAdded.add(item(partnership.partnershipId(), item)));
            oldItems.values().stream().filter(item -> !partnership.openReadinessItems().containsKey(item.itemId()))
                    .forEach(item -> itemsRemoved.add(item(partnership.partnershipId(), item)));
            moved.add(FigureCounts.of(partnership), 1);
            if (old != null) {
                moved.add(FigureCounts.of(old), -1);
            }
        }
        batch(jdbc, UPSERT_PARTNERSHIP, rows);
        batch(jdbc, UPSERT_STAY, stays);
        batch(jdbc, REMOVE_ITEM, itemsRemoved);
        batch(jdbc, ADD_ITEM, itemsAdded);
        SortedMap<FigureCell, long[]> cells = moved.nonZero();
        writeFigures(jdbc, cells);
        return cells;
    }

    /**
     * Adds each cell's counts to its row, creating it when missing, in key order; a row whose counts all fall to zero
     * is removed, so the tables hold exactly the cells some partnership counts in.
     */
    private static void writeFigures(NamedParameterJdbcOperations jdbc, SortedMap<FigureCell, long[]> cells) {
        for (FigureTable table : FigureTable.values()) {
            List<SqlParameterSource> added = new ArrayList<>();
            List<SqlParameterSource> maybeEmptied = new ArrayList<>();
            cells.forEach((cell, counts) -> {
                if (cell.table() != table) {
                    return;
                }
                MapSqlParameterSource parameters = new MapSqlParameterSource();
                for (int i = 0; i < cell.key().size(); i++) {
                    parameters.addValue("k" + i, cell.key().get(i));
                }
                for (int i = 0; i < counts.length; i++) {
                    parameters.addValue("c" + i, counts[i]);
                }
                added.add(parameters);
                if (Arrays.stream(counts).anyMatch(count -> count < 0)) {
                    maybeEmptied.add(parameters);
                }
            });
            if (added.isEmpty()) {
                continue;
            }
            List<String> keys = table.keyColumns;
            List<String> counts = table.countColumns;
            batch(jdbc, "INSERT INTO " + table.table + " (" + String.join(", ", keys) + ", " + String.join(", ", counts)
                    + ") VALUES (" + placeholders("k", keys.size()) + ", " + placeholders("c", counts.size()) + ")"
                    + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
                    + counts.stream().map(c -> c + " = " + table.table + "." + c + " + EXCLUDED." + c)
                    .collect(Collectors.joining(", ")), added);
            batch(jdbc, "DELETE FROM " + table.table + " WHERE " + matching(keys, "k") + " AND "
                    + counts.stream().map(c -> c + " = 0").collect(Collectors.joining(" AND ")), maybeEmptied);
        }
    }

    private static String placeholders(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(":" + prefix + i);
        }
        return String.join(", ", names);
    }

    private static String matching(List<String> columns, String prefix) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            conditions.add(columns.get(i) + " = :" + prefix + i);
        }
        return String.join(" AND ", conditions);
    }

    private static void batch(NamedParameterJdbcOperations jdbc, String sql, List<SqlParameterSource> parameters) {
        if (!parameters.isEmpty()) {
            jdbc.batchUpdate(sql, parameters.toArray(SqlParameterSource[]::new));
        }
    }

    private static Object[] partnershipValues(PartnershipLifecycle p) {
        return new Object[]{p.partnershipId(), p.version(), p.title(), p.department(), p.kind().name(),
                p.proposedOn(), p.stage().name(), p.status().name(), p.pilotSucceededOn(), p.awardedOn(),
                p.hadPilot(), p.implementedOn(), p.closedOn(), p.closedReason(),
                p.reachedStages().stream().map(Stage::name).toList(), p.furthestStage().name(), p.waitingSince(),
                p.stageEnteredOn(), p.onHoldSince()};
    }

    private static Object[] stayValues(String partnershipId, StageStay stay) {
        return new Object[]{partnershipId, stay.sequence(), stay.stage().name(), stay.enteredOn(), stay.leftOn(),
                stay.firstInQuarter()};
    }

    private static Object[] itemValues(String partnershipId, OpenReadinessItem item) {
        return new Object[]{partnershipId, item.itemId(), item.type().name(), item.description(), item.owner(),
                item.addedOn()};
    }

    /** Named parameters by column name, a text[] column's list as an SQL array. */
    private static SqlParameterSource parameters(List<String> columns, Object[] values) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        for (int i = 0; i < values.length; i++) {
            parameters.addValue(columns.get(i), values[i] instanceof List<?> texts
                    ? SqlArrays.text(texts.stream().map(Object::toString).toList()) : values[i]);
        }
        return parameters;
    }

    private static SqlParameterSource row(PartnershipLifecycle p) {
        return parameters(PARTNERSHIP_COLUMNS, partnershipValues(p));
    }

    private static SqlParameterSource item(String partnershipId, OpenReadinessItem item) {
        return parameters(ITEM_COLUMNS, itemValues(partnershipId, item));
    }

    private static SqlParameterSource stay(String partnershipId, StageStay stay) {
        return parameters(STAY_COLUMNS, stayValues(partnershipId, stay));
    }

    /**
     * Copies folded partnerships into empty tables (a rebuild's scratch copy): their rows, stays and open items,
     * and the figures they add up to, each table in one {@code COPY}.
     */
    static void copyAll(Connection scratch, Collection<PartnershipLifecycle> partnerships) {
        FigureCounts figures = new FigureCounts();
        try (CopyRows rows = CopyRows.into(scratch, "partnership_lifecycle", PARTNERSHIP_COLUMNS)) {
            for (PartnershipLifecycle partnership : partnerships) {
                rows.add(partnershipValues(partnership));
                figures.add(FigureCounts.of(partnership), 1);
            }
            rows.finish();
        }
        try (CopyRows rows = CopyRows.into(scratch, "partnership_stage_stay", STAY_COLUMNS)) {
            partnerships.forEach(p -> p.stays().forEach(stay -> rows.add(stayValues(p.partnershipId(), stay))));
            rows.finish();
        }
        try (CopyRows rows = CopyRows.into(scratch, "lifecycle_readiness_item", ITEM_COLUMNS)) {
            partnerships.forEach(p -> p.openReadinessItems().values()
                    .forEach(item -> rows.add(itemValues(p.partnershipId(), item))));
            rows.finish();
        }
        SortedMap<FigureCell, long[]> cells = figures.nonZero();
        for (FigureTable table : FigureTable.values()) {
            List<String> columns = new ArrayList<>(table.keyColumns);
            columns.addAll(table.countColumns);
            try (CopyRows rows = CopyRows.into(scratch, table.table, columns)) {
                cells.forEach((cell, counts) -> {
                    if (cell.table() == table) {
                        List<Object> values = new ArrayList<>(cell.key());
                        Arrays.stream(counts).forEach(values::add);
                        rows.add(values.toArray());
                    }
                });
                rows.finish();
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Set<Stage> stages(Array array) throws SQLException {
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        strings(array).stream().map(Stage::valueOf).forEach(stages::add);
        return stages;
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}

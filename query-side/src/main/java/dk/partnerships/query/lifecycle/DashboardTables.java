package dk.partnerships.query.lifecycle;

import dk.partnerships.events.Stage;
import dk.partnerships.query.Csv;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The dashboards' figures as tables, one per CSV file: the API's {@code format=csv&table=...} and the pages'
 * downloads write the same tables. Each table names its columns, so an empty one still has its header.
 */
public final class DashboardTables {

    /** One table: typed rows and the columns drawn from them. */
    public record Table<T>(List<T> rows, List<Csv.Column<T>> columns) {

        public String csv(Csv.Dialect dialect) {
            return Csv.table(rows, columns, dialect);
        }
    }

    /** A row keyed by stage or department, and its value. */
    private record Keyed<V>(String key, V value) {

        static <V> List<Keyed<V>> of(Map<String, V> map) {
            List<Keyed<V>> rows = new ArrayList<>();
            map.forEach((key, value) -> rows.add(new Keyed<>(key, value)));
            return rows;
        }
    }

    /** A stage's conversion share with the counts behind it. */
    private record Conversion(String stage, BigDecimal shareWentOn, LifecycleDashboard.ConversionCount counts) {
    }

    /** A department's pilot-to-implementation rate with the counts behind it. */
    private record Rate(String department, BigDecimal rate, ImplementationGap.RateCounts counts) {
    }

    private static final Map<String, Function<LifecycleDashboard, Table<?>>> LIFECYCLE = new LinkedHashMap<>();
    private static final Map<String, Function<ImplementationGap, Table<?>>> GAP = new LinkedHashMap<>();
    private static final Map<String, Function<TimeToImplementation, Table<?>>> TIME = new LinkedHashMap<>();

    /** One point of one group's curve. */
    private record CurvePoint(String key, int days, BigDecimal share) {
    }

    static {
        LIFECYCLE.put("byStage", figures -> new Table<>(Keyed.of(figures.byStage()), List.of(
                Csv.Column.of("stage", Keyed::key), Csv.Column.of("active", Keyed::value))));
        LIFECYCLE.put("byDepartment", figures -> {
            List<Csv.Column<Keyed<Map<String, Long>>>> columns = new ArrayList<>();
            columns.add(Csv.Column.of("department", Keyed::key));
            for (Stage stage : Stage.values()) {
                columns.add(Csv.Column.of(stage.name(), row -> row.value().get(stage.name())));
            }
            return new Table<>(Keyed.of(figures.byDepartment()), columns);
        });
        LIFECYCLE.put("conversion", figures -> new Table<>(figures.conversion().entrySet().stream()
                .map(share -> new Conversion(share.getKey(), share.getValue(),
                        figures.conversionCounts().get(share.getKey()))).toList(), List.of(
                Csv.Column.of("stage", Conversion::stage), Csv.Column.of("shareWentOn", Conversion::shareWentOn),
                Csv.Column.of("entered", row -> row.counts().entered()),
                Csv.Column.of("wentOn", row -> row.counts().wentOn()))));
        LIFECYCLE.put("timeInStage", figures -> new Table<>(Keyed.of(figures.timeInStage()), List.of(
                Csv.Column.of("stage", Keyed::key), Csv.Column.of("medianDays", row -> row.value().medianDays()),
                Csv.Column.of("p90Days", row -> row.value().p90Days()),
                Csv.Column.of("finishedStays", row -> row.value().finishedStays()))));
        LIFECYCLE.put("quarterlyTrend", figures -> {
            List<Csv.Column<LifecycleDashboard.Quarter>> columns = new ArrayList<>();
            columns.add(Csv.Column.of("quarter", LifecycleDashboard.Quarter::quarter));
            for (QuarterFigure figure : QuarterFigure.values()) {
                columns.add(Csv.Column.of(figure.key(), quarter -> quarter.count(figure)));
            }
            return new Table<>(figures.quarterlyTrend(), columns);
        });

        GAP.put("stalledInStage", gap -> new Table<>(gap.stalledInStage(), List.of(
                Csv.Column.of("id", ImplementationGap.StalledInStage::id),
                Csv.Column.of("title", ImplementationGap.StalledInStage::title),
                Csv.Column.of("department", ImplementationGap.StalledInStage::department),
                Csv.Column.of("stage", ImplementationGap.StalledInStage::stage),
                Csv.Column.of("stageEnteredOn", ImplementationGap.StalledInStage::stageEnteredOn),
                Csv.Column.of("daysInStage", ImplementationGap.StalledInStage::daysInStage),
                Csv.Column.of("thresholdDays", ImplementationGap.StalledInStage::thresholdDays))));
        GAP.put("onHold", gap -> new Table<>(gap.onHold(), List.of(
                Csv.Column.of("id", ImplementationGap.OnHold::id), Csv.Column.of("title", ImplementationGap.OnHold::title),
                Csv.Column.of("department", ImplementationGap.OnHold::department),
                Csv.Column.of("stage", ImplementationGap.OnHold::stage),
                Csv.Column.of("daysInStage", ImplementationGap.OnHold::daysInStage),
                Csv.Column.of("onHoldSince", ImplementationGap.OnHold::onHoldSince),
                Csv.Column.of("daysOnHold", ImplementationGap.OnHold::daysOnHold))));
        GAP.put("stalledAfterPilot", gap -> new Table<>(gap.stalledAfterPilot(), List.of(
                Csv.Column.of("id", ImplementationGap.Stalled::id), Csv.Column.of("title", ImplementationGap.Stalled::title),
                Csv.Column.of("department", ImplementationGap.Stalled::department),
                Csv.Column.of("kind", ImplementationGap.Stalled::kind), Csv.Column.of("stage", ImplementationGap.Stalled::stage),
                Csv.Column.of("status", ImplementationGap.Stalled::status),
                Csv.Column.of("trigger", ImplementationGap.Stalled::trigger),
                Csv.Column.of("waitingSince", ImplementationGap.Stalled::waitingSince),
                Csv.Column.of("daysWaiting", ImplementationGap.Stalled::daysWaiting))));
        GAP.put("openReadinessItems", gap -> new Table<>(gap.openReadinessItems(), List.of(
                Csv.Column.of("partnershipId", ImplementationGap.OpenItem::partnershipId),
                Csv.Column.of("title", ImplementationGap.OpenItem::title),
                Csv.Column.of("department", ImplementationGap.OpenItem::department),
                Csv.Column.of("stage", ImplementationGap.OpenItem::stage),
                Csv.Column.of("itemId", ImplementationGap.OpenItem::itemId),
                Csv.Column.of("type", ImplementationGap.OpenItem::type),
                Csv.Column.of("description", ImplementationGap.OpenItem::description),
                Csv.Column.of("owner", ImplementationGap.OpenItem::owner),
                Csv.Column.of("addedOn", ImplementationGap.OpenItem::addedOn),
                Csv.Column.of("daysOpen", ImplementationGap.OpenItem::daysOpen))));
        GAP.put("abandonedAfterSuccessfulPilot", gap -> new Table<>(gap.abandonedAfterSuccessfulPilot(), List.of(
                Csv.Column.of("id", ImplementationGap.AbandonedAfterPilot::id),
                Csv.Column.of("title", ImplementationGap.AbandonedAfterPilot::title),
                Csv.Column.of("department", ImplementationGap.AbandonedAfterPilot::department),
                Csv.Column.of("kind", ImplementationGap.AbandonedAfterPilot::kind),
                Csv.Column.of("stage", ImplementationGap.AbandonedAfterPilot::stage),
                Csv.Column.of("pilotSucceededOn", ImplementationGap.AbandonedAfterPilot::pilotSucceededOn),
                Csv.Column.of("abandonedOn", ImplementationGap.AbandonedAfterPilot::abandonedOn),
                Csv.Column.of("reason", ImplementationGap.AbandonedAfterPilot::reason))));
        GAP.put("pilotToImplementationRate", gap -> new Table<>(gap.pilotToImplementationRate().entrySet().stream()
                .map(rate -> new Rate(rate.getKey(), rate.getValue(),
                        gap.pilotToImplementationCounts().get(rate.getKey()))).toList(), List.of(
                Csv.Column.of("department", Rate::department), Csv.Column.of("rate", Rate::rate),
                Csv.Column.of("succeeded", row -> row.counts().succeeded()),
                Csv.Column.of("implemented", row -> row.counts().implemented()))));
    }

    static {
        TIME.put("groups", time -> new Table<>(time.groups(), List.of(
                Csv.Column.of(time.by(), TimeToImplementation.Group::key),
                Csv.Column.of("partnerships", TimeToImplementation.Group::partnerships),
                Csv.Column.of("reachedImplementation", TimeToImplementation.Group::reachedImplementation),
                Csv.Column.of("abandonedBefore", TimeToImplementation.Group::abandonedBefore),
                Csv.Column.of("stillOpen", TimeToImplementation.Group::stillOpen),
                Csv.Column.of("medianDays", TimeToImplementation.Group::medianDays))));
        TIME.put("curve", time -> new Table<>(time.groups().stream().flatMap(group -> group.curve().stream()
                .map(point -> new CurvePoint(group.key(), point.days(), point.share()))).toList(), List.of(
                Csv.Column.of(time.by(), CurvePoint::key), Csv.Column.of("days", CurvePoint::days),
                Csv.Column.of("share", CurvePoint::share))));
    }

    private DashboardTables() {
    }

    public static Set<String> timeToImplementationTables() {
        return TIME.keySet();
    }

    /** A table of the time to implementation, or null when there is no table of that name. */
    public static Table<?> timeToImplementation(TimeToImplementation figures, String table) {
        Function<TimeToImplementation, Table<?>> build = TIME.get(table);
        return build == null ? null : build.apply(figures);
    }

    public static Set<String> lifecycleTables() {
        return LIFECYCLE.keySet();
    }

    public static Set<String> gapTables() {
        return GAP.keySet();
    }

    /** A table of the lifecycle dashboard, or null when there is no table of that name. */
    public static Table<?> lifecycle(LifecycleDashboard figures, String table) {
        Function<LifecycleDashboard, Table<?>> build = LIFECYCLE.get(table);
        return build == null ? null : build.apply(figures);
    }

    /** A table of the implementation gap, or null when there is no table of that name. */
    public static Table<?> gap(ImplementationGap figures, String table) {
        Function<ImplementationGap, Table<?>> build = GAP.get(table);
        return build == null ? null : build.apply(figures);
    }
}

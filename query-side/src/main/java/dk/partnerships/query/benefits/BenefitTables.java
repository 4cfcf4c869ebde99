package dk.partnerships.query.benefits;

import dk.partnerships.query.summaries.BenefitQueries;
import dk.partnerships.query.summaries.BenefitsDashboard;
import dk.partnerships.query.Csv;

import java.util.List;
import java.util.Set;

/** The benefits dashboard as CSV tables: the API's {@code format=csv&table=...} and the page's downloads. */
final class BenefitTables {

    static final String BENEFITS = "benefits";


    static final List<Csv.Column<BenefitsDashboard.CategoryFigures>> CATEGORIES = List.of(
            Csv.Column.of("category", BenefitsDashboard.CategoryFigures::category),
            Csv.Column.of("declared", BenefitsDashboard.CategoryFigures::declared),
            Csv.Column.of("followedUp", BenefitsDashboard.CategoryFigures::followedUp),
            Csv.Column.of("achieved", BenefitsDashboard.CategoryFigures::achieved),
            Csv.Column.of("partlyAchieved", BenefitsDashboard.CategoryFigures::partlyAchieved),
            Csv.Column.of("notAchieved", BenefitsDashboard.CategoryFigures::notAchieved),
            Csv.Column.of("tooEarly", BenefitsDashboard.CategoryFigures::tooEarly),
            Csv.Column.of("partnerships", BenefitsDashboard.CategoryFigures::partnerships));

    static final List<Csv.Column<BenefitsDashboard.OverdueFollowUp>> OVERDUE = List.of(
            Csv.Column.of("id", BenefitsDashboard.OverdueFollowUp::id),
            Csv.Column.of("title", BenefitsDashboard.OverdueFollowUp::title),
            Csv.Column.of("department", BenefitsDashboard.OverdueFollowUp::department),
            Csv.Column.of("stage", BenefitsDashboard.OverdueFollowUp::stage),
            Csv.Column.of("status", BenefitsDashboard.OverdueFollowUp::status),
            Csv.Column.of("benefits", BenefitsDashboard.OverdueFollowUp::benefits),
            Csv.Column.of("inOperationSince", BenefitsDashboard.OverdueFollowUp::inOperationSince),
            Csv.Column.of("lastFollowUpOn", BenefitsDashboard.OverdueFollowUp::lastFollowUpOn),
            Csv.Column.of("dueOn", BenefitsDashboard.OverdueFollowUp::dueOn),
            Csv.Column.of("daysOverdue", BenefitsDashboard.OverdueFollowUp::daysOverdue));

    static final List<Csv.Column<BenefitQueries.BenefitRow>> ROWS = List.of(
            Csv.Column.of("partnershipId", BenefitQueries.BenefitRow::partnershipId),
            Csv.Column.of("title", BenefitQueries.BenefitRow::title),
            Csv.Column.of("department", BenefitQueries.BenefitRow::department),
            Csv.Column.of("kind", BenefitQueries.BenefitRow::kind),
            Csv.Column.of("stage", BenefitQueries.BenefitRow::stage),
            Csv.Column.of("status", BenefitQueries.BenefitRow::status),
            Csv.Column.of("category", BenefitQueries.BenefitRow::category),
            Csv.Column.of("description", BenefitQueries.BenefitRow::description),
            Csv.Column.of("unit", BenefitQueries.BenefitRow::unit),
            Csv.Column.of("expected", BenefitQueries.BenefitRow::expected),
            Csv.Column.of("declaredOn", BenefitQueries.BenefitRow::declaredOn),
            Csv.Column.of("followUps", BenefitQueries.BenefitRow::followUps),
            Csv.Column.of("assessment", BenefitQueries.BenefitRow::assessment),
            Csv.Column.of("realised", BenefitQueries.BenefitRow::realised),
            Csv.Column.of("followedUpOn", BenefitQueries.BenefitRow::followedUpOn));

    /** The tables a download may ask for. */
    static final Set<String> TABLES = Set.of("categories", "followUpsOverdue", BENEFITS);

    private BenefitTables() {
    }

    /** The table as CSV, or null when there is no table of that name. */
    static String csv(String table, BenefitQueries queries, BenefitQueries.Filters filters, int rows, Csv.Dialect dialect) {
        return switch (table) {
            case "categories" -> Csv.table(queries.dashboard(filters, 0).categories(), CATEGORIES, dialect);
            case "followUpsOverdue" -> Csv.table(queries.dashboard(filters, rows).followUpsOverdue(), OVERDUE, dialect);
            case BENEFITS -> Csv.table(queries.rows(filters, rows), ROWS, dialect);
            default -> null;
        };
    }
}

package dk.partnerships.query.lessons;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * How lessons are searched by their words: the text searched (the expression of the full-text index
 * {@code partnership_lesson_search}, V3, for a lesson aliased {@code l}), the words as a query (parameter
 * {@code :q}, Danish and English stemming), and the searches run with a plan made for the words searched.
 * <p>
 * Why the plan: after a statement has run five times on a connection it is prepared on the server, and PostgreSQL may then
 * reuse one generic plan for any words. That plan cannot know how many lessons a word matches and assumes few: for a
 * word in every lesson it ranked all 250,000 before filtering by department (1.3 s instead of 0.5 s).
 * <p>
 * And without parallel workers: PostgreSQL starts them per query, which on two cores cost a search that finds a
 * handful of lessons 25 ms instead of under one, and gained nothing on a search that finds 36,000 (0.49 s either
 * way). Both settings hold for the search's own transaction only.
 */
final class LessonTextSearch {

    /** A lesson's text as searched; the same expression as its full-text index, so the index serves it. */
    static final String TEXT = "to_tsvector('danish', l.text) || to_tsvector('english', l.text)";
    /** The words of {@code :q} as a text search query. */
    static final String QUERY = "websearch_to_tsquery('danish', :q) || websearch_to_tsquery('english', :q)";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    LessonTextSearch(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Runs the search in a transaction of its own with those settings. */
    <T> T run(Supplier<T> search) {
        return transaction.execute(status -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
            return search.get();
        });
    }
}

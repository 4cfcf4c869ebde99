package dk.partnerships.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Dashboard figures computed once per state of the database and shared by every reader until something changes.
 * <p>
 * Why: the data change rarely (a municipality records a few changes an hour) while many people open the dashboard.
 * The key holds the change counters the figures depend on ({@code read_model_change}: a read model's, which its
 * projection bumps in the same transaction as every change and a rebuild bumps when it swaps the rows in, or the
 * kept figures' own, bumped whenever a figure may move); they are read <em>before</em> computing, so a figure is
 * never older than the last change a reader could have seen, and a change made while figures were being computed
 * makes the next reader compute again. It also holds today's date,
 * because ages are counted in days. A read that waits for its own write ({@code minVersion}) finds the counters
 * moved and gets fresh figures.
 */
public final class FiguresCache<T> {

    private static final int MAX_ENTRIES = 128;

    private record Entry<T>(String position, LocalDate day, T figures) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<List<Object>, Entry<T>> entries = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Entry<T>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private final List<String> watched;

    /** @param watched the change counters ({@code read_model_change}) the figures depend on */
    public FiguresCache(JdbcClient jdbc, Clock clock, List<String> watched) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.watched = List.copyOf(watched);
    }

    /**
     * The figures for {@code key} (the filters), computed by {@code compute} when anything changed since. Figures are
     * shared between readers: {@code T} must be immutable.
     */
    public T get(List<Object> key, Supplier<T> compute) {
        String position = position();
        LocalDate today = LocalDate.now(clock);
        Entry<T> entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry != null && entry.position().equals(position) && entry.day().equals(today)) {
            return entry.figures();
        }
        T figures = compute.get();
        synchronized (entries) {
            entries.put(key, new Entry<>(position, today, figures));
        }
        return figures;
    }

    /** The watched change counters, e.g. {@code 1042,1042}. */
    private String position() {
        return jdbc.sql("""
                        SELECT string_agg(changes::text, ',' ORDER BY read_model) FROM read_model_change
                        WHERE read_model IN (:watched)""")
                .param("watched", watched).query(String.class).single();
    }
}

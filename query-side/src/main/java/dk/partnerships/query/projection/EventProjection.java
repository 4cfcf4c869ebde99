package dk.partnerships.query.projection;

/**
 * A read model fed by partnership events. Implementations apply each event at most once (they dedupe by partnership
 * id and sequence), so any source may deliver at least once.
 */
public interface EventProjection {

    /** The projection's name, used for its processing group, metrics and rebuilds. */
    String name();

    /** @return whether the event changed the read model ({@code false} for a duplicate) */
    boolean apply(ProjectedEvent event);

    /** Empties the read model before a rebuild from the first event. */
    void clear();

    /** The same projection writing through another connection, e.g. into a scratch schema during a rebuild. */
    EventProjection writingTo(org.springframework.jdbc.core.simple.JdbcClient jdbc);

    /** The projection's tables, parents before children (the order in which to copy them). */
    java.util.List<String> tables();
}

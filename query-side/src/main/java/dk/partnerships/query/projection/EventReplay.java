package dk.partnerships.query.projection;

import java.util.function.Consumer;

/** Every event from the first one up to a fixed position, in order, for a rebuild. */
public interface EventReplay {

    /** How many events the replay will deliver (for progress), as known when it starts. */
    long total();

    /** Delivers the events in order; returns how many it delivered. */
    long replay(Consumer<ProjectedEvent> sink);
}

package dk.partnerships.query.projection;

import java.util.Map;

/** Rebuilding read models from the first event, whatever feeds them, and how far a rebuild has come. */
public interface ProjectionRebuilds {

    /** @return {@code false} when there is no such projection */
    boolean rebuild(String name);

    /** Per projection: whether it runs, whether it is rebuilding, and its progress (done, total, rate, time left). */
    Map<String, Map<String, Object>> status();
}

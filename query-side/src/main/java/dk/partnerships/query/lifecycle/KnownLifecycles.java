package dk.partnerships.query.lifecycle;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The partnerships the live lifecycle projection wrote last, as their transactions committed them, so the next batch
 * need not read a partnership's every stage stay again (a long-running partnership has dozens): a batch locks the
 * rows and reads only their versions, and takes a partnership from here when its version is the one the row holds.
 * Any other writer (another query-side instance handed the partition, a rebuild) moves the version or calls
 * {@link #forget()}, so a stale entry is never used. Least recently used out beyond the capacity.
 */
final class KnownLifecycles {

    private final int capacity;
    private final Map<String, PartnershipLifecycle> entries;
    private long hits;

    KnownLifecycles(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The partnership as last committed, if that is the version the read model holds. */
    synchronized PartnershipLifecycle at(String partnershipId, long version) {
        PartnershipLifecycle known = entries.get(partnershipId);
        if (known != null && known.version() == version) {
            hits++;
            return known;
        }
        return null;
    }

    /** How many partnerships were taken from here instead of read. */
    synchronized long hits() {
        return hits;
    }

    /** Remembers the partnerships once the caller's transaction commits (at once outside a transaction). */
    void rememberOnCommit(Collection<PartnershipLifecycle> written) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            remember(written);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                remember(written);
            }
        });
    }

    synchronized void forget() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }

    private synchronized void remember(Collection<PartnershipLifecycle> written) {
        for (PartnershipLifecycle partnership : written) {
            entries.put(partnership.partnershipId(), partnership);
        }
        var oldest = entries.keySet().iterator();
        while (entries.size() > capacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}

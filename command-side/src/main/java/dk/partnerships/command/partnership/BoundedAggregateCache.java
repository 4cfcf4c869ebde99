package dk.partnerships.command.partnership;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * The aggregates last used, held strongly up to a bound (least recently used out first), so a command on a
 * partnership in use does not replay its whole stream. Axon's caching repository puts an aggregate in after a command
 * and takes it out when the command's unit of work rolls back (a refused command, a conflicting append); Axon's lock
 * per aggregate keeps two commands on one partnership from sharing an entry at once.
 * <p>
 * One more rule of its own: an entry written inside a Spring transaction that does not commit is dropped when that
 * transaction ends. A write with an idempotency key runs the command inside a longer transaction (the key, the
 * answer); if that one rolls back after Axon's unit of work finished, the events are gone and the cached aggregate
 * must go with them.
 * <p>
 * With several command-side instances each keeps its own cache; a stale entry then meets the store's unique sequence
 * number, the append is refused as a concurrent modification and the entry is dropped with the rollback.
 */
public class BoundedAggregateCache implements Cache {

    private final int capacity;
    private final Map<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    public BoundedAggregateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("partnerships.aggregate-cache.size must be 1 or more");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                if (size() <= BoundedAggregateCache.this.capacity) {
                    return false;
                }
                evictions.increment();
                listeners.forEach(listener -> listener.onEntryExpired(eldest.getKey()));
                return true;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (entries) {
            value = entries.get(key);
        }
        (value == null ? misses : hits).increment();
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        Object previous;
        synchronized (entries) {
            previous = entries.put(key, value);
        }
        dropIfTransactionFails(key, value);
        listeners.forEach(listener -> {
            if (previous == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added;
        synchronized (entries) {
            added = entries.putIfAbsent(key, value) == null;
        }
        if (added) {
            dropIfTransactionFails(key, value);
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        synchronized (entries) {
            entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
        }
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Drops this very entry (not a newer one) when the surrounding Spring transaction does not commit. */
    private void dropIfTransactionFails(Object key, Object value) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    boolean removed;
                    synchronized (entries) {
                        removed = entries.remove(key, value);
                    }
                    if (removed) {
                        listeners.forEach(listener -> listener.onEntryRemoved(key));
                    }
                }
            }
        });
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public int capacity() {
        return capacity;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long evictions() {
        return evictions.sum();
    }
}

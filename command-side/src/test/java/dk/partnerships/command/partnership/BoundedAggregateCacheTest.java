package dk.partnerships.command.partnership;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound, the counts behind the hit rate, and entries of a transaction that does not commit. */
class BoundedAggregateCacheTest {

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void the_least_recently_used_partnership_goes_first_and_hits_and_misses_are_counted() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        cache.put("a", "A");
        cache.put("b", "B");
        assertThat((String) cache.get("a")).isEqualTo("A");
        cache.put("c", "C");
        assertThat(cache.containsKey("b")).as("b was used least recently").isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat((String) cache.get("b")).isNull();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.evictions()).isEqualTo(1);
    }

    @Test
    void an_entry_written_in_a_transaction_that_rolls_back_is_dropped_but_a_newer_one_is_kept() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        List<TransactionSynchronization> first = inTransaction(() -> cache.put("p", "version 2"));
        complete(first, TransactionSynchronization.STATUS_ROLLED_BACK);
        assertThat(cache.containsKey("p")).isFalse();

        List<TransactionSynchronization> committed = inTransaction(() -> cache.put("p", "version 2"));
        complete(committed, TransactionSynchronization.STATUS_COMMITTED);
        List<TransactionSynchronization> older = inTransaction(() -> cache.put("p", "version 3"));
        cache.put("p", "version 4");
        complete(older, TransactionSynchronization.STATUS_UNKNOWN);
        assertThat((String) cache.get("p")).as("a later write is not undone by an earlier one's rollback").isEqualTo("version 4");
    }

    private static List<TransactionSynchronization> inTransaction(Runnable work) {
        TransactionSynchronizationManager.initSynchronization();
        work.run();
        List<TransactionSynchronization> synchronizations = new ArrayList<>(TransactionSynchronizationManager.getSynchronizations());
        TransactionSynchronizationManager.clearSynchronization();
        return synchronizations;
    }

    private static void complete(List<TransactionSynchronization> synchronizations, int status) {
        synchronizations.forEach(synchronization -> synchronization.afterCompletion(status));
    }
}

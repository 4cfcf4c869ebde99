package dk.partnerships.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Bumps a read model's change counter ({@code read_model_change}) once per transaction that changed it, just before
 * that transaction commits. Why once: the projections apply events in batches (up to a few hundred per
 * transaction); one counter update per event was measurable on the writes benchmark, one per batch is not, and
 * readers only need to know that something changed.
 */
public final class ReadModelChanges {

    private ReadModelChanges() {
    }

    public static void changed(JdbcClient jdbc, String readModel) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            bump(jdbc, readModel);
            return;
        }
        String key = ReadModelChanges.class.getName() + ":" + readModel;
        if (TransactionSynchronizationManager.hasResource(key)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                bump(jdbc, readModel);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
    }

    private static void bump(JdbcClient jdbc, String readModel) {
        jdbc.sql("UPDATE read_model_change SET changes = changes + 1 WHERE read_model = :name").param("name", readModel).update();
    }
}

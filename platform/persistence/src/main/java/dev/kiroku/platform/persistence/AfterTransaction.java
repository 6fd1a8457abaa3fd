package dev.kiroku.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.function.Consumer;

/**
 * Runs something once the current transaction has ended, told whether it committed: a counter of what a transaction
 * did then counts only what was committed (a rolled-back write is not counted, a retried one not twice). Without a
 * transaction it runs at once, as committed.
 */
@ApplicationScoped
public class AfterTransaction {

    private final TransactionSynchronizationRegistry registry;

    public AfterTransaction(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /** Calls {@code then} with {@code true} after a commit, {@code false} after a rollback. */
    public void then(Consumer<Boolean> then) {
        int status = registry.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            then.accept(true);
            return;
        }
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            then.accept(false);
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                then.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }

    /** Runs {@code then} after a commit only. */
    public void committed(Runnable then) {
        then(committed -> {
            if (committed) {
                then.run();
            }
        });
    }
}

package com.cardpay.payments.jobs;

import org.apache.flink.api.common.functions.MapFunction;

import java.io.Serializable;
import java.util.Locale;

/**
 * <b>Test seam</b> (fault injection; see {@code FaultInjectionITCase}): called with every record
 * that a stateful stage emits, on that stage's own task, before the record goes on. Production never
 * sets one ({@link PaymentsJob#withStageHook}), and then the job graph holds no trace of it.
 *
 * <p>With a hook, each stage gets one map operator after it ({@link Tap}, uid {@code
 * test-stage-hook-<stage>}). It is chained to the stage (same parallelism, forward edge), so an
 * exception the hook throws comes out of the stage's own {@code processElement} or {@code onTimer},
 * after the stage changed its state for that record: the failure a bug in the stage would cause.
 * The uids are stable so that a test can take and restore checkpoints with a hook in place; they
 * are never in a production savepoint.
 */
@FunctionalInterface
public interface StageHook extends Serializable {

    /** The stateful stages, in pipeline order. */
    enum Stage {
        DEDUPE, CARD_FEATURES, FRAUD_SCORING, SETTLEMENT;

        /** The uid of the stage's hook operator. */
        public String uid() {
            return "test-stage-hook-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Sees {@code record}, just emitted by {@code stage}; may throw to fail the stage's task. */
    void emitted(Stage stage, Object record) throws Exception;

    /** The operator that calls the hook and passes every record on unchanged. */
    final class Tap<T> implements MapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final StageHook hook;
        private final Stage stage;

        Tap(StageHook hook, Stage stage) {
            this.hook = hook;
            this.stage = stage;
        }

        @Override
        public T map(T record) throws Exception {
            hook.emitted(stage, record);
            return record;
        }
    }
}

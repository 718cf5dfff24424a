package com.cardpay.payments.functions.ingest;

import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends rejected records to the DLQ side output and lets accepted payments through. Stateless. */
public final class IngestOutcomeRouter extends ProcessFunction<IngestOutcome, IngestOutcome> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") {};

    @Override
    public void processElement(IngestOutcome outcome, Context ctx, Collector<IngestOutcome> out) {
        if (outcome.isAccepted()) {
            out.collect(outcome);
        } else {
            ctx.output(REJECTED, outcome.deadLetter());
        }
    }
}

package com.cardpay.payments.tools.audit;

import java.util.List;

/**
 * What one output topic holds against what its input says it must hold.
 *
 * @param records records read from the topic
 * @param expected records the input allows (a clock-dependent one counts here and in {@code optional})
 * @param optional expected records the input allows but does not require
 * @param duplicated ids found more often than allowed
 * @param missing ids found less often than required
 * @param unexpected ids found that no input record explains
 * @param findings one line per problem: {@code DUPLICATE}, {@code MISSING}, {@code UNEXPECTED},
 *     {@code WRONG_CODE}, {@code UNREADABLE}
 */
public record OutputCheck(String topic, long records, long expected, long optional, long duplicated, long missing,
        long unexpected, List<String> findings) {

    public boolean clean() {
        return findings.isEmpty();
    }

    public String summary() {
        return String.format("%s: %d records, %d expected (%d optional); %d duplicated, %d missing, %d unexpected%s",
                topic, records, expected, optional, duplicated, missing, unexpected,
                findings.isEmpty() ? "" : "; " + findings.size() + " findings");
    }

    /** The same check with {@code more} findings added. */
    OutputCheck with(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(findings);
        all.addAll(more);
        return new OutputCheck(topic, records, expected, optional, duplicated, missing, unexpected, List.copyOf(all));
    }
}

package com.cardpay.payments.tools.reconcile;

import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementDelta;

import java.util.ArrayList;
import java.util.List;

/**
 * The amounts of one settlement line, in the order and with the names of the
 * {@code payments.settlements} contract. Arithmetic is exact: it throws on overflow.
 */
record LineAmounts(long[] values) {
    static final List<String> FIELDS = List.of("purchase_count", "gross_minor", "refund_count", "refund_minor",
            "chargeback_count", "chargeback_minor", "declined_count", "declined_minor", "fees_minor", "net_minor");

    static LineAmounts zero() {
        return new LineAmounts(new long[FIELDS.size()]);
    }

    /** A settlement record's cumulative figures, fees and net, in {@link #FIELDS}' order. */
    static LineAmounts totalsOf(Settlement s) {
        return of(s.amounts(), s.feesMinor(), s.netMinor());
    }

    /** A settlement record's delta, in {@link #FIELDS}' order; null on revision 0. */
    static LineAmounts deltaOf(Settlement s) {
        SettlementDelta d = s.delta();
        return d == null ? null : of(d.amounts(), d.feesMinor(), d.netMinor());
    }

    private static LineAmounts of(SettlementAmounts a, long feesMinor, long netMinor) {
        return new LineAmounts(new long[] {a.purchaseCount(), a.grossMinor(), a.refundCount(), a.refundMinor(),
                a.chargebackCount(), a.chargebackMinor(), a.declinedCount(), a.declinedMinor(), feesMinor, netMinor});
    }

    long get(String field) {
        return values[FIELDS.indexOf(field)];
    }

    LineAmounts plus(LineAmounts other) {
        long[] v = new long[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.addExact(values[i], other.values[i]);
        }
        return new LineAmounts(v);
    }

    /** "field expected X, got Y" for every field that differs; empty when all agree. */
    List<String> differences(LineAmounts actual) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != actual.values[i]) {
                out.add(FIELDS.get(i) + " expected " + values[i] + ", got " + actual.values[i]);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineAmounts other && java.util.Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : " ").append(FIELDS.get(i)).append('=').append(values[i]);
        }
        return s.toString();
    }
}

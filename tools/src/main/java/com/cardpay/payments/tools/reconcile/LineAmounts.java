package com.cardpay.payments.tools.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

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

    /** The amounts of a settlement JSON object (or its delta), or null when one is missing. */
    static LineAmounts read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        long[] v = new long[FIELDS.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = node.get(FIELDS.get(i));
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
                return null;
            }
            v[i] = n.longValue();
        }
        return new LineAmounts(v);
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

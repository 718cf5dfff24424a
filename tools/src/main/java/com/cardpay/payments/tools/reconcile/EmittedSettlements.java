package com.cardpay.payments.tools.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the job emitted to {@code payments.settlements}, line by line, checked for internal
 * consistency: revisions 0, 1, 2, ... without gaps or repeats, one settlement id per line and one
 * line per id, {@code is_adjustment} exactly on revisions above 0, and each revision's totals equal
 * to the previous ones plus its delta.
 */
final class EmittedSettlements {
    /** One revision of a line, as read. */
    record Revision(int revision, boolean adjustment, String settlementId, LineAmounts totals, LineAmounts delta,
            String where) {}

    private final Map<SettlementLineKey, List<Revision>> lines = new TreeMap<>();
    private final Map<String, SettlementLineKey> lineOfId = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private long latestClose = Long.MIN_VALUE;
    private int records;

    /** Reads one record; a record that cannot be read is a problem, not an exception. */
    void add(JsonNode s, String where, long allowedLatenessMillis) {
        records++;
        String merchant = s == null ? null : PaymentFacts.text(s, "merchant_id");
        String currency = s == null ? null : PaymentFacts.text(s, "currency");
        String id = s == null ? null : PaymentFacts.text(s, "settlement_id");
        LineAmounts totals = LineAmounts.read(s);
        JsonNode revisionNode = s == null ? null : s.get("revision");
        JsonNode adjustment = s == null ? null : s.get("is_adjustment");
        Long start = s == null ? null : instant(s, "window_start");
        Long end = s == null ? null : instant(s, "window_end");
        if (merchant == null || currency == null || id == null || totals == null || revisionNode == null
                || !revisionNode.isInt() || adjustment == null || !adjustment.isBoolean() || start == null || end == null) {
            problems.add("UNREADABLE " + where + ": not a payments.settlements record");
            return;
        }
        int revision = revisionNode.asInt();
        LineAmounts delta = revision == 0 ? null : LineAmounts.read(s.get("delta"));
        if (revision > 0 && delta == null) {
            problems.add("NO_DELTA " + where + ": revision " + revision + " has no readable delta");
            return;
        }
        SettlementLineKey line = new SettlementLineKey(merchant, currency, start, end);
        SettlementLineKey previous = lineOfId.putIfAbsent(id, line);
        if (previous != null && !previous.equals(line)) {
            problems.add("ID_CONFLICT " + where + ": settlement_id " + id + " names both " + previous + " and " + line);
        }
        lines.computeIfAbsent(line, k -> new ArrayList<>())
                .add(new Revision(revision, adjustment.asBoolean(), id, totals, delta, where));
        latestClose = Math.max(latestClose, end + allowedLatenessMillis);
    }

    /**
     * The newest totals of every line whose revisions are consistent; every inconsistency goes to
     * {@link #problems()}, and the line is then left out.
     */
    Map<SettlementLineKey, LineAmounts> latestTotals() {
        Map<SettlementLineKey, LineAmounts> out = new TreeMap<>();
        lines.forEach((line, revisions) -> {
            revisions.sort((a, b) -> Integer.compare(a.revision(), b.revision()));
            List<String> before = new ArrayList<>(problems);
            LineAmounts running = null;
            for (int i = 0; i < revisions.size(); i++) {
                Revision r = revisions.get(i);
                if (r.revision() != i) {
                    problems.add((r.revision() < i ? "DUPLICATE_REVISION " : "MISSING_REVISION ") + line
                            + ": revisions " + revisions.stream().map(Revision::revision).toList());
                    break;
                }
                if (r.adjustment() != (i > 0)) {
                    problems.add("ADJUSTMENT_FLAG " + line + ": revision " + i + " has is_adjustment=" + r.adjustment());
                }
                if (!r.settlementId().equals(revisions.get(0).settlementId())) {
                    problems.add("ID_CHANGED " + line + ": revision " + i + " has settlement_id " + r.settlementId());
                }
                if (running != null) {
                    LineAmounts expected;
                    try {
                        expected = running.plus(r.delta());
                    } catch (ArithmeticException e) {
                        problems.add("DELTA_OVERFLOW " + line + ": revision " + i);
                        break;
                    }
                    for (String d : expected.differences(r.totals())) {
                        problems.add("DELTA_MISMATCH " + line + " revision " + i + ": previous totals + delta: " + d);
                    }
                }
                running = r.totals();
            }
            if (problems.size() == before.size()) {
                out.put(line, running);
            }
        });
        return out;
    }

    List<String> problems() {
        return problems;
    }

    int records() {
        return records;
    }

    int revisionsOf(SettlementLineKey line) {
        List<Revision> r = lines.get(line);
        return r == null ? 0 : r.size();
    }

    /** The latest window end + allowed lateness among the lines read: how far the job has settled. */
    long latestClose() {
        return latestClose;
    }

    private static Long instant(JsonNode s, String field) {
        String text = PaymentFacts.text(s, field);
        try {
            return text == null ? null : Instant.parse(text).toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }
}

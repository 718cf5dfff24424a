package com.cardpay.payments.tools.reconcile;

import com.cardpay.payments.functions.settlement.Settlement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the job emitted to {@code payments.settlements}, line by line, checked for internal
 * consistency: revisions 0, 1, 2, ... without gaps or repeats, one settlement id per line and one
 * line per id, and each revision's totals equal to the previous ones plus its delta. That a record
 * is an adjustment with a delta exactly when its revision is above 0 is the contract's reader's
 * check: such a record does not read.
 */
final class EmittedSettlements {
    /** One revision of a line, as read. */
    record Revision(int revision, String settlementId, LineAmounts totals, LineAmounts delta, String where,
            String timeZone, String businessDate) {}

    private final Map<SettlementLineKey, List<Revision>> lines = new TreeMap<>();
    private final Map<String, SettlementLineKey> lineOfId = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private long latestClose = Long.MIN_VALUE;
    private int records;

    /**
     * Takes one record as its reader read it; a record that could not be read (null) is a
     * problem, not an exception.
     */
    void add(Settlement s, String where, long allowedLatenessMillis) {
        records++;
        if (s == null) {
            problems.add("UNREADABLE " + where + ": not a payments.settlements record");
            return;
        }
        String id = s.settlementId();
        SettlementLineKey line = new SettlementLineKey(s.merchantId(), s.currency(), s.windowStartMillis(), s.windowEndMillis());
        SettlementLineKey previous = lineOfId.putIfAbsent(id, line);
        if (previous != null && !previous.equals(line)) {
            problems.add("ID_CONFLICT " + where + ": settlement_id " + id + " names both " + previous + " and " + line);
        }
        lines.computeIfAbsent(line, k -> new ArrayList<>())
                .add(new Revision(s.revision(), id, LineAmounts.totalsOf(s), LineAmounts.deltaOf(s), where,
                        s.timeZone(), s.businessDate()));
        latestClose = Math.max(latestClose, s.windowEndMillis() + allowedLatenessMillis);
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

    /**
     * Every line with the zone its newest revision names (null on a version-1 record, written
     * before zones: cut by the UTC rule).
     */
    Map<SettlementLineKey, Revision> newest() {
        Map<SettlementLineKey, Revision> out = new TreeMap<>();
        lines.forEach((line, revisions) -> out.put(line,
                revisions.stream().max((a, b) -> Integer.compare(a.revision(), b.revision())).orElseThrow()));
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
}

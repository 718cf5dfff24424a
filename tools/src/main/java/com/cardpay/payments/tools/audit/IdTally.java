package com.cardpay.payments.tools.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of one output topic against what the input says it must hold, id by id. Each id is
 * expected between a required and an allowed number of times (usually exactly once; a card token in
 * {@code payments.vault} once per payment with that card; a clock-dependent record zero or once).
 * Found more often than allowed is a duplicate (or, if never expected, unexpected); found less
 * often than required is missing.
 */
final class IdTally {
    private static final int WHERE_KEPT = 3;

    private static final class Entry {
        int required;
        int allowed;
        String from;
        int found;
        final List<String> where = new ArrayList<>(1);
    }

    private final String topic;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private long records;

    IdTally(String topic) {
        this.topic = topic;
    }

    /**
     * One more expected record of {@code id}.
     *
     * @param from the input record it comes from, for the report
     * @param required false: allowed, not required (clock-dependent)
     */
    void expect(String id, String from, boolean required) {
        Entry e = entries.computeIfAbsent(id, k -> new Entry());
        e.allowed++;
        e.required += required ? 1 : 0;
        if (e.from == null) {
            e.from = from;
        }
    }

    /** A record of {@code id} found in the topic at {@code where}. */
    void found(String id, String where) {
        records++;
        Entry e = entries.computeIfAbsent(id, k -> new Entry());
        e.found++;
        if (e.where.size() < WHERE_KEPT) {
            e.where.add(where);
        }
    }

    /** How often {@code id} was found. */
    int count(String id) {
        Entry e = entries.get(id);
        return e == null ? 0 : e.found;
    }

    /** A record that its contract's reader refused; the reason names fields, never values. */
    void unreadable(String where, String reason) {
        records++;
        unreadable.add("UNREADABLE " + topic + " " + where + ": " + reason);
    }

    OutputCheck result() {
        List<String> findings = new ArrayList<>(unreadable);
        long expected = 0;
        long optional = 0;
        long duplicated = 0;
        long missing = 0;
        long unexpected = 0;
        for (Map.Entry<String, Entry> x : entries.entrySet()) {
            Entry e = x.getValue();
            expected += e.allowed;
            optional += e.allowed - e.required;
            if (e.found > e.allowed && e.allowed == 0) {
                unexpected++;
                findings.add("UNEXPECTED " + topic + " " + x.getKey() + ": " + records(e) + ", from no input record");
            } else if (e.found > e.allowed) {
                duplicated++;
                findings.add("DUPLICATE " + topic + " " + x.getKey() + ": " + records(e) + ", expected "
                        + e.allowed + " (from " + e.from + ")");
            } else if (e.found < e.required) {
                missing++;
                findings.add("MISSING " + topic + " " + x.getKey() + ": expected " + e.required + " (from " + e.from
                        + "), found " + e.found);
            }
        }
        return new OutputCheck(topic, records, expected, optional, duplicated, missing, unexpected, List.copyOf(findings));
    }

    private static String records(Entry e) {
        String at = String.join(", ", e.where) + (e.found > e.where.size() ? ", ..." : "");
        return e.found + (e.found == 1 ? " record" : " records") + " at " + at;
    }
}

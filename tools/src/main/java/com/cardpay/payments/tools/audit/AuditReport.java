package com.cardpay.payments.tools.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * What the audit found: per output, one line per finding, then a summary line; notes are for the
 * operator and never make the audit fail.
 *
 * @param input what the input holds, as the job's ingest and dedupe see it
 */
public record AuditReport(String input, List<OutputCheck> outputs, List<String> notes) {

    /** No finding in any output. */
    public boolean clean() {
        return outputs.stream().allMatch(OutputCheck::clean);
    }

    /** The check of {@code topic}. */
    public OutputCheck output(String topic) {
        return outputs.stream().filter(o -> o.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topic + " was not audited"));
    }

    /** Findings first, then the input's summary, one summary per output, the notes, and the verdict. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        outputs.forEach(o -> lines.addAll(o.findings()));
        lines.add(input);
        outputs.forEach(o -> lines.add(o.summary()));
        lines.addAll(notes);
        long findings = outputs.stream().mapToLong(o -> o.findings().size()).sum();
        lines.add(findings == 0 ? "audit: clean" : "audit: " + findings + " findings");
        return lines;
    }
}

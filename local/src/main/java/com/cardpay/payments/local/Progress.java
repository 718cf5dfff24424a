package com.cardpay.payments.local;

import com.cardpay.payments.jobs.config.PaymentsConfig;

import javax.annotation.Nullable;
import java.util.Map;
import java.util.stream.Collectors;

/** Formats the local run's progress lines and final summary. */
final class Progress {
    private long lastRead;
    private long lastCommitted;
    private long lastNanos = System.nanoTime();

    String line(Map<String, Long> counters, Map<String, Long> committed, String checkpoint, PaymentsConfig config) {
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - lastNanos) / 1e9);
        long read = counters.getOrDefault("payments_records_read", 0L);
        long out = committed.getOrDefault(config.topics().tokenized(), 0L);
        String line = String.format("in %6.0f/s  out %6.0f/s | read %d, tokenized %d, dlq %d, duplicates %d | committed: %s | checkpoint %s",
                (read - lastRead) / seconds, (out - lastCommitted) / seconds, read,
                counters.getOrDefault("payments_records_tokenized", 0L), dlq(counters),
                counters.getOrDefault("payments_duplicates", 0L), committedText(committed), checkpoint);
        lastRead = read;
        lastCommitted = out;
        lastNanos = now;
        return line;
    }

    void summary(@Nullable Map<?, Long> generated, Map<String, Long> counters, Map<String, Long> committed,
            String checkpoint, PaymentsConfig config) {
        LocalPaymentsRunner.say("Summary");
        if (generated != null) {
            LocalPaymentsRunner.say("  generated:        " + generated);
        }
        LocalPaymentsRunner.say("  read:             " + counters.getOrDefault("payments_records_read", 0L));
        LocalPaymentsRunner.say("  valid:            " + counters.getOrDefault("payments_records_valid", 0L));
        LocalPaymentsRunner.say("  tokenized:        " + counters.getOrDefault("payments_records_tokenized", 0L));
        LocalPaymentsRunner.say("  duplicates:       " + counters.getOrDefault("payments_duplicates", 0L));
        LocalPaymentsRunner.say("  dead letters:     " + dlq(counters) + " " + counters.entrySet().stream()
                .filter(e -> e.getKey().startsWith("dlq.") && e.getValue() > 0)
                .map(e -> e.getKey().substring(4) + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}")));
        LocalPaymentsRunner.say("  committed output: " + committedText(committed));
        LocalPaymentsRunner.say("  last checkpoint:  " + checkpoint);
    }

    private static long dlq(Map<String, Long> counters) {
        return counters.entrySet().stream().filter(e -> e.getKey().startsWith("dlq.")).mapToLong(Map.Entry::getValue).sum();
    }

    private static String committedText(Map<String, Long> committed) {
        return committed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}

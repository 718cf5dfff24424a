package com.cardpay.payments.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, what Flink's Prometheus reporter
 * serves on {@code /metrics}) into samples, and sums the job's own {@code payments_*} counters.
 *
 * <p>Flink prefixes each metric name with its scope ({@code
 * flink_taskmanager_job_task_operator_payments_records_read}) and puts the scope's variables,
 * one series per subtask, in labels. {@link #paymentsCounters} strips the prefix and sums the
 * subtasks.
 */
public final class PrometheusText {
    /** The part of a metric name that marks the job's own metrics. */
    public static final String PREFIX = "payments_";
    /** The dead-letter counter; it carries the {@code error_code} label. */
    public static final String DLQ_RECORDS = "payments_dlq_records";

    private PrometheusText() {}

    /**
     * One sample line: the metric name as Prometheus shows it, its labels (unescaped, in the
     * order given) and its value.
     */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /**
     * Every sample in {@code body}; comments ({@code # HELP}, {@code # TYPE}) and blank lines are
     * skipped, an optional timestamp after the value is ignored.
     *
     * @throws IllegalArgumentException if a line is not a valid sample, naming the line
     */
    public static List<Sample> parse(String body) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
            }
        }
        return samples;
    }

    /**
     * The job's counters summed over subtasks: {@code payments_records_read}, {@code
     * payments_records_valid}, {@code payments_records_tokenized}, {@code payments_duplicates}, and
     * each {@code payments_dlq_records{error_code="X"}} as {@code dlq.X}. A name is taken from
     * where {@link #PREFIX} starts in it, so Flink's scope prefix does not matter.
     */
    public static Map<String, Long> paymentsCounters(List<Sample> samples) {
        Map<String, Long> totals = new TreeMap<>();
        for (Sample sample : samples) {
            int at = sample.name().indexOf(PREFIX);
            if (at < 0) {
                continue;
            }
            String name = sample.name().substring(at);
            String errorCode = sample.labels().get("error_code");
            if (name.equals(DLQ_RECORDS) && errorCode != null) {
                name = "dlq." + errorCode;
            }
            totals.merge(name, (long) sample.value(), Long::sum);
        }
        return totals;
    }

    /** {@link #paymentsCounters(List)} of {@link #parse(String) parse(body)}. */
    public static Map<String, Long> paymentsCounters(String body) {
        return paymentsCounters(parse(body));
    }

    private static Sample parseLine(String line) {
        int pos = 0;
        while (pos < line.length() && isNameChar(line.charAt(pos), pos == 0)) {
            pos++;
        }
        if (pos == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, pos);
        Map<String, String> labels = new LinkedHashMap<>();
        int brace = skipSpaces(line, pos);
        if (brace < line.length() && line.charAt(brace) == '{') {
            pos = parseLabels(line, brace + 1, labels);
        }
        if (pos >= line.length() || !Character.isWhitespace(line.charAt(pos))) {
            throw new IllegalArgumentException("expected a space and a value after the name and labels");
        }
        // The value, and optionally a timestamp in milliseconds.
        String[] rest = line.substring(pos).strip().split("\\s+");
        if (rest.length > 2) {
            throw new IllegalArgumentException("unexpected text after the value and timestamp");
        }
        if (rest.length == 2) {
            parseTimestamp(rest[1]);
        }
        return new Sample(name, labels, parseValue(rest[0]));
    }

    /** Parses {@code name="value",...}} from {@code pos} (just after '{'); returns the position after '}'. */
    private static int parseLabels(String line, int pos, Map<String, String> labels) {
        while (true) {
            pos = skipSpaces(line, pos);
            if (pos >= line.length()) {
                throw new IllegalArgumentException("unterminated labels");
            }
            if (line.charAt(pos) == '}') {
                return pos + 1;
            }
            int start = pos;
            while (pos < line.length() && isLabelNameChar(line.charAt(pos), pos == start)) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("bad label name at column " + (start + 1));
            }
            String key = line.substring(start, pos);
            pos = skipSpaces(line, pos);
            if (pos + 1 >= line.length() || line.charAt(pos) != '=' || line.charAt(skipSpaces(line, pos + 1)) != '"') {
                throw new IllegalArgumentException("expected =\"...\" after label " + key);
            }
            pos = skipSpaces(line, pos + 1) + 1;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= line.length()) {
                    throw new IllegalArgumentException("unterminated value of label " + key);
                }
                char c = line.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (pos >= line.length()) {
                        throw new IllegalArgumentException("unterminated value of label " + key);
                    }
                    char escaped = line.charAt(pos++);
                    switch (escaped) {
                        case 'n' -> value.append('\n');
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        default -> value.append('\\').append(escaped);
                    }
                } else {
                    value.append(c);
                }
            }
            if (labels.put(key, value.toString()) != null) {
                throw new IllegalArgumentException("label " + key + " given twice");
            }
            pos = skipSpaces(line, pos);
            if (pos < line.length() && line.charAt(pos) == ',') {
                pos++; // the Prometheus Java client writes a comma after the last label too
            } else if (pos >= line.length() || line.charAt(pos) != '}') {
                throw new IllegalArgumentException("expected , or } after label " + key);
            }
        }
    }

    private static double parseValue(String text) {
        switch (text) {
            case "+Inf", "Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad value " + text, e);
                }
            }
        }
    }

    private static void parseTimestamp(String text) {
        try {
            Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad timestamp " + text, e);
        }
    }

    private static int skipSpaces(String line, int pos) {
        while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
            pos++;
        }
        return pos;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == ':' || isLabelNameChar(c, first);
    }

    private static boolean isLabelNameChar(char c, boolean first) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }
}

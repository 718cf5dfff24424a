package com.cardpay.payments.tools.reconcile;

import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;
import com.cardpay.payments.tools.common.ToolArguments;
import com.cardpay.payments.tools.common.CommittedTopic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the job's settlements against an independent recomputation (see {@link Reconciliation}).
 * It reads, {@code read_committed}: the input ({@code payments.raw}, or a file of the same JSON
 * lines), {@code payments.scored}, {@code payments.dlq} and {@code payments.settlements}. It prints
 * every mismatch on its own line, then a summary, and exits 1 if there is any.
 *
 * <pre>
 * java -jar payments-tools.jar reconcile \
 *     [--raw-file payments.jsonl] [--closed-before 2026-11-24T00:00:00Z | all] \
 *     [--config job.properties] [--key value ...]
 * </pre>
 *
 * It prints no payload: input records hold card numbers, and only ids, amounts and times are read.
 */
public final class ReconcileTool {
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

    private ReconcileTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return 0 no mismatch, 1 mismatches (or a read failure), 2 bad arguments */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ToolArguments arguments = ToolArguments.split(args, Set.of("raw-file", "closed-before"));
        Map<String, String> own = arguments.own();
        PaymentsConfig config;
        Long closedBefore;
        try {
            config = PaymentsConfigLoader.load(arguments.configArgs());
            closedBefore = cutoff(own.get("closed-before"));
        } catch (ConfigException | DateTimeParseException e) {
            err.println(e.getMessage());
            err.println("usage: ReconcileTool [--raw-file FILE] [--closed-before INSTANT|all] [--config FILE] [--key value ...]");
            return 2;
        }
        Reconciliation reconciliation = new Reconciliation(config.settlement());
        try {
            readInput(config, own.get("raw-file"), reconciliation, err);
            err.println("reading " + config.topics().scored() + ", " + config.topics().dlq() + ", "
                    + config.topics().settlements() + " (read_committed)");
            CommittedTopic.forEach(config, config.topics().scored(), READ_TIMEOUT,
                    r -> reconciliation.scored(r.value(), where(r.topic(), r.partition(), r.offset())));
            CommittedTopic.forEach(config, config.topics().dlq(), READ_TIMEOUT, r -> reconciliation.deadLetter(r.value()));
            CommittedTopic.forEach(config, config.topics().settlements(), READ_TIMEOUT,
                    r -> reconciliation.settlement(r.value(), where(r.topic(), r.partition(), r.offset())));
        } catch (IOException | RuntimeException e) {
            err.println("Reconciliation could not read its inputs: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
        Reconciliation.Result result = reconciliation.reconcile(closedBefore);
        result.mismatches().forEach(out::println);
        result.notes().forEach(out::println);
        out.println(result.summary());
        return result.mismatches().isEmpty() ? 0 : 1;
    }

    private static void readInput(PaymentsConfig config, String rawFile, Reconciliation reconciliation, PrintStream err)
            throws IOException {
        if (rawFile == null) {
            err.println("reading " + config.topics().raw() + " (read_committed)");
            CommittedTopic.forEach(config, config.topics().raw(), READ_TIMEOUT, r -> {
                String where = where(r.topic(), r.partition(), r.offset());
                reconciliation.input(r.value(), where, where);
            });
            return;
        }
        err.println("reading " + rawFile);
        try (BufferedReader lines = Files.newBufferedReader(Path.of(rawFile), StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                n++;
                if (!line.isBlank()) {
                    reconciliation.input(line.getBytes(StandardCharsets.UTF_8), rawFile + ":" + n, null);
                }
            }
        }
    }

    private static Long cutoff(String value) {
        if (value == null) {
            return null;
        }
        return value.equals("all") ? Long.MAX_VALUE : Instant.parse(value).toEpochMilli();
    }

    private static String where(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }
}

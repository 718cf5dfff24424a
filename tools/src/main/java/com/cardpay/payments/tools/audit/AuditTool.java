package com.cardpay.payments.tools.audit;

import com.cardpay.payments.connectors.kafka.KafkaHeaderMapping;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.jobs.config.ConfigException;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.PaymentsConfigLoader;
import com.cardpay.payments.tools.audit.Audit.Output;
import com.cardpay.payments.tools.common.CommittedTopic;
import com.cardpay.payments.tools.common.ToolArguments;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.annotation.Nullable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the job's output topics against its input, by id (see {@link Audit}): duplicates, missing
 * ids and unexpected ids, one line each, then a summary. Every topic is read {@code read_committed}
 * through its contract's reader, with the job's configuration (topic names, Kafka, TLS).
 *
 * <pre>
 * java -jar payments-tools.jar audit [--outputs tokenized,vault,scored,dlq] [--raw-file FILE]
 *     [--vault-compacted true] [--config job.properties] [--key value ...]
 * </pre>
 *
 * It prints ids, card tokens and positions only, never a payload: the input holds card numbers.
 */
public final class AuditTool {
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);
    private static final String USAGE = "usage: audit [--outputs tokenized,vault,scored,dlq] [--raw-file FILE] "
            + "[--vault-compacted true|false] [--config FILE] [--key value ...]";

    private AuditTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return 0 clean, 1 findings (or an input could not be read), 2 bad arguments */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ToolArguments arguments = ToolArguments.split(args, Set.of("outputs", "raw-file", "vault-compacted"));
        PaymentsConfig config;
        Set<Output> outputs;
        boolean compacted;
        try {
            config = PaymentsConfigLoader.load(arguments.configArgs());
            outputs = outputs(arguments.get("outputs"));
            compacted = flag(arguments.get("vault-compacted"));
            if (arguments.get("raw-file") != null && outputs.contains(Output.DLQ)) {
                throw new IllegalArgumentException("dead letters are matched by the source position of their input record: "
                        + "audit the dlq against the topic, not --raw-file");
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        AuditReport report;
        try {
            String rawFile = arguments.get("raw-file");
            report = audit(config, rawFile == null ? null : Path.of(rawFile), outputs, compacted, Clock.systemUTC(), err);
        } catch (IOException | RuntimeException e) {
            err.println("The audit could not read its inputs: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
        report.lines().forEach(out::println);
        return report.clean() ? 0 : 1;
    }

    /**
     * Reads the input (the raw topic, or {@code rawFile}) and the outputs, {@code read_committed}.
     *
     * @param log where progress goes (which topic is being read)
     */
    public static AuditReport audit(PaymentsConfig config, @Nullable Path rawFile, Set<Output> outputs,
            boolean compactedVault, Clock clock, PrintStream log) throws IOException {
        Map<Output, String> topics = new EnumMap<>(Output.class);
        outputs.forEach(o -> topics.put(o, topic(config, o)));
        Audit audit = new Audit(clock, config.maxEventTimeAhead(), config.settlement().currencies(), topics, compactedVault);
        if (rawFile == null) {
            read(config, config.topics().raw(), log, (value, r) -> audit.inputRecord(value, r.key(),
                    KafkaHeaderMapping.fromKafka(r.headers()), new SourcePosition(r.topic(), r.partition(), r.offset(), r.timestamp())));
        } else {
            log.println("reading " + rawFile);
            try (BufferedReader lines = Files.newBufferedReader(rawFile, StandardCharsets.UTF_8)) {
                int n = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    n++;
                    if (!line.isBlank()) {
                        audit.inputLine(line.getBytes(StandardCharsets.UTF_8), rawFile + ":" + n);
                    }
                }
            }
        }
        if (outputs.contains(Output.TOKENIZED) || outputs.contains(Output.VAULT)) {
            read(config, config.topics().tokenized(), log, (value, r) -> audit.tokenized(value, where(r)));
        }
        if (outputs.contains(Output.VAULT)) {
            read(config, config.topics().vault(), log, (value, r) -> audit.vault(value, where(r)));
        }
        if (outputs.contains(Output.SCORED)) {
            read(config, config.topics().scored(), log, (value, r) -> audit.scored(value, where(r)));
        }
        if (outputs.contains(Output.DLQ)) {
            read(config, config.topics().dlq(), log, (value, r) -> audit.deadLetter(value, where(r)));
        }
        return audit.report();
    }

    private interface Each {
        void accept(byte[] value, ConsumerRecord<byte[], byte[]> record);
    }

    private static void read(PaymentsConfig config, String topic, PrintStream log, Each each) {
        log.println("reading " + topic + " (read_committed)");
        CommittedTopic.forEach(config, topic, READ_TIMEOUT, r -> each.accept(r.value() == null ? new byte[0] : r.value(), r));
    }

    private static String where(ConsumerRecord<byte[], byte[]> r) {
        return Positions.of(r.topic(), r.partition(), r.offset());
    }

    private static String topic(PaymentsConfig config, Output output) {
        return switch (output) {
            case TOKENIZED -> config.topics().tokenized();
            case VAULT -> config.topics().vault();
            case SCORED -> config.topics().scored();
            case DLQ -> config.topics().dlq();
        };
    }

    static Set<Output> outputs(@Nullable String list) {
        if (list == null) {
            return EnumSet.allOf(Output.class);
        }
        Set<Output> outputs = EnumSet.noneOf(Output.class);
        for (String name : list.split(",")) {
            try {
                outputs.add(Output.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--outputs: unknown output '" + name.trim()
                        + "'; choose from tokenized, vault, scored, dlq");
            }
        }
        return outputs;
    }

    private static boolean flag(@Nullable String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("--vault-compacted: true or false, got '" + value + "'");
    }
}

package com.cardpay.payments.savepoints;

import static com.cardpay.payments.integration.testutils.KafkaTestSupport.readCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.EmbeddedKafka;
import com.cardpay.payments.functions.settlement.SettlementId;
import com.cardpay.payments.savepoints.FixtureInput.Payment;
import com.cardpay.payments.tools.savepoint.InspectStateTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every committed fixture restores into the current code: the restored job reads the next part of
 * {@link FixtureInput} and must carry on exactly where the fixture's job stopped. Dedupe memory,
 * card velocity, merchant state, the rule accepted at run time, open and emitted settlement windows
 * and the source's offsets all come from the savepoint; the input after it does not repeat any of
 * them. Each fixture is taken at parallelism 2 and restores at 1, so key groups move too. (Not
 * at 3: the fixture's topic has 2 partitions, and a third source subtask with no partition holds
 * event time back until {@code source.idleness}, an hour here, so no window would ever close.)
 *
 * <p>Schema evolution on a committed fixture's own bytes: {@code SettlementTotals.timeZone} was
 * added after fixture 0.1.0. Restored from it, the field takes its default, null, which means "cut
 * by the UTC rule": the windows open in the savepoint close with their old bounds and ids and say
 * {@code UTC}, although m-1 and m-2 are configured in Europe/Berlin and America/New_York now; the
 * windows opened after the restore carry those zones. The inspector reads the default itself.
 */
class FixtureRestoreITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofMinutes(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    /**
     * A broker of its own for each fixture: a savepoint's source resumes at fixed offsets of
     * {@code fixture.raw}, so the input must sit at the same offsets every time, in a topic no
     * earlier restore has written to.
     */
    private EmbeddedKafka kafka;

    @TempDir
    Path dir;

    static List<Path> fixtures() throws IOException {
        return Fixtures.committed();
    }

    /** A missing fixture directory must fail, not pass with zero parameters. */
    @Test
    void atLeastOneFixtureIsCommitted() throws IOException {
        assertThat(fixtures()).as("fixtures under %s", Fixtures.DIRECTORY).isNotEmpty();
    }

    /**
     * The settlement windows of a fixture taken before zones existed, read as the current code
     * restores them: the added zone is null (its POJO default) on every open and emitted window.
     * A fixture taken since has zones, so this is about the fixtures that predate them.
     */
    @Test
    void theZoneAddedToSettlementStateReadsAsItsDefaultFromFixture010() throws Exception {
        Path fixture = Fixtures.DIRECTORY.resolve("0.1.0").resolve("savepoint");
        for (String state : List.of("settlement-open-windows", "settlement-closed-windows")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = InspectStateTool.run(new String[] {fixture.toString(), "--dump", "settlement", "--state", state},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(state)).toList();
            assertThat(lines).as(state).isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"timeZone\":null"));
        }
    }

    @ParameterizedTest(name = "fixture {0}")
    @MethodSource("fixtures")
    void theFixtureRestoresAndTheJobCarriesOn(Path fixture) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            kafka = broker;
            restoreAndCarryOn(fixture);
        }
    }

    private void restoreAndCarryOn(Path fixture) throws Exception {
        String name = "restore-" + fixture.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-");
        PaymentsConfig config = Fixtures.config(name, kafka.bootstrapServers(), dir.resolve("checkpoints"), 1);
        kafka.createTopics(List.of(Fixtures.RAW, Fixtures.RULES), FixtureInput.PARTITIONS);
        kafka.createTopics(config.topics().outputs(), 3);
        // The input before the savepoint again, at the same offsets, then the part after it.
        Fixtures.produceRule(kafka.bootstrapServers());
        List<Payment> before = FixtureInput.beforeSavepoint();
        List<Payment> after = FixtureInput.afterRestore();
        Fixtures.produce(kafka.bootstrapServers(), Fixtures.RAW, before);
        Fixtures.produce(kafka.bootstrapServers(), Fixtures.RAW, after);

        Set<String> seenBefore = new HashSet<>();
        before.forEach(p -> seenBefore.add(p.paymentId()));
        List<Payment> fresh = after.stream().filter(p -> !seenBefore.contains(p.paymentId())).toList();
        Map<String, List<Payment>> expectedLines = minuteThreeLines(before, after);

        JobClient job = Fixtures.start(config, fixture.resolve("savepoint"));
        try {
            KafkaTestSupport.awaitCommitted(kafka.bootstrapServers(), config.topics().scored(), fresh.size(), WITHIN);
            KafkaTestSupport.awaitCommitted(kafka.bootstrapServers(), config.topics().dlq(), 1, WITHIN);
            // minute 3's lines, minute 4's (one per merchant, in EUR) and minute 0's adjustment
            KafkaTestSupport.awaitCommitted(kafka.bootstrapServers(), config.topics().settlements(),
                    expectedLines.size() + FixtureInput.MERCHANTS + 1, WITHIN);

            // Reading resumed at the saved offsets, and the replays were caught: exactly the new payments.
            List<JsonNode> scored = json(config.topics().scored());
            assertThat(scored).extracting(s -> s.get("payment_id").asText()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(fresh.stream().map(Payment::paymentId).toList());
            assertThat(json(config.topics().tokenized())).hasSize(fresh.size());
            assertThat(json(config.topics().dlq())).singleElement().satisfies(d -> {
                assertThat(d.get("error_code").asText()).isEqualTo("DUPLICATE_CONFLICT");
                assertThat(d.get("payment_id").asText()).isEqualTo(before.get(7).paymentId());
            });

            // Velocity carried over: each card's payment in minute 4 counts its payments before the savepoint.
            for (JsonNode s : scored) {
                String id = s.get("payment_id").asText();
                if (id.startsWith("fx-b-card-")) {
                    assertThat(s.get("features").get("card.count_medium").asLong()).as("card velocity of %s", id)
                            .isEqualTo(paymentsOfTheSameCardUpTo(before, after, id));
                }
            }

            // The rule accepted before the savepoint still declines, without being read again.
            JsonNode large = scored.stream().filter(s -> s.get("payment_id").asText().equals("fx-b-large")).findFirst()
                    .orElseThrow();
            assertThat(large.get("decision").asText()).isEqualTo("DECLINE");
            assertThat(large.get("reasons").toString()).contains("FIXTURE_LARGE");
            assertThat(json(config.topics().fraudRulesStatus())).as("no rule read again").isEmpty();

            // Windows open in the savepoint close with the totals of the payments on both sides of it.
            List<JsonNode> lines = json(config.topics().settlements());
            Map<String, JsonNode> minuteThree = new HashMap<>();
            for (JsonNode l : lines) {
                if (l.get("window_start").asText().equals(FixtureInput.T0.plusSeconds(180).toString())) {
                    assertThat(minuteThree.put(l.get("merchant_id").asText() + "/" + l.get("currency").asText(), l))
                            .as("one line per window").isNull();
                }
            }
            assertThat(minuteThree.keySet()).isEqualTo(expectedLines.keySet());
            boolean beforeZones = fixture.getFileName().toString().equals("0.1.0");
            long minuteThreeStart = FixtureInput.T0.plusSeconds(180).toEpochMilli();
            minuteThree.forEach((line, l) -> {
                List<Payment> in = expectedLines.get(line);
                assertThat(l.get("revision").asInt()).as(line).isZero();
                // opened before the savepoint: the bounds and id it opened with, and the zone it recorded
                assertThat(l.get("window_end").asText()).as(line).isEqualTo(FixtureInput.T0.plusSeconds(240).toString());
                assertThat(l.get("settlement_id").asText()).as(line).isEqualTo(SettlementId.of(l.get("merchant_id").asText(),
                        l.get("currency").asText(), minuteThreeStart, minuteThreeStart + 60_000));
                assertThat(l.get("time_zone").asText()).as(line)
                        .isEqualTo(beforeZones ? "UTC" : zoneOf(l.get("merchant_id").asText()));
                assertThat(l.get("business_date").asText()).as(line).isEqualTo("2026-11-24");
                assertThat(l.get("purchase_count").asLong()).as(line).isEqualTo(in.size());
                assertThat(l.get("gross_minor").asLong()).as(line).isEqualTo(in.stream().mapToLong(Payment::amount).sum());
            });

            // Windows opened after the restore are cut in the merchant's zone now configured.
            List<JsonNode> minuteFour = lines.stream()
                    .filter(l -> l.get("window_start").asText().equals(FixtureInput.T0.plusSeconds(240).toString())).toList();
            assertThat(minuteFour).hasSize(FixtureInput.MERCHANTS).allSatisfy(l -> assertThat(l.get("time_zone").asText())
                    .as(l.get("merchant_id").asText()).isEqualTo(zoneOf(l.get("merchant_id").asText())));

            // A window emitted before the savepoint still takes adjustments: minute 0 of m-1 in EUR.
            // m-1 is in Europe/Berlin now; this window was opened in UTC (0.1.0: before zones) and stays so.
            JsonNode adjustment = lines.stream().filter(l -> l.get("merchant_id").asText().equals("m-1")
                    && l.get("currency").asText().equals("EUR") && l.get("window_start").asText().equals(FixtureInput.T0.toString()))
                    .findFirst().orElseThrow();
            assertThat(adjustment.get("is_adjustment").asBoolean()).isTrue();
            assertThat(adjustment.get("revision").asInt()).as("after revision 0 and the adjustment before the savepoint")
                    .isEqualTo(2);
            assertThat(adjustment.get("delta").get("gross_minor").asLong()).isEqualTo(777);
            assertThat(adjustment.get("gross_minor").asLong()).isEqualTo(minuteZeroGross(before, after, "m-1", "EUR"));
            assertThat(adjustment.get("time_zone").asText()).isEqualTo(beforeZones ? "UTC" : "Europe/Berlin");
            assertThat(adjustment.get("settlement_id").asText()).isEqualTo(SettlementId.of("m-1", "EUR",
                    FixtureInput.T0.toEpochMilli(), FixtureInput.T0.toEpochMilli() + 60_000));
        } finally {
            JobEnd.cancel(job, dir);
        }
    }

    /** The zone {@link Fixtures#MERCHANT_TIME_ZONES} gives a merchant. */
    private static String zoneOf(String merchant) {
        return switch (merchant) {
            case "m-1" -> "Europe/Berlin";
            case "m-2" -> "America/New_York";
            default -> "UTC";
        };
    }

    /** The minute-3 payments (both sides of the savepoint), by merchant/currency, replays once. */
    private static Map<String, List<Payment>> minuteThreeLines(List<Payment> before, List<Payment> after) {
        long from = FixtureInput.T0.plusSeconds(180).toEpochMilli();
        long to = FixtureInput.T0.plusSeconds(240).toEpochMilli();
        Map<String, List<Payment>> lines = new HashMap<>();
        for (Payment p : unique(before, after)) {
            if (p.eventTimeMillis() >= from && p.eventTimeMillis() < to) {
                lines.computeIfAbsent(p.merchant() + "/" + p.currency(), k -> new ArrayList<>()).add(p);
            }
        }
        return lines;
    }

    private static long minuteZeroGross(List<Payment> before, List<Payment> after, String merchant, String currency) {
        long to = FixtureInput.T0.plusSeconds(60).toEpochMilli();
        return unique(before, after).stream().filter(p -> p.merchant().equals(merchant) && p.currency().equals(currency)
                && p.eventTimeMillis() < to).mapToLong(Payment::amount).sum();
    }

    /** The payments the job keeps: the first of each payment id, in input order. */
    private static List<Payment> unique(List<Payment> before, List<Payment> after) {
        Set<String> ids = new HashSet<>();
        List<Payment> unique = new ArrayList<>();
        for (List<Payment> part : List.of(before, after)) {
            for (Payment p : part) {
                if (ids.add(p.paymentId())) {
                    unique.add(p);
                }
            }
        }
        return unique;
    }

    /** The payments of the card of {@code paymentId}, up to and including it, in input order. */
    private static long paymentsOfTheSameCardUpTo(List<Payment> before, List<Payment> after, String paymentId) {
        List<Payment> all = unique(before, after);
        String pan = all.stream().filter(p -> p.paymentId().equals(paymentId)).findFirst().orElseThrow().pan();
        long count = 0;
        for (Payment p : all) {
            if (p.pan().equals(pan)) {
                count++;
            }
            if (p.paymentId().equals(paymentId)) {
                return count;
            }
        }
        throw new IllegalStateException(paymentId);
    }

    private List<JsonNode> json(String topic) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(kafka.bootstrapServers(), topic)) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}

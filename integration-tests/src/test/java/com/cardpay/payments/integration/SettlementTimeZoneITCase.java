package com.cardpay.payments.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.TopicSchemas;
import com.cardpay.payments.functions.validation.Luhn;
import com.cardpay.payments.integration.testutils.JobEnd;
import com.cardpay.payments.integration.testutils.KafkaBrokerExtension;
import com.cardpay.payments.integration.testutils.KafkaTestSupport;
import com.cardpay.payments.integration.testutils.MiniClusters;
import com.cardpay.payments.integration.testutils.Reconcile;
import com.cardpay.payments.integration.testutils.Reconcile.Outcome;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Daily settlement in the merchants' own time zones, end to end on a real broker at parallelism 2:
 * the four DST days of 2026 (Europe/Berlin 29 March and 25 October, America/New_York 8 March and 1
 * November), a payment every 20 minutes of each, both passes through each repeated autumn hour
 * included, and the same instants for a UTC merchant. Each DST day is one line of 23 or 25 hours
 * with its zone and business date, its gross exact to the minor unit, and the reconciliation tool,
 * with its own local-day rule, finds no mismatch. Event time comes from these records only.
 */
class SettlementTimeZoneITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.forParallelismTwo();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    /** A DST day: its merchant, zone, date and UTC bounds, written out by hand. */
    record DstDay(String merchant, String zone, String date, Instant start, Instant end) {
        long hours() {
            return Duration.between(start, end).toHours();
        }
    }

    private static final List<DstDay> DAYS = List.of(
            new DstDay("m-ny", "America/New_York", "2026-03-08", Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-09T04:00:00Z")),
            new DstDay("m-ber", "Europe/Berlin", "2026-03-29", Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z")),
            new DstDay("m-ber", "Europe/Berlin", "2026-10-25", Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z")),
            new DstDay("m-ny", "America/New_York", "2026-11-01", Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T05:00:00Z")));

    private final List<ProducerRecord<String, String>> records = new ArrayList<>();
    private int sequence;

    @Test
    void eachDstDayIsOneLineOfItsLocalDayAndReconcilesToTheMinorUnit() throws Exception {
        Map<String, String> settings = TestJobs.settings("zones-it", KAFKA.bootstrapServers(), dir);
        settings.put("settlement.window", "24h");
        settings.put("settlement.allowed-lateness", "2s");
        settings.put("source.max-event-time-ahead", "2s");
        settings.put("settlement.adjustment-batch", "5s");
        settings.put("source.idleness", "1h");
        settings.put("settlement.merchant-time-zones", "m-ber=Europe/Berlin,m-ny=America/New_York");
        PaymentsConfig config = PaymentsConfig.from(settings);
        KAFKA.broker().createTopics(TestJobs.topics(config), 2);

        long[] gross = new long[DAYS.size()];
        for (int d = 0; d < DAYS.size(); d++) {
            DstDay day = DAYS.get(d);
            payment(day.merchant(), day.start().minusMillis(1), 1_003, config);     // the day before
            for (Instant t = day.start(); t.isBefore(day.end()); t = t.plus(Duration.ofMinutes(20))) {
                long amount = 1_000 + sequence % 10;
                payment(day.merchant(), t, amount, config);
                payment("m-utc", t, 1_011, config);
                gross[d] += amount;
            }
            payment(day.merchant(), day.end().minusMillis(1), 1_005, config);       // the day's last millisecond
            gross[d] += 1_005;
            payment(day.merchant(), day.end(), 1_009, config);                     // the next day
        }
        // event time passes every window's close on both partitions
        for (int partition = 0; partition < 2; partition++) {
            records.add(new ProducerRecord<>(config.topics().raw(), partition, "m-utc",
                    body("m-utc", Instant.parse("2026-11-20T00:00:00Z"), 1).toString()));
        }
        send();

        JobClient job = TestJobs.start(config, null);
        try {
            // per DST day: the day before, the day, the day after; m-utc: the 8 UTC days those instants touch
            int expectedLines = 4 * 3 + 8;
            KafkaTestSupport.awaitCommitted(KAFKA.bootstrapServers(), config.topics().settlements(), expectedLines,
                    Duration.ofMinutes(2));
            List<JsonNode> lines = settlements(config);
            assertThat(lines).allSatisfy(l -> assertThat(TopicSchemas.validate(TopicSchemas.SETTLEMENTS,
                    JSON.writeValueAsBytes(l))).as(l.toString()).isEmpty());
            for (int d = 0; d < DAYS.size(); d++) {
                DstDay day = DAYS.get(d);
                long expectedGross = gross[d];
                assertThat(lines).as("%s %s", day.merchant(), day.date())
                        .filteredOn(l -> l.get("merchant_id").asText().equals(day.merchant())
                                && l.get("window_start").asText().equals(day.start().toString()))
                        .singleElement().satisfies(l -> {
                            assertThat(l.get("window_end").asText()).isEqualTo(day.end().toString());
                            assertThat(day.hours()).isIn(23L, 25L);
                            assertThat(l.get("time_zone").asText()).isEqualTo(day.zone());
                            assertThat(l.get("business_date").asText()).isEqualTo(day.date());
                            // settled or declined by fraud scoring, every payment of the day is in this line
                            assertThat(l.get("gross_minor").asLong() + l.get("declined_minor").asLong())
                                    .isEqualTo(expectedGross);
                            assertThat(l.get("revision").asInt()).isZero();
                        });
            }
            assertThat(lines).filteredOn(l -> l.get("merchant_id").asText().equals("m-utc")).isNotEmpty()
                    .allSatisfy(l -> {
                        assertThat(l.get("time_zone").asText()).isEqualTo("UTC");
                        assertThat(Duration.between(Instant.parse(l.get("window_start").asText()),
                                Instant.parse(l.get("window_end").asText()))).isEqualTo(Duration.ofDays(1));
                    });

            Outcome reconciled = Reconcile.untilClean(Reconcile.args(settings, "--closed-before", "2026-11-10T00:00:00Z"),
                    Duration.ofSeconds(60));
            assertThat(reconciled.exitCode()).as(reconciled.output()).isZero();
            assertThat(reconciled.output()).contains("; 0 mismatches");

            Outcome inUtc = Reconcile.run(Reconcile.args(settings, "--closed-before", "2026-11-10T00:00:00Z",
                    "--settlement.merchant-time-zones", "m-other=UTC"));
            assertThat(inUtc.exitCode()).as("cutting the DST merchants' days in UTC must be caught").isEqualTo(1);
        } finally {
            JobEnd.cancel(job, dir);
        }
    }

    private void payment(String merchant, Instant at, long amount, PaymentsConfig config) {
        records.add(new ProducerRecord<>(config.topics().raw(), merchant, body(merchant, at, amount).toString()));
    }

    private ObjectNode body(String merchant, Instant at, long amount) {
        int n = ++sequence;
        String partial = "400000" + String.format("%09d", n);
        ObjectNode p = JSON.createObjectNode();
        p.put("payment_id", "pay-zone-" + n).put("merchant_id", merchant).put("type", "PURCHASE").put("amount_minor", amount)
                .put("currency", "EUR").put("pan", partial + Luhn.checkDigitFor(partial)).put("expiry", "12/29")
                .put("card_country", "DE").put("merchant_country", "DE").put("event_time", at.toString());
        return p;
    }

    private void send() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            records.forEach(producer::send);
        }
        records.clear();
    }

    private static List<JsonNode> settlements(PaymentsConfig config) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestSupport.readCommitted(KAFKA.bootstrapServers(),
                config.topics().settlements())) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }
}

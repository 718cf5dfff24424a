package com.cardpay.payments.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.raw.RawPaymentReader;
import com.cardpay.payments.functions.ingest.PaymentIngestor;
import com.cardpay.payments.functions.ingest.PaymentWatermarks;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.settlement.SettlementWindows;
import com.cardpay.payments.functions.testutils.Payments;
import com.cardpay.payments.functions.testutils.WatermarkGenerators;
import com.cardpay.payments.functions.testutils.TestKeyProvider;
import com.cardpay.payments.functions.tokenization.CardTokenizer;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.validation.EventTimeLimit;
import com.cardpay.payments.functions.validation.RejectionCode;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * README's promise "a wrong clock cannot close the books early", at the shipped defaults: one minute
 * before midnight, whatever event times (and Kafka timestamps) a broken or hostile producer sends,
 * the watermark stays short of the point where today's settlement window is first emitted.
 */
class WrongClockAtDefaultsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T23:59:00Z");

    private final PaymentsConfig defaults = PaymentsConfig.from(new HashMap<>(Map.of("tokenization.key-provider", "vault",
            "vault.address", "https://vault.example:8200")));
    private final PaymentIngestor ingestor = new PaymentIngestor(new RawPaymentReader(),
            new CardTokenizer(new TestKeyProvider()), new EventTimeLimit(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), defaults.maxEventTimeAhead()));
    private final Output output = new Output();
    private final WatermarkGenerator<IngestOutcome> watermarks = generator(PaymentWatermarks.strategy(
            defaults.maxOutOfOrderness(), defaults.idleness(), defaults.maxEventTimeAhead(), NOW::toEpochMilli));

    @Test
    void paymentsStampedTomorrowOrYearsAheadAreRejectedAndTodaysWindowStaysOpen() throws Exception {
        SettlementWindows windows = defaults.settlement().windows();
        long todayEnd = windows.windowEndOf(windows.windowStartOf(NOW.toEpochMilli()));
        long revisionZeroDue = todayEnd + defaults.settlement().allowedLateness().toMillis();

        send("2026-11-24T23:58:30Z");
        for (String wrongClock : new String[] {"2026-11-25T12:00:00Z", "2026-11-25T00:04:00.001Z",
                "2031-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            IngestOutcome outcome = send(wrongClock);
            if (Instant.parse(wrongClock).isAfter(NOW.plus(defaults.maxEventTimeAhead()))) {
                assertThat(outcome.isAccepted()).as(wrongClock).isFalse();
                assertThat(outcome.deadLetter().errorCode()).isEqualTo(RejectionCode.EVENT_TIME_IN_FUTURE.name());
            }
        }
        // A producer whose clock is a year ahead stamps the record a year ahead too: the wall clock still bounds it.
        IngestOutcome hostile = send("2027-11-24T00:00:00Z", Instant.parse("2027-11-24T00:00:00Z").toEpochMilli());
        assertThat(hostile.isAccepted()).as("event time and Kafka timestamp a year ahead").isFalse();
        // The furthest a payment may lead the clock, and a malformed record whose Kafka timestamp is next year.
        assertThat(send(NOW.plus(defaults.maxEventTimeAhead()).toString()).isAccepted()).isTrue();
        IngestOutcome malformed = ingestor.ingest("{".getBytes(), Payments.key("m-1"), Payments.headers(), Payments.source());
        watermarks.onEvent(malformed, Instant.parse("2027-11-24T00:00:00Z").toEpochMilli(), output);
        watermarks.onPeriodicEmit(output);

        assertThat(output.highest).as("watermark").isLessThan(revisionZeroDue)
                .isLessThanOrEqualTo(NOW.plus(defaults.maxEventTimeAhead()).toEpochMilli());
        // And so by the wall clock the window is first emitted no earlier than its own end.
        assertThat(defaults.maxEventTimeAhead()).isLessThanOrEqualTo(defaults.settlement().allowedLateness());
    }

    @Test
    void aLeadAboveTheAllowedLatenessIsRefusedNamingTheKey() {
        Map<String, String> settings = new HashMap<>(Map.of("tokenization.key-provider", "vault",
                "vault.address", "https://vault.example:8200", "source.max-event-time-ahead", "16m"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PaymentsConfig.from(settings))
                .hasMessageContaining("source.max-event-time-ahead").hasMessageContaining("settlement.allowed-lateness");
    }

    /** A record appended now: its Kafka timestamp is the clock's. */
    private IngestOutcome send(String eventTime) throws Exception {
        return send(eventTime, NOW.toEpochMilli());
    }

    private IngestOutcome send(String eventTime, long kafkaTimestamp) throws Exception {
        Payments.RawPayment raw = Payments.raw().with("event_time", eventTime);
        IngestOutcome outcome = ingestor.ingest(raw.bytes(), raw.key(), Payments.headers(),
                new SourcePosition("payments.raw", 0, 1, kafkaTimestamp));
        long timestamp = outcome.isAccepted() ? outcome.payment().eventTimeMillis() : Instant.parse(eventTime).toEpochMilli();
        watermarks.onEvent(outcome, timestamp, output);
        watermarks.onPeriodicEmit(output);
        return outcome;
    }

    private static WatermarkGenerator<IngestOutcome> generator(WatermarkStrategy<IngestOutcome> strategy) {
        return WatermarkGenerators.of(strategy, new ManualClock());
    }

    private static final class Output implements WatermarkOutput {
        long highest = Long.MIN_VALUE;

        @Override
        public void emitWatermark(Watermark watermark) {
            highest = Math.max(highest, watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}

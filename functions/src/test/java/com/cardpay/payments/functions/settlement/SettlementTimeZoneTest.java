package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static com.cardpay.payments.functions.settlement.SettlementPayments.minutes;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The settlement stage cuts each merchant's daily windows at its local midnight: on the days clocks
 * change the line covers 23 or 25 hours, closes when that day ends (not 24 hours after it began),
 * holds both passes through the repeated autumn hour, and carries its zone and business date.
 * Windows already open when a merchant's zone changes keep the bounds and id they opened with.
 */
class SettlementTimeZoneTest {
    private static final SettlementWindows ZONED = new SettlementWindows(DAY, 0,
            MerchantTimeZones.parse("UTC", "m-ber=Europe/Berlin,m-ny=America/New_York"));

    @ParameterizedTest(name = "{0} {2}: {3} h")
    @CsvSource({
            "m-ber, Europe/Berlin,    2026-03-29, 23, 2026-03-28T23:00:00Z",
            "m-ber, Europe/Berlin,    2026-10-25, 25, 2026-10-24T22:00:00Z",
            "m-ny,  America/New_York, 2026-03-08, 23, 2026-03-08T05:00:00Z",
            "m-ny,  America/New_York, 2026-11-01, 25, 2026-11-01T04:00:00Z",
    })
    void aDstDayIsOneLineOfItsRealLengthClosedAtLocalMidnight(String merchant, String zone, String date, long hoursLong,
            Instant dayStart) throws Exception {
        long start = dayStart.toEpochMilli();
        long end = start + hours(hoursLong);
        long close = end - 1 + SettlementHarness.LATENESS.toMillis();
        // the day's first and last millisecond, and every half hour of the night, which holds the
        // change: at 02:00 or 03:00 local, so the autumn hour repeated is in here twice, an hour apart
        List<Long> inTheDay = new java.util.ArrayList<>(List.of(start, end - 1));
        for (long t = start + minutes(30); t < start + hours(5); t += minutes(30)) {
            inTheDay.add(t);
        }
        try (SettlementHarness h = SettlementHarness.open(ZONED, SettlementHarness.LATENESS, SettlementHarness.HORIZON)) {
            long amount = 101;
            long gross = 0;
            for (long t : inTheDay) {
                h.send(purchase(0, amount).merchant(merchant).at(t));
                gross += amount;
                amount += 10;
            }
            h.send(purchase(0, 7).merchant(merchant).at(start - 1), purchase(0, 9).merchant(merchant).at(end));

            h.watermark(close - 1);
            assertThat(h.settlements()).as("the day before closed, this one not yet")
                    .extracting(Settlement::windowEndMillis).containsExactly(start);
            h.watermark(close);

            Settlement day = h.settlements().get(1);
            assertThat(day.windowStartMillis()).isEqualTo(start);
            assertThat(day.windowEndMillis()).isEqualTo(end);
            assertThat(day.timeZone()).isEqualTo(zone);
            assertThat(day.businessDate()).isEqualTo(date);
            assertThat(day.settlementId()).isEqualTo(SettlementId.of(merchant, "EUR", start, end));
            assertThat(day.amounts().purchaseCount()).isEqualTo(inTheDay.size());
            assertThat(day.amounts().grossMinor()).as("to the minor unit").isEqualTo(gross);
            assertThat(h.settlements()).hasSize(2);

            h.watermark(close + hours(25));
            assertThat(h.settlements()).extracting(s -> s.amounts().grossMinor()).as("nothing lost or counted twice")
                    .containsExactly(7L, gross, 9L);
            assertThat(h.settlements().get(2).windowStartMillis()).isEqualTo(end);
        }
    }

    /** The ids of README's worked example ("The DST days of 2026, worked"). */
    @Test
    void theReadmeExampleIds() {
        assertThat(SettlementId.of("m-1", "EUR", Instant.parse("2026-03-28T23:00:00Z").toEpochMilli(),
                Instant.parse("2026-03-29T22:00:00Z").toEpochMilli())).isEqualTo("stl_7BG3leYXT9QvWaNSKilhxE");
        assertThat(SettlementId.of("m-1", "EUR", Instant.parse("2026-10-24T22:00:00Z").toEpochMilli(),
                Instant.parse("2026-10-25T23:00:00Z").toEpochMilli())).isEqualTo("stl_Em8Y3mmQiKN7xDDZfeh6ID");
        assertThat(SettlementId.of("m-2", "USD", Instant.parse("2026-03-08T05:00:00Z").toEpochMilli(),
                Instant.parse("2026-03-09T04:00:00Z").toEpochMilli())).isEqualTo("stl_sqvWekwBD5UlIXbgHRhCsd");
        assertThat(SettlementId.of("m-2", "USD", Instant.parse("2026-11-01T04:00:00Z").toEpochMilli(),
                Instant.parse("2026-11-02T05:00:00Z").toEpochMilli())).isEqualTo("stl_v6p23mX8HOUFNeQH1F4t4Z");
    }

    @Test
    void aUtcMerchantsLinesAreUnchanged() throws Exception {
        long day0 = SettlementPayments.DAY0;
        try (SettlementHarness h = SettlementHarness.open(ZONED, SettlementHarness.LATENESS, SettlementHarness.HORIZON)) {
            h.send(purchase(hours(3), 500).merchant("m-utc"));
            h.watermark(day0 + DAY - 1 + SettlementHarness.LATENESS.toMillis());
            assertThat(h.settlements()).singleElement().satisfies(s -> {
                assertThat(s.settlementId()).isEqualTo(SettlementId.of("m-utc", "EUR", day0, day0 + DAY));
                assertThat(s.timeZone()).isEqualTo("UTC");
                assertThat(s.businessDate()).isEqualTo("2026-11-24");
            });
        }
    }

    /**
     * m-ber settles in UTC, then restarts with Europe/Berlin while its 24 October window is open: that
     * window keeps its UTC bounds, its id and every payment within them (also those read after the
     * restore); the payments after it go to Berlin's 25 October, which starts an hour before that
     * window ends.
     */
    @Test
    void aWindowOpenWhenTheZoneChangesKeepsItsBoundsAndId() throws Exception {
        long utcStart = Instant.parse("2026-10-24T00:00:00Z").toEpochMilli();
        long utcEnd = utcStart + DAY;
        OperatorSubtaskState snapshot;
        try (SettlementHarness h = SettlementHarness.open()) {
            h.send(purchase(0, 1_000).merchant("m-ber").at(utcStart + hours(10)));
            h.watermark(utcStart + hours(12));
            snapshot = h.harness.snapshot(1, utcStart + hours(12));
        }
        long berlinStart = Instant.parse("2026-10-24T22:00:00Z").toEpochMilli();
        long berlinEnd = Instant.parse("2026-10-25T23:00:00Z").toEpochMilli();
        try (SettlementHarness restored = SettlementHarness.restore(snapshot, ZONED)) {
            restored.send(purchase(0, 20).merchant("m-ber").at(utcEnd - minutes(15)),   // 01:45 in Berlin, 25 Oct
                    purchase(0, 300).merchant("m-ber").at(utcEnd + minutes(30)));       // 02:30 in Berlin, 25 Oct
            restored.watermark(berlinEnd + hours(2));

            assertThat(restored.settlements()).extracting(Settlement::settlementId, Settlement::windowStartMillis,
                    Settlement::windowEndMillis, Settlement::timeZone, Settlement::businessDate, s -> s.amounts().grossMinor())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(SettlementId.of("m-ber", "EUR", utcStart, utcEnd), utcStart,
                                    utcEnd, "UTC", "2026-10-24", 1_020L),
                            org.assertj.core.groups.Tuple.tuple(SettlementId.of("m-ber", "EUR", berlinStart, berlinEnd),
                                    berlinStart, berlinEnd, "Europe/Berlin", "2026-10-25", 300L));
        }
    }

    @Test
    void aLatePaymentForADstDayIsAnAdjustmentOfThatDay() throws Exception {
        long start = Instant.parse("2026-03-28T23:00:00Z").toEpochMilli();
        long end = start + hours(23);
        long close = end - 1 + SettlementHarness.LATENESS.toMillis();
        try (SettlementHarness h = SettlementHarness.open(ZONED, SettlementHarness.LATENESS, SettlementHarness.HORIZON)) {
            h.send(purchase(0, 1_000).merchant("m-ber").at(start + hours(2)));
            h.watermark(close);
            h.send(purchase(0, 5).merchant("m-ber").at(end - 1));
            h.watermark(close + Duration.ofMinutes(1).toMillis());

            assertThat(h.settlements()).extracting(Settlement::revision, Settlement::windowEndMillis, Settlement::businessDate,
                    s -> s.amounts().grossMinor()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(0, end, "2026-03-29", 1_000L),
                    org.assertj.core.groups.Tuple.tuple(1, end, "2026-03-29", 1_005L));
        }
    }
}

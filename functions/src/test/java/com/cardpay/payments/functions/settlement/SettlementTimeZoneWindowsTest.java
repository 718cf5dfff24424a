package com.cardpay.payments.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

/**
 * Daily windows in a merchant's zone: local midnight to local midnight by the zone's rules, 23 and
 * 25 hours on the days clocks change; a payment's window is decided by its instant, so the two
 * passes through the repeated autumn hour are told apart; and how the zone combines with
 * {@code settlement.window} and {@code settlement.window-offset}.
 */
class SettlementTimeZoneWindowsTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final SettlementWindows DAILY = new SettlementWindows(DAY, 0,
            MerchantTimeZones.parse("UTC", "m-ber=Europe/Berlin,m-ny=America/New_York"));

    @ParameterizedTest(name = "{0} {1}: {2} .. {3}, {4} h")
    @CsvSource({
            // the day clocks go forward: 23 hours
            "Europe/Berlin,    2026-03-29, 2026-03-28T23:00:00Z, 2026-03-29T22:00:00Z, 23",
            "America/New_York, 2026-03-08, 2026-03-08T05:00:00Z, 2026-03-09T04:00:00Z, 23",
            // the day clocks go back: 25 hours
            "Europe/Berlin,    2026-10-25, 2026-10-24T22:00:00Z, 2026-10-25T23:00:00Z, 25",
            "America/New_York, 2026-11-01, 2026-11-01T04:00:00Z, 2026-11-02T05:00:00Z, 25",
            // ordinary days either side
            "Europe/Berlin,    2026-03-28, 2026-03-27T23:00:00Z, 2026-03-28T23:00:00Z, 24",
            "Europe/Berlin,    2026-03-30, 2026-03-29T22:00:00Z, 2026-03-30T22:00:00Z, 24",
            "America/New_York, 2026-11-02, 2026-11-02T05:00:00Z, 2026-11-03T05:00:00Z, 24",
            "UTC,              2026-03-29, 2026-03-29T00:00:00Z, 2026-03-30T00:00:00Z, 24",
    })
    void aDailyWindowRunsFromLocalMidnightToLocalMidnight(String zone, LocalDate date, Instant start, Instant end,
            long hours) {
        long s = start.toEpochMilli();
        assertThat(Duration.between(start, end).toHours()).isEqualTo(hours);
        // its first and last millisecond, and the middle, all land in it
        for (long t : new long[] {s, (s + end.toEpochMilli()) / 2, end.toEpochMilli() - 1}) {
            assertThat(DAILY.windowStartOf(t, zone)).as("start for %s", Instant.ofEpochMilli(t)).isEqualTo(s);
        }
        assertThat(DAILY.windowEndOf(s, zone)).isEqualTo(end.toEpochMilli());
        assertThat(DAILY.windowStartOf(end.toEpochMilli(), zone)).as("the end starts the next day").isEqualTo(end.toEpochMilli());
        assertThat(DAILY.businessDateOf(s, zone)).isEqualTo(date);
    }

    @ParameterizedTest(name = "{0}: {1} and {2}")
    @CsvSource({
            // 02:30 local twice: first in summer time, then an hour later in winter time
            "Europe/Berlin,    2026-10-25T00:30:00Z, 2026-10-25T01:30:00Z, 2026-10-24T22:00:00Z",
            // 01:30 local twice
            "America/New_York, 2026-11-01T05:30:00Z, 2026-11-01T06:30:00Z, 2026-11-01T04:00:00Z",
    })
    void bothPassesThroughTheRepeatedAutumnHourAreTheSameBusinessDay(String zone, Instant first, Instant second,
            Instant dayStart) {
        assertThat(first.atZone(java.time.ZoneId.of(zone)).toLocalTime())
                .as("the same local time").isEqualTo(second.atZone(java.time.ZoneId.of(zone)).toLocalTime());
        assertThat(DAILY.windowStartOf(first.toEpochMilli(), zone)).isEqualTo(dayStart.toEpochMilli());
        assertThat(DAILY.windowStartOf(second.toEpochMilli(), zone)).isEqualTo(dayStart.toEpochMilli());
    }

    @Test
    void everyInstantOfTwoYearsIsInExactlyOneWindowOfItsZone() {
        Random random = new Random(17);
        long from = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (String zone : new String[] {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"}) {
            for (int i = 0; i < 20_000; i++) {
                long t = from + (long) (random.nextDouble() * 2 * 365 * DAY);
                long start = DAILY.windowStartOf(t, zone);
                long end = DAILY.windowEndOf(start, zone);
                assertThat(start).isLessThanOrEqualTo(t);
                assertThat(end).isGreaterThan(t);
                assertThat(DAILY.windowStartOf(end, zone)).as("windows tile: the next starts at this end").isEqualTo(end);
                assertThat(end - start).as("%s at %s", zone, Instant.ofEpochMilli(t))
                        .isBetween(DAY - Duration.ofHours(1).toMillis(), DAY + Duration.ofHours(1).toMillis());
                assertThat(DAILY.businessDateOf(start, zone)).isEqualTo(Instant.ofEpochMilli(t).atZone(java.time.ZoneId.of(zone)).toLocalDate());
            }
        }
    }

    @Test
    void inUtcTheWindowsAreExactlyThoseOfBefore() {
        SettlementWindows at2 = new SettlementWindows(DAY, Duration.ofHours(2).toMillis());
        long t = Instant.parse("2026-03-29T01:00:00Z").toEpochMilli();
        assertThat(at2.windowStartOf(t, "UTC")).isEqualTo(Instant.parse("2026-03-28T02:00:00Z").toEpochMilli())
                .isEqualTo(at2.windowStartOf(t, null)).isEqualTo(at2.windowStartOf(t));
        assertThat(DAILY.zoneOf("m-anyone")).isEqualTo("UTC");
        assertThat(DAILY.zoneOf("m-ber")).isEqualTo("Europe/Berlin");
    }

    @Test
    void shorterWindowsKeepTheirEpochCutsTheZoneOnlyNamesTheDate() {
        SettlementWindows minutes = new SettlementWindows(Duration.ofMinutes(1).toMillis(), 0,
                MerchantTimeZones.parse("Europe/Berlin", ""));
        long t = Instant.parse("2026-10-25T00:59:30Z").toEpochMilli();
        long start = minutes.windowStartOf(t, "Europe/Berlin");
        assertThat(start).isEqualTo(Instant.parse("2026-10-25T00:59:00Z").toEpochMilli()).isEqualTo(minutes.windowStartOf(t));
        assertThat(minutes.windowEndOf(start, "Europe/Berlin") - start).isEqualTo(60_000);
        assertThat(minutes.businessDateOf(Instant.parse("2026-10-24T22:30:00Z").toEpochMilli(), "Europe/Berlin"))
                .as("00:30 in Berlin").isEqualTo(LocalDate.parse("2026-10-25"));
    }

    @Test
    void aFixedOffsetZoneCutsAtItsLocalMidnightAndTakesAnOffset() {
        SettlementWindows kolkata = new SettlementWindows(DAY, Duration.ofHours(2).toMillis(),
                MerchantTimeZones.parse("+05:30", ""));
        long t = Instant.parse("2026-03-29T12:00:00Z").toEpochMilli();
        // 02:00 at +05:30 is 20:30 UTC the day before
        assertThat(kolkata.windowStartOf(t, "+05:30")).isEqualTo(Instant.parse("2026-03-28T20:30:00Z").toEpochMilli());
    }

    @Test
    void combinationsThatMakeNoSenseAreRefused() {
        MerchantTimeZones berlin = MerchantTimeZones.parse("UTC", "m-ber=Europe/Berlin");
        assertThatThrownBy(() -> new SettlementWindows(DAY, Duration.ofHours(2).toMillis(), berlin))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local midnight");
        assertThatThrownBy(() -> new SettlementWindows(2 * DAY, 0, berlin))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than a day");
        assertThat(SettlementWindows.problemWith(Duration.ofHours(1).toMillis(), Duration.ofMinutes(30).toMillis(), berlin))
                .as("shorter windows are cut from the epoch, as before").isNull();
        assertThat(SettlementWindows.problemWith(2 * DAY, Duration.ofHours(3).toMillis(), MerchantTimeZones.utc())).isNull();
    }

    @Test
    void zoneIdsAreCheckedAndEntriesNamed() {
        assertThatThrownBy(() -> MerchantTimeZones.parse("Europe/Berln", ""))
                .isInstanceOf(MerchantTimeZones.DefaultZoneException.class).hasMessageContaining("Europe/Berln");
        assertThatThrownBy(() -> MerchantTimeZones.parse("UTC", "m-1=Europe/Berlin,m-2=Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(MerchantTimeZones.DefaultZoneException.class)
                .hasMessageContaining("entry 2").hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> MerchantTimeZones.parse("UTC", "m 1=Europe/Berlin")).hasMessageContaining("merchant id");
        assertThatThrownBy(() -> MerchantTimeZones.parse("UTC", "m-1=Europe/Berlin,m-1=UTC")).hasMessageContaining("already");
        assertThatThrownBy(() -> MerchantTimeZones.parse("UTC", "Europe/Berlin")).hasMessageContaining("merchantId=zone");
        assertThat(MerchantTimeZones.parse("UTC", " m-1 = America/New_York ").zoneOf("m-1")).isEqualTo("America/New_York");
    }
}

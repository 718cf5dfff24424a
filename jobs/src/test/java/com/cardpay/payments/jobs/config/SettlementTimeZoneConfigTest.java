package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigSamples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The merchants' time zones in configuration: a valid setup, and each startup error naming its
 * key: an unknown zone, a malformed entry, and a window length or offset the zones cannot cut.
 */
class SettlementTimeZoneConfigTest {

    private static String problems(Map<String, String> settings) {
        try {
            PaymentsConfig.from(settings);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("config was accepted: " + settings);
    }

    @Test
    void merchantsGetTheirZoneAndOthersTheDefault() {
        Map<String, String> s = local();
        s.put("settlement.merchant-time-zones", "m-1=Europe/Berlin, m-2=America/New_York");
        SettlementSettings settlement = PaymentsConfig.from(s).settlement();

        assertThat(settlement.timeZones().zoneOf("m-1")).isEqualTo("Europe/Berlin");
        assertThat(settlement.timeZones().zoneOf("m-3")).isEqualTo("UTC");
        long t = Instant.parse("2026-10-25T12:00:00Z").toEpochMilli();
        assertThat(settlement.windows().windowStartOf(t, "Europe/Berlin"))
                .isEqualTo(Instant.parse("2026-10-24T22:00:00Z").toEpochMilli());
    }

    @Test
    void byDefaultEveryMerchantIsInUtc() {
        SettlementSettings settlement = PaymentsConfig.from(local()).settlement();

        assertThat(settlement.timeZones().defaultZone()).isEqualTo("UTC");
        assertThat(settlement.timeZones().merchantZones()).isEmpty();
    }

    @Test
    void anUnknownZoneIsAStartupErrorNamingItsKey() {
        Map<String, String> s = local();
        s.put("settlement.default-time-zone", "Europe/Berln");
        assertThat(problems(s)).contains("settlement.default-time-zone: default time zone: unknown time zone 'Europe/Berln'");

        s = local();
        s.put("settlement.merchant-time-zones", "m-1=Europe/Berlin,m-2=EST5EDT-ish");
        assertThat(problems(s)).contains("settlement.merchant-time-zones: merchant time zone entry 2 'm-2=EST5EDT-ish'");

        s = local();
        s.put("settlement.merchant-time-zones", "m 1=Europe/Berlin");
        assertThat(problems(s)).contains("settlement.merchant-time-zones:", "merchant id");
    }

    @Test
    void anOffsetWithDailyWindowsInADstZoneIsRefusedOnTheOffset() {
        Map<String, String> s = local();
        s.put("settlement.merchant-time-zones", "m-1=Europe/Berlin");
        s.put("settlement.window-offset", "2h");
        assertThat(problems(s)).contains("settlement.window-offset: a daily window is cut at local midnight");

        s.put("settlement.merchant-time-zones", "m-1=+05:30");
        assertThat(PaymentsConfig.from(s).settlement().windows().offsetMillis()).as("a fixed offset has no DST")
                .isEqualTo(7_200_000);
    }

    @Test
    void aMultiDayWindowInADstZoneIsRefusedOnTheWindow() {
        Map<String, String> s = local();
        s.put("settlement.default-time-zone", "America/New_York");
        s.put("settlement.window", "7d");
        assertThat(problems(s)).contains("settlement.window: a window longer than a day");
    }

    @Test
    void minuteWindowsTakeAnyZone() {
        Map<String, String> s = local();
        s.put("settlement.window", "1m");
        s.put("settlement.window-offset", "10s");
        s.put("settlement.merchant-time-zones", "m-1=Europe/Berlin");
        assertThat(PaymentsConfig.from(s).settlement().windows().zoneOf("m-1")).isEqualTo("Europe/Berlin");
    }
}

package com.cardpay.payments.connectors.contracts;

import static com.cardpay.payments.connectors.contracts.TopicSchemas.SETTLEMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.settlements.SettlementJson;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementDelta;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** payments.settlements against its schema: a first emission and an adjustment. */
class SettlementContractTest {
    private static final long START = 1_795_478_400_000L; // 2026-11-24T00:00:00Z
    private static final long END = START + 86_400_000L;

    @Test
    void aFirstEmissionConformsAndHasNoDelta() {
        byte[] value = SettlementJson.settlement(revision(0, null));

        assertThat(TopicSchemas.validate(SETTLEMENTS, value)).as(text(value)).isEmpty();
        assertThat(text(value)).contains("\"window_start\":\"2026-11-24T00:00:00Z\"", "\"window_end\":\"2026-11-25T00:00:00Z\"",
                "\"revision\":0", "\"is_adjustment\":false", "\"net_minor\":9610", "\"fee_plan\":{\"basis_points\":290,")
                .doesNotContain("delta");
    }

    @Test
    void anAdjustmentConformsWithItsDelta() {
        SettlementDelta delta = new SettlementDelta(new SettlementAmounts(0, 0, 1, 500, 0, 0, 0, 0), 0, -500);

        byte[] value = SettlementJson.settlement(revision(1, delta));

        assertThat(TopicSchemas.validate(SETTLEMENTS, value)).as(text(value)).isEmpty();
        assertThat(text(value)).contains("\"is_adjustment\":true", "\"delta\":{\"purchase_count\":0,");
    }

    @Test
    void version2CarriesTheZoneAndTheBusinessDateBesideTheWindow() {
        byte[] value = SettlementJson.settlement(berlinAutumnDay());

        assertThat(TopicSchemas.validate(SETTLEMENTS, value)).as(text(value)).isEmpty();
        assertThat(text(value)).contains("\"schema_version\":2,", "\"window_start\":\"2026-10-24T22:00:00Z\","
                + "\"window_end\":\"2026-10-25T23:00:00Z\",\"time_zone\":\"Europe/Berlin\",\"business_date\":\"2026-10-25\",");
    }

    @Test
    void aVersion1RecordWithoutZoneStillConforms() throws Exception {
        Settlement beforeZones = new Settlement("stl_0123456789abcdefABCDEF", "m-1", "EUR", START, END, 0, false,
                new SettlementAmounts(2, 10_000, 0, 0, 0, 0, 0, 0), 390, 9_610, 290, 50, 0, null);
        byte[] value = text(SettlementJson.settlement(beforeZones)).replace("\"schema_version\":2", "\"schema_version\":1")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(text(value)).doesNotContain("time_zone", "business_date");
        assertThat(TopicSchemas.validate(SETTLEMENTS, value)).as(text(value)).isEmpty();
        assertThat(com.cardpay.payments.connectors.contracts.settlements.SettlementReader.read(value)).isEqualTo(beforeZones);
    }

    @Test
    void theContractRefusesInconsistentRecords() {
        byte[] zoned = SettlementJson.settlement(berlinAutumnDay());
        assertThat(TopicSchemas.validate(SETTLEMENTS, text(zoned).replace(",\"business_date\":\"2026-10-25\"", "")
                .getBytes(StandardCharsets.UTF_8))).as("a zone without its business date").isNotEmpty();
        assertThat(TopicSchemas.validate(SETTLEMENTS, text(zoned).replace("\"schema_version\":2", "\"schema_version\":3")
                .getBytes(StandardCharsets.UTF_8))).as("a version not yet defined").isNotEmpty();
        assertThat(TopicSchemas.validate(SETTLEMENTS, SettlementJson.settlement(revision(1, null))))
                .as("an adjustment without its delta").isNotEmpty();
        assertThat(TopicSchemas.validate(SETTLEMENTS,
                SettlementJson.settlement(revision(0, new SettlementDelta(SettlementAmounts.ZERO, 0, 0)))))
                .as("a first emission with a delta").isNotEmpty();
        Settlement lowerCaseCurrency = new Settlement("stl_0123456789abcdefABCDEF", "m-1", "eur", START, END, 0, false,
                new SettlementAmounts(2, 10_000, 0, 0, 0, 0, 0, 0), 390, 9_610, 290, 50, 0, null);
        assertThat(TopicSchemas.validate(SETTLEMENTS, SettlementJson.settlement(lowerCaseCurrency))).isNotEmpty();
    }

    /** Revision {@code revision} of a daily EUR line of m-1 (also for the round trip in ContractRoundTripTest). */
    static Settlement revision(int revision, SettlementDelta delta) {
        // 2 purchases of 10,000.00 minor in total: 290 bps = 290, plus 2 x 50 fixed = 390
        return new Settlement("stl_0123456789abcdefABCDEF", "m-1", "EUR", START, END, revision, revision > 0,
                new SettlementAmounts(2, 10_000, revision > 0 ? 1 : 0, revision > 0 ? 500 : 0, 0, 0, 1, 70_000), 390,
                revision > 0 ? 9_110 : 9_610, 290, 50, revision > 0 ? 1 : 0, delta, "UTC", "2026-11-24");
    }

    /** A Berlin line of the day clocks go back: 25 hours, with its zone and business date. */
    static Settlement berlinAutumnDay() {
        long start = java.time.Instant.parse("2026-10-24T22:00:00Z").toEpochMilli();
        return new Settlement("stl_0123456789abcdefABCDEF", "m-1", "EUR", start, start + 25 * 3_600_000L, 0, false,
                new SettlementAmounts(2, 10_000, 0, 0, 0, 0, 0, 0), 390, 9_610, 290, 50, 0, null, "Europe/Berlin",
                "2026-10-25");
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}

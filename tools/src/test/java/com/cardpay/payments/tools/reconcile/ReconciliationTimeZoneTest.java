package com.cardpay.payments.tools.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.scored.ScoredJson;
import com.cardpay.payments.connectors.contracts.settlements.SettlementJson;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.settlement.FeeSchedule;
import com.cardpay.payments.functions.settlement.MerchantTimeZones;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.jobs.config.SettlementSettings;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.time.Instant;

/**
 * The reconciliation tool's own local-day rule against lines as the job writes them on the four
 * DST days of 2026 (Berlin 29 March and 25 October, New York 8 March and 1 November): the bounds
 * below are written out by hand, in UTC, not computed by either implementation.
 */
class ReconciliationTimeZoneTest {
    private static final SettlementSettings DAILY_ZONED = new SettlementSettings(Duration.ofDays(1), Duration.ZERO,
            Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofMinutes(1), FeeSchedule.parse("100bps", ""),
            MerchantTimeZones.parse("UTC", "m-ber=Europe/Berlin,m-ny=America/New_York"), Set.of("EUR"));

    private final Reconciliation r = new Reconciliation(DAILY_ZONED);
    private int ids;

    @Test
    void theDstDaysReconcileToTheMinorUnit() {
        // Berlin, 29 March: 23 hours, 2026-03-28T23:00Z .. 2026-03-29T22:00Z
        payment("m-ber", 1_000, "2026-03-28T23:00:00Z");        // 00:00 CET
        payment("m-ber", 250, "2026-03-29T00:59:59.999Z");      // 01:59:59.999 CET, the last instant before the change
        payment("m-ber", 350, "2026-03-29T01:00:00Z");          // 03:00 CEST
        payment("m-ber", 150, "2026-03-29T21:59:59.999Z");      // 23:59:59.999 CEST
        payment("m-ber", 400, "2026-03-29T22:00:00Z");          // 00:00 CEST, 30 March
        // gross 1,750 at 100 bps = 17.5, half-even 18
        line("m-ber", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", "Europe/Berlin", "2026-03-29", 4, 1_750, 18);
        line("m-ber", "2026-03-29T22:00:00Z", "2026-03-30T22:00:00Z", "Europe/Berlin", "2026-03-30", 1, 400, 4);
        // Berlin, 25 October: 25 hours; 02:30 twice, told apart by the instant, both in this day
        payment("m-ber", 205, "2026-10-25T00:30:00Z");          // 02:30 CEST
        payment("m-ber", 305, "2026-10-25T01:30:00Z");          // 02:30 CET
        payment("m-ber", 1, "2026-10-25T22:59:59.999Z");        // 23:59:59.999 CET
        line("m-ber", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", "Europe/Berlin", "2026-10-25", 3, 511, 5);
        // New York, 8 March: 23 hours
        payment("m-ny", 1_250, "2026-03-08T06:30:00Z");         // 01:30 EST
        payment("m-ny", 1_250, "2026-03-08T07:30:00Z");         // 03:30 EDT
        line("m-ny", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "America/New_York", "2026-03-08", 2, 2_500, 25);
        // New York, 1 November: 25 hours; 01:30 twice
        payment("m-ny", 50, "2026-11-01T05:30:00Z");            // 01:30 EDT
        payment("m-ny", 50, "2026-11-01T06:30:00Z");            // 01:30 EST
        payment("m-ny", 1, "2026-11-02T04:59:59.999Z");         // 23:59:59.999 EST
        line("m-ny", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "America/New_York", "2026-11-01", 3, 101, 1);

        Reconciliation.Result result = r.reconcile(Long.MAX_VALUE);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.summary()).contains("13 settled", "5 lines compared", "0 mismatches");
    }

    @Test
    void aDayCutAt24HoursInsteadOfLocalMidnightIsCaught() {
        payment("m-ber", 1_000, "2026-03-29T12:00:00Z");
        payment("m-ber", 400, "2026-03-29T22:30:00Z");          // 00:30 on 30 March in Berlin
        // what a fixed-offset rule would have emitted: 24 hours from the local midnight before
        line("m-ber", "2026-03-28T23:00:00Z", "2026-03-29T23:00:00Z", "Europe/Berlin", "2026-03-29", 2, 1_400, 14);

        assertThat(r.reconcile(Long.MAX_VALUE).mismatches())
                .anySatisfy(m -> assertThat(m).startsWith("UNEXPECTED m-ber EUR 2026-03-28T23:00:00Z..2026-03-29T23:00:00Z"))
                .anySatisfy(m -> assertThat(m).startsWith("MISSING m-ber EUR 2026-03-28T23:00:00Z..2026-03-29T22:00:00Z"))
                .anySatisfy(m -> assertThat(m).startsWith("MISSING m-ber EUR 2026-03-29T22:00:00Z..2026-03-30T22:00:00Z"));
    }

    @Test
    void aWrongBusinessDateOrZoneIsAMismatch() {
        payment("m-ny", 100, "2026-11-01T05:30:00Z");
        line("m-ny", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "America/New_York", "2026-11-02", 1, 100, 1);

        assertThat(r.reconcile(Long.MAX_VALUE).mismatches()).singleElement().asString()
                .contains("time_zone/business_date expected America/New_York 2026-11-01, got America/New_York 2026-11-02");
    }

    /**
     * A window the job opened before zones (or while m-ber was in UTC) keeps its UTC bounds: its
     * line, UTC or of schema version 1, claims the payments within them; the next day is Berlin's.
     */
    @Test
    void aLineCutByTheUtcRuleBeforeTheZoneKeepsItsPayments() {
        payment("m-ber", 1_000, "2026-10-24T10:00:00Z");
        payment("m-ber", 20, "2026-10-24T23:45:00Z");           // 01:45 on 25 October in Berlin, but in the UTC line
        payment("m-ber", 300, "2026-10-25T00:30:00Z");          // after the UTC line: Berlin's 25 October
        line("m-ber", "2026-10-24T00:00:00Z", "2026-10-25T00:00:00Z", null, null, 2, 1_020, 10);
        line("m-ber", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", "Europe/Berlin", "2026-10-25", 1, 300, 3);

        Reconciliation.Result result = r.reconcile(Long.MAX_VALUE);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.summary()).contains("2 lines compared");
    }

    private void payment(String merchant, long amount, String eventTime) {
        String id = "p" + (++ids);
        long t = Instant.parse(eventTime).toEpochMilli();
        r.input(("{\"merchant_id\":\"" + merchant + "\",\"payment_id\":\"" + id + "\",\"type\":\"PURCHASE\",\"amount_minor\":"
                + amount + ",\"currency\":\"EUR\",\"event_time\":\"" + eventTime + "\"}").getBytes(StandardCharsets.UTF_8),
                "raw:" + id, null);
        TokenizedPayment p = new TokenizedPayment(id, merchant, PaymentType.PURCHASE, amount, "EUR", "tok_v1_" + id, 1,
                "411111", "1111", "DE", "DE", null, null, t, null, 0L, new SourcePosition("payments.raw", 0, ids, 0),
                MessageHeaders.EMPTY);
        r.scored(ScoredJson.write(new ScoredPayment(p, new CardFeatures(1, 1, 1, amount, amount, amount, 1, 1, false, -1),
                new MerchantFeatures(0, 0, 0, 0), 0, Decision.APPROVE, new Reason[0], new ShadowHit[0], "r-1", t)),
                "scored:" + id);
    }

    /** Revision 0 of a line of purchases only; zone and date null: a record of schema version 1. */
    private void line(String merchant, String start, String end, String zone, String date, long count, long gross, long fee) {
        long s = Instant.parse(start).toEpochMilli();
        long e = Instant.parse(end).toEpochMilli();
        Settlement line = new Settlement("stl_" + merchant + s, merchant, "EUR", s, e, 0, false,
                new SettlementAmounts(count, gross, 0, 0, 0, 0, 0, 0), fee, gross - fee, 100, 0, 0, null, zone, date);
        r.settlement(SettlementJson.settlement(line), "settlements:" + merchant + s);
    }
}

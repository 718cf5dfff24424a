package com.cardpay.payments.tools.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.dlq.DeadLetterJson;
import com.cardpay.payments.connectors.contracts.scored.ScoredJson;
import com.cardpay.payments.connectors.contracts.settlements.SettlementJson;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.settlement.FeeSchedule;
import com.cardpay.payments.functions.settlement.MerchantTimeZones;
import com.cardpay.payments.functions.settlement.Settlement;
import com.cardpay.payments.functions.settlement.SettlementAmounts;
import com.cardpay.payments.functions.settlement.SettlementDelta;
import com.cardpay.payments.jobs.config.SettlementSettings;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The independent recomputation and its comparison with emitted settlement lines. Output records
 * are written by the topics' own writers, as the job writes them.
 */
class ReconciliationTest {
    private static final SettlementSettings SETTINGS = new SettlementSettings(Duration.ofMinutes(1), Duration.ZERO,
            Duration.ofSeconds(10), Duration.ofDays(1), Duration.ofSeconds(1), FeeSchedule.parse("100bps+0.05EUR/0.05USD/5JPY", "m-2=0bps"),
            MerchantTimeZones.utc(), Set.of("EUR", "USD", "JPY"));
    private static final long W0 = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
    private static final long W1 = W0 + 60_000;

    private final Reconciliation r = new Reconciliation(SETTINGS);

    @Test
    void matchingLinesReconcileWithHalfEvenFees() {
        payment("m-1", "p1", "PURCHASE", 150, "EUR", W0 + 1_000, "APPROVE");
        payment("m-1", "p2", "PURCHASE", 200, "EUR", W0 + 2_000, "REVIEW");
        payment("m-1", "p3", "REFUND", 40, "EUR", W0 + 3_000, "APPROVE");
        payment("m-1", "p4", "PURCHASE", 999, "EUR", W0 + 4_000, "DECLINE");
        // gross 350 at 100 bps = 3.5, half-even to 4; plus 2 x 5 fixed = 14; net 350 - 40 - 14
        settlement("m-1", "EUR", W0, 0, amounts(2, 350, 1, 40, 0, 0, 1, 999, 14, 296), null);

        Reconciliation.Result result = r.reconcile(null);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.summary()).contains("4 distinct payments", "3 settled, 1 declined", "1 lines compared", "0 mismatches");
    }

    @Test
    void halfEvenRoundsDownToEvenToo() {
        payment("m-1", "p1", "PURCHASE", 250, "EUR", W0, "APPROVE");
        settlement("m-1", "EUR", W0, 0, amounts(1, 250, 0, 0, 0, 0, 0, 0, 2 + 5, 243), null);

        assertThat(r.reconcile(null).mismatches()).isEmpty();
    }

    @Test
    void aWrongAmountIsAMismatchNamingTheField() {
        payment("m-2", "p1", "PURCHASE", 100, "USD", W0, "APPROVE");
        settlement("m-2", "USD", W0, 0, amounts(1, 101, 0, 0, 0, 0, 0, 0, 0, 101), null);

        assertThat(r.reconcile(null).mismatches()).singleElement().asString()
                .startsWith("MISMATCH m-2 USD 2026-11-24T10:00:00Z..2026-11-24T10:01:00Z (revision 0): gross_minor expected 100, got 101");
    }

    @Test
    void currenciesAreSeparateLinesAndAMissingOneIsReported() {
        payment("m-2", "p1", "PURCHASE", 100, "USD", W0, "APPROVE");
        payment("m-2", "p2", "PURCHASE", 100, "JPY", W0, "APPROVE");
        settlement("m-2", "USD", W0, 0, amounts(1, 100, 0, 0, 0, 0, 0, 0, 0, 100), null);

        assertThat(r.reconcile(null).mismatches()).singleElement().asString().startsWith("MISSING m-2 JPY");
    }

    @Test
    void eachPaymentCountsOnceFromTheInputAndScoringTwiceIsAMismatch() {
        payment("m-2", "p1", "PURCHASE", 100, "USD", W0, "APPROVE");
        input("m-2", "p1", "PURCHASE", 100, "USD", W0);
        scored("m-2", "p1", "PURCHASE", 100, "USD", W0, "APPROVE");
        settlement("m-2", "USD", W0, 0, amounts(1, 100, 0, 0, 0, 0, 0, 0, 0, 100), null);

        Reconciliation.Result result = r.reconcile(null);

        assertThat(result.mismatches()).singleElement().asString().startsWith("SCORED_TWICE m-2/p1");
        assertThat(result.summary()).contains("1 distinct payments, 1 repeats");
    }

    @Test
    void adjustmentsMustAddUpRevisionByRevision() {
        payment("m-2", "p1", "PURCHASE", 100, "USD", W0, "APPROVE");
        payment("m-2", "p2", "CHARGEBACK", 30, "USD", W0 + 5, "APPROVE");
        settlement("m-2", "USD", W0, 0, amounts(1, 100, 0, 0, 0, 0, 0, 0, 0, 100), null);
        settlement("m-2", "USD", W0, 1, amounts(1, 100, 0, 0, 1, 30, 0, 0, 0, 70), amounts(0, 0, 0, 0, 1, 30, 0, 0, 0, -30));

        assertThat(r.reconcile(null).mismatches()).isEmpty();
    }

    @Test
    void aDeltaThatDoesNotAddUpOrAMissingRevisionIsReported() {
        payment("m-2", "p1", "PURCHASE", 100, "USD", W0, "APPROVE");
        payment("m-2", "p2", "PURCHASE", 100, "USD", W1, "APPROVE");
        settlement("m-2", "USD", W0, 0, amounts(1, 100, 0, 0, 0, 0, 0, 0, 0, 100), null);
        settlement("m-2", "USD", W0, 1, amounts(1, 100, 0, 0, 0, 0, 0, 0, 0, 100), amounts(0, 1, 0, 0, 0, 0, 0, 0, 0, 1));
        settlement("m-2", "USD", W1, 0, amounts(1, 100, 0, 0, 0, 0, 0, 0, 0, 100), null);
        settlement("m-2", "USD", W1, 2, amounts(1, 100, 0, 0, 0, 0, 0, 0, 0, 100), amounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        assertThat(r.reconcile(null).mismatches()).hasSize(3).anySatisfy(m -> assertThat(m).startsWith(
                "DELTA_MISMATCH m-2 USD 2026-11-24T10:00:00Z..2026-11-24T10:01:00Z revision 1: previous totals + delta: gross_minor expected 101, got 100"))
                .anySatisfy(m -> assertThat(m).startsWith("MISSING_REVISION m-2 USD 2026-11-24T10:01:00Z"));
    }

    @Test
    void anInputNeitherScoredNorDeadLetteredIsUnaccounted() {
        input("m-2", "p1", "PURCHASE", 100, "USD", W0);
        input("m-2", "p2", "PURCHASE", 100, "USD", W0);
        deadLetter("m-2", "p2", "DUPLICATE_CONFLICT");
        settlement("m-3", "USD", W0, 0, amounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), null);

        assertThat(r.reconcile(null).mismatches()).containsExactlyInAnyOrder(
                "UNACCOUNTED m-2/p1 (raw:m-2/p1): neither scored nor dead-lettered",
                "UNEXPECTED m-3 USD 2026-11-24T10:00:00Z..2026-11-24T10:01:00Z: emitted (purchase_count=0 gross_minor=0"
                        + " refund_count=0 refund_minor=0 chargeback_count=0 chargeback_minor=0 declined_count=0"
                        + " declined_minor=0 fees_minor=0 net_minor=0) but no payment belongs to it");
    }

    @Test
    void linesStillOpenAtTheCutoffAreNotCompared() {
        payment("m-2", "p1", "PURCHASE", 100, "USD", W0, "APPROVE");
        payment("m-2", "p2", "PURCHASE", 100, "USD", W1, "APPROVE");
        settlement("m-2", "USD", W0, 0, amounts(1, 100, 0, 0, 0, 0, 0, 0, 0, 100), null);

        Reconciliation.Result result = r.reconcile(null);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.summary()).contains("1 lines compared, 1 still open");
        assertThat(new Reconciliation(SETTINGS).reconcile(Long.MAX_VALUE).summary()).contains("cutoff all");
    }

    @Test
    void aPaymentBeyondTheHorizonIsListedForManualSettlement() {
        payment("m-2", "p1", "PURCHASE", 100, "USD", W0, "APPROVE");
        deadLetter("m-2", "p1", Reconciliation.BEYOND_HORIZON);

        Reconciliation.Result result = r.reconcile(Long.MAX_VALUE);

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.notes()).singleElement().asString().startsWith("MANUAL m-2/p1 PURCHASE 100 USD");
    }

    @Test
    void recordsThatAreNotPaymentsAreCountedNotPrinted() {
        r.input("{\"pan\":\"not-a-payment\"".getBytes(StandardCharsets.UTF_8), "raw:1", null);
        r.input("[1]".getBytes(StandardCharsets.UTF_8), "raw:2", null);

        Reconciliation.Result result = r.reconcile(Long.MAX_VALUE);

        assertThat(result.summary()).contains("2 input records (0 distinct payments, 0 repeats, 2 not payments)")
                .doesNotContain("not-a-payment");
    }

    /**
     * The job rejects an id that is, or holds, a card number (BAD_PAYMENT_ID, BAD_MERCHANT_ID) and its
     * dead letter then carries no id, only the source position, which a --raw-file input lacks. Such
     * an input must still never reach the report: the tool prints ids.
     */
    @Test
    void anIdThatIsACardNumberIsNeverPrinted() {
        r.input(json(Map.of("merchant_id", "m-2", "payment_id", "4111111111111111", "type", "PURCHASE", "amount_minor", 100,
                "currency", "USD", "event_time", Instant.ofEpochMilli(W0).toString())), "archive.jsonl:1", null);
        r.input(json(Map.of("merchant_id", "5555_5555_5555_4444", "payment_id", "p1", "type", "PURCHASE", "amount_minor", 100,
                "currency", "USD", "event_time", Instant.ofEpochMilli(W0).toString())), "archive.jsonl:2", null);
        for (int offset = 0; offset < 2; offset++) {
            r.deadLetter(DeadLetterJson.write(new DeadLetter(offset == 0 ? "BAD_PAYMENT_ID" : "BAD_MERCHANT_ID", "masked", null,
                    new SourcePosition("payments.raw", 0, offset, 0), null, null, null, "{}", 2, false, MessageHeaders.EMPTY)));
        }

        Reconciliation.Result result = r.reconcile(Long.MAX_VALUE);

        java.util.List<String> printed = new java.util.ArrayList<>(result.mismatches());
        printed.addAll(result.notes());
        printed.add(result.summary());
        assertThat(printed).noneSatisfy(line ->
                assertThat(com.cardpay.payments.functions.validation.CardNumberDetector.containsCardNumber(line)).as(line).isTrue());
    }

    private void payment(String merchant, String id, String type, long amount, String currency, long t, String decision) {
        input(merchant, id, type, amount, currency, t);
        scored(merchant, id, type, amount, currency, t, decision);
    }

    private void input(String merchant, String id, String type, long amount, String currency, long t) {
        r.input(json(Map.of("merchant_id", merchant, "payment_id", id, "type", type, "amount_minor", amount,
                "currency", currency, "event_time", Instant.ofEpochMilli(t).toString())), "raw:" + merchant + "/" + id, null);
    }

    private void scored(String merchant, String id, String type, long amount, String currency, long t, String decision) {
        TokenizedPayment p = new TokenizedPayment(id, merchant, PaymentType.valueOf(type), amount, currency, "tok_v1_" + id, 1,
                "411111", "1111", "DE", "DE", null, null, t, type.equals("PURCHASE") ? null : "orig-" + id, 0L,
                new SourcePosition("payments.raw", 0, 0, 0), MessageHeaders.EMPTY);
        r.scored(ScoredJson.write(new ScoredPayment(p, new CardFeatures(1, 1, 1, amount, amount, amount, 1, 1, false, -1),
                new MerchantFeatures(0, 0, 0, 0), 0, Decision.valueOf(decision), new Reason[0], new ShadowHit[0], "r-1", t)),
                "scored:" + merchant + "/" + id);
    }

    private void deadLetter(String merchant, String id, String code) {
        r.deadLetter(DeadLetterJson.write(new DeadLetter(code, "by hand", null, new SourcePosition("payments.raw", 0, 7, 0),
                id, merchant, merchant, "{}", 2, false, MessageHeaders.EMPTY)));
    }

    private void settlement(String merchant, String currency, long start, int revision, long[] totals, long[] delta) {
        Settlement s = new Settlement("stl_" + merchant + currency + start, merchant, currency, start, start + 60_000, revision,
                revision > 0, figures(totals), totals[8], totals[9], 100, 5, 0,
                delta == null ? null : new SettlementDelta(figures(delta), delta[8], delta[9]));
        r.settlement(SettlementJson.settlement(s), "settlements:" + merchant + currency + start + "#" + revision);
    }

    /** A line's amounts, in {@link LineAmounts#FIELDS}' order. */
    private static long[] amounts(long... v) {
        return v;
    }

    /** The eight counts and amounts of {@code v}, a line's amounts in {@link LineAmounts#FIELDS}' order. */
    private static SettlementAmounts figures(long[] v) {
        return new SettlementAmounts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    private static byte[] json(Map<String, Object> fields) {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) -> s.append(s.length() == 1 ? "" : ",").append('"').append(k).append("\":")
                .append(v instanceof String ? "\"" + v + "\"" : v.toString()));
        return s.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}

package com.cardpay.payments.savepoints;

import com.cardpay.payments.functions.validation.Luhn;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic input of the savepoint fixtures: the part read before the savepoint ({@link
 * #beforeSavepoint}) and the next part, read by the restored job ({@link #afterRestore}).
 *
 * <p><b>Never change the records of a version once its fixture is committed</b>: the fixture's
 * Kafka offsets, dedupe entries, card and merchant state and open windows are this input's. A new
 * input is a new version here and a new fixture.
 *
 * <p>Version 1, event time from 2026-11-24T10:00:00Z, one-minute settlement windows:
 * <ul>
 *   <li>a rule, {@value #RULE_ID}: decline 900,000 minor units and more;
 *   <li>120 purchases, one every 2 s of event time (minutes 0 to 3), merchants m-0 and m-1 on
 *       partition 0 and m-2 and m-3 on partition 1, two cards per merchant, every fifth in USD;
 *   <li>after the 100th, four payments for minute 0, which closed long before: adjustments.
 * </ul>
 * At the savepoint, minute 3's windows are open (the watermark is about 3:53), minutes 0 to 2
 * are emitted and minute 0 has had an adjustment. After the restore come exact replays and one
 * conflicting replay of payments before it, one payment per card in minute 4, payments still on
 * time for minute 3, a 950,000 purchase the rule declines, one more late payment for minute 0,
 * and finally one payment per partition at minute 6 that closes minutes 3 and 4.
 */
final class FixtureInput {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final String RULE_ID = "fixture-large-decline";
    static final String RULE = """
            {"id":"fixture-large-decline","version":1,"state":"ACTIVE","reason":"FIXTURE_LARGE",\
            "when":{"feature":"payment.amount_minor","op":">=","value":900000},"decision":"DECLINE"}""";
    static final int MERCHANTS = 4;
    static final int PARTITIONS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record of {@code payments.raw}, with the partition it is written to. */
    record Payment(ObjectNode json, int partition) {
        String paymentId() {
            return json.get("payment_id").asText();
        }

        String merchant() {
            return json.get("merchant_id").asText();
        }

        String currency() {
            return json.get("currency").asText();
        }

        String pan() {
            return json.get("pan").asText();
        }

        long amount() {
            return json.get("amount_minor").asLong();
        }

        long eventTimeMillis() {
            return Instant.parse(json.get("event_time").asText()).toEpochMilli();
        }
    }

    private FixtureInput() {}

    static List<Payment> beforeSavepoint() {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int merchant = i % MERCHANTS;
            payments.add(payment("fx-a-" + i, merchant, card(merchant, (i / MERCHANTS) % 2), i % 5 == 0 ? "USD" : "EUR",
                    1_000 + 7L * i, 2_000L * i));
            if (i == 100) {
                for (int late = 0; late < 4; late++) {
                    payments.add(payment("fx-a-late-" + late, late, card(late, 0), "EUR", 500 + late, 10_000L + late));
                }
            }
        }
        return payments;
    }

    static List<Payment> afterRestore() {
        List<Payment> before = beforeSavepoint();
        List<Payment> payments = new ArrayList<>();
        // exact replays of payments read before the savepoint: dropped as duplicates
        for (int i : new int[] {3, 50, 101, 119}) {
            payments.add(before.get(i));
        }
        // a replay with another amount: a conflict, to the DLQ
        Payment conflicting = before.get(7);
        ObjectNode changed = conflicting.json().deepCopy();
        changed.put("amount_minor", conflicting.amount() + 1);
        payments.add(new Payment(changed, conflicting.partition()));
        // still on time for minute 3, open in the savepoint
        for (int merchant = 0; merchant < MERCHANTS; merchant++) {
            payments.add(payment("fx-b-open-" + merchant, merchant, card(merchant, 1), "EUR", 3_000 + merchant, 239_000));
        }
        // one payment per card in minute 4: their velocity counts the payments before the savepoint
        for (int merchant = 0; merchant < MERCHANTS; merchant++) {
            for (int c = 0; c < 2; c++) {
                payments.add(payment("fx-b-card-" + merchant + "-" + c, merchant, card(merchant, c), "EUR", 2_000 + c,
                        245_000 + 1_000L * (2 * merchant + c)));
            }
        }
        payments.add(payment("fx-b-large", 2, card(2, 0), "EUR", 950_000, 260_000));
        payments.add(payment("fx-b-late", 1, card(1, 0), "EUR", 777, 20_000));
        // event time moves past minutes 3 and 4 on both partitions
        payments.add(payment("fx-b-clock-0", 0, card(0, 0), "EUR", 100, 360_000));
        payments.add(payment("fx-b-clock-1", 2, card(2, 1), "EUR", 100, 360_000));
        return payments;
    }

    /** Merchants 0 and 1 are on partition 0, 2 and 3 on partition 1. */
    static int partitionOf(int merchant) {
        return merchant / 2;
    }

    static String card(int merchant, int card) {
        String partial = "400000" + String.format("%04d%05d", merchant, card);
        return partial + Luhn.checkDigitFor(partial);
    }

    private static Payment payment(String id, int merchant, String pan, String currency, long amount, long millisAfterT0) {
        ObjectNode p = JSON.createObjectNode();
        p.put("payment_id", id).put("merchant_id", "m-" + merchant).put("type", "PURCHASE").put("amount_minor", amount)
                .put("currency", currency).put("pan", pan).put("expiry", "12/29").put("card_country", "DE")
                .put("merchant_country", "DE").put("event_time", T0.plusMillis(millisAfterT0).toString());
        return new Payment(p, partitionOf(merchant));
    }
}

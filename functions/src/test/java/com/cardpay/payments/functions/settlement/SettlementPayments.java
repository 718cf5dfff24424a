package com.cardpay.payments.functions.settlement;

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
import com.cardpay.payments.functions.testutils.Payments;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scored payments for settlement tests, built field by field. Times are offsets from {@link #DAY0},
 * a UTC midnight, so with daily windows every test knows which window a payment lands in.
 *
 * <pre>{@code
 * SettlementPayments.purchase(hours(3), 10_000).currency("USD").decision(Decision.DECLINE).build()
 * }</pre>
 */
record SettlementPayments(
        String merchant, String currency, PaymentType type, long amountMinor, Decision decision, long eventTimeMillis) {

    /** 2026-11-24T00:00:00Z. */
    static final long DAY0 = 1_795_478_400_000L;
    static final long DAY = Duration.ofDays(1).toMillis();
    static final String MERCHANT = Payments.MERCHANT_ID;
    private static final AtomicLong IDS = new AtomicLong();

    /** An approved EUR purchase at {@link #MERCHANT}, {@code offsetMillis} after {@link #DAY0}. */
    static SettlementPayments purchase(long offsetMillis, long amountMinor) {
        return new SettlementPayments(MERCHANT, "EUR", PaymentType.PURCHASE, amountMinor, Decision.APPROVE,
                DAY0 + offsetMillis);
    }

    static SettlementPayments refund(long offsetMillis, long amountMinor) {
        return purchase(offsetMillis, amountMinor).type(PaymentType.REFUND);
    }

    static SettlementPayments chargeback(long offsetMillis, long amountMinor) {
        return purchase(offsetMillis, amountMinor).type(PaymentType.CHARGEBACK);
    }

    static long hours(long n) {
        return Duration.ofHours(n).toMillis();
    }

    static long minutes(long n) {
        return Duration.ofMinutes(n).toMillis();
    }

    SettlementPayments merchant(String merchantId) {
        return new SettlementPayments(merchantId, currency, type, amountMinor, decision, eventTimeMillis);
    }

    SettlementPayments currency(String code) {
        return new SettlementPayments(merchant, code, type, amountMinor, decision, eventTimeMillis);
    }

    SettlementPayments type(PaymentType paymentType) {
        return new SettlementPayments(merchant, currency, paymentType, amountMinor, decision, eventTimeMillis);
    }

    SettlementPayments decision(Decision d) {
        return new SettlementPayments(merchant, currency, type, amountMinor, d, eventTimeMillis);
    }

    /** At an absolute event time. */
    SettlementPayments at(long eventTime) {
        return new SettlementPayments(merchant, currency, type, amountMinor, decision, eventTime);
    }

    /** The scored payment, with a fresh payment id, read before any watermark. */
    ScoredPayment build() {
        return build(SourcePosition.NOT_STAMPED);
    }

    /** The scored payment, with a fresh payment id, read when its partition's watermark stood at {@code partitionWatermark}. */
    ScoredPayment build(long partitionWatermark) {
        long id = IDS.incrementAndGet();
        TokenizedPayment p = new TokenizedPayment("pay-" + id, merchant, type, amountMinor, currency, "tok_v1_card-a",
                1, "411111", "1111", "DE", "FR", "DE", null, eventTimeMillis,
                type == PaymentType.PURCHASE ? null : "pay-0", 31 * id, Payments.source(id).withPartitionWatermark(partitionWatermark),
                MessageHeaders.EMPTY);
        return new ScoredPayment(p, new CardFeatures(1, 1, 1, amountMinor, amountMinor, amountMinor, 1, 1, false, -1),
                new MerchantFeatures(0, 0, 0, 0), decision == Decision.APPROVE ? 0 : 500, decision, new Reason[0],
                new ShadowHit[0], "rules-v1", eventTimeMillis);
    }
}

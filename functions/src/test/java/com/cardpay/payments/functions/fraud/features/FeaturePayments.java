package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokenized payments for feature tests, built field by field. Times are offsets from {@link #T0},
 * which sits on an hour boundary, so every test knows which bucket a payment lands in.
 *
 * <pre>{@code
 * FeaturePayments.purchase(seconds(30), 1_000).merchant("m-2", "DE").build()
 * }</pre>
 */
record FeaturePayments(
        String card, String merchant, String merchantCountry, PaymentType type, long amountMinor, String currency,
        long eventTimeMillis) {

    /** 2026-11-24T10:00:00Z. */
    static final long T0 = 1_795_514_400_000L;
    static final String CARD = "tok_v1_card-a";
    private static final AtomicLong IDS = new AtomicLong();

    /** A purchase on {@link #CARD} at merchant m-1 (FR), in EUR, {@code offsetMillis} after {@link #T0}. */
    static FeaturePayments purchase(long offsetMillis, long amountMinor) {
        return new FeaturePayments(CARD, "m-1", "FR", PaymentType.PURCHASE, amountMinor, "EUR", T0 + offsetMillis);
    }

    static long seconds(long n) {
        return Duration.ofSeconds(n).toMillis();
    }

    static long minutes(long n) {
        return Duration.ofMinutes(n).toMillis();
    }

    static long hours(long n) {
        return Duration.ofHours(n).toMillis();
    }

    FeaturePayments card(String cardToken) {
        return new FeaturePayments(cardToken, merchant, merchantCountry, type, amountMinor, currency, eventTimeMillis);
    }

    FeaturePayments merchant(String merchantId, String country) {
        return new FeaturePayments(card, merchantId, country, type, amountMinor, currency, eventTimeMillis);
    }

    FeaturePayments type(PaymentType paymentType) {
        return new FeaturePayments(card, merchant, merchantCountry, paymentType, amountMinor, currency, eventTimeMillis);
    }

    FeaturePayments currency(String code) {
        return new FeaturePayments(card, merchant, merchantCountry, type, amountMinor, code, eventTimeMillis);
    }

    /** The payment, with a fresh payment id. */
    TokenizedPayment build() {
        long id = IDS.incrementAndGet();
        return new TokenizedPayment("pay-" + id, merchant, type, amountMinor, currency, card, 1, "411111", "1111",
                "DE", merchantCountry, "DE", "dev-1", eventTimeMillis,
                type == PaymentType.PURCHASE ? null : "pay-0", 31 * id,
                new SourcePosition("payments.raw", 0, id, eventTimeMillis), MessageHeaders.EMPTY);
    }
}

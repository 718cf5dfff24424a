package com.cardpay.payments.functions.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CardFeaturedPayment;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;

import java.nio.charset.StandardCharsets;

/** Values for the serializer tests: every field set (with non-ASCII text), and every nullable part null. */
public final class ModelSamples {
    private ModelSamples() {}

    public static final MessageHeaders HEADERS = new MessageHeaders(
            new String[] {"traceparent", "tenant", "empty", "null-value"},
            new byte[][] {"00-ab-cd-01".getBytes(StandardCharsets.UTF_8), "ü€".getBytes(StandardCharsets.UTF_8),
                new byte[0], null});

    public static final TokenizedPayment FULL = new TokenizedPayment("pay-1", "m-ü-1", PaymentType.REFUND, 123_456_789L,
            "EUR", "tok_v3_abc", 3, "411111", "1111", "DE", "FR", "US", "dev-9", 1_700_000_000_123L, "pay-0",
            -42L, new SourcePosition("payments.raw", 7, 99_999_999_999L, 1_700_000_000_000L), HEADERS);

    public static final TokenizedPayment NULLS = new TokenizedPayment("pay-2", "m-2", PaymentType.CHARGEBACK, 0L,
            "JPY", "tok_v1_x", 1, "5500", null, "JP", "JP", null, null, Long.MIN_VALUE, null, Long.MAX_VALUE,
            new SourcePosition("t", 0, 0L, 0L), MessageHeaders.EMPTY);

    public static final TokenizedPayment[] PAYMENTS = {FULL, NULLS};

    public static final VaultRecord VAULT = new VaultRecord("tok_v3_abc", 3, "AES-256-GCM", "aXY=", "Y2lwaGVy",
            "vault:v2:d3JhcA==", 2, "vault", HEADERS);

    public static final DeadLetter DEAD_FULL = new DeadLetter("INVALID_FIELD", "pan is too short", "pan",
            new SourcePosition("payments.raw", 1, 5L, 6L), "pay-3", "m-3", "key-****", "{\"pan\":\"****\"}",
            1234, true, HEADERS);

    public static final DeadLetter DEAD_NULLS = new DeadLetter("SETTLEMENT_OVERFLOW", "too big", null, null, null, null,
            null, "", 0, false, MessageHeaders.EMPTY);

    public static final IngestOutcome[] OUTCOMES = {
        IngestOutcome.accepted(FULL, VAULT), IngestOutcome.rejected(DEAD_FULL), IngestOutcome.rejected(DEAD_NULLS)
    };

    public static final CardFeatures CARD = new CardFeatures(1, 2, 3, 100, 200, 300, 4, 5, true, -1);

    public static final MerchantFeatures MERCHANT = new MerchantFeatures(-2.5, 0.125, Double.NaN, 77);

    public static final CardFeaturedPayment[] CARD_FEATURED = {
        new CardFeaturedPayment(FULL, CARD), new CardFeaturedPayment(NULLS, new CardFeatures(0, 0, 0, 0, 0, 0, 0, 0, false, 0))
    };

    public static final ScoredPayment[] SCORED = {
        new ScoredPayment(FULL, CARD, MERCHANT, 870, Decision.DECLINE,
                new Reason[] {new Reason("VELOCITY", "r-1", 2, 400), new Reason("GEO", "r-2", 1, 470)},
                new ShadowHit[] {new ShadowHit("s-1", 5, 100, Decision.REVIEW), new ShadowHit("s-2", 1, 10, null)},
                "rules-v9", 1_700_000_001_000L),
        new ScoredPayment(NULLS, CARD, MERCHANT, 0, Decision.APPROVE, new Reason[0], new ShadowHit[0], "rules-v1", 0L),
        new ScoredPayment(NULLS, null, null, 1000, null, null, null, null, -1L)
    };

    /** Field by field (records holding arrays have reference equality); NaN equals NaN, as in records. */
    public static <T> void assertSameFields(String message, T actual, T expected) {
        assertThat(actual).as(message).usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(expected);
    }
}

package com.cardpay.payments.functions.model;

import java.nio.charset.StandardCharsets;

/** Values for the serializer tests: every field set (with non-ASCII text), and every nullable part null. */
public final class ModelSamples {
    private ModelSamples() {}

    public static final MessageHeaders HEADERS = new MessageHeaders(
            new String[] {"traceparent", "tenant", "empty", "null-value"},
            new byte[][] {"00-ab-cd-01".getBytes(StandardCharsets.UTF_8), "ü€".getBytes(StandardCharsets.UTF_8),
                new byte[0], null});

    public static final TokenizedPayment FULL = new TokenizedPayment("pay-1", "m-ü-1", PaymentType.REFUND,
            123_456_789L, "EUR", "tok_v3_abc", 3, "411111", "1111", "DE", "FR", "US", "dev-9", 1_700_000_000_123L,
            "pay-0", -42L, new SourcePosition("payments.raw", 7, 99_999_999_999L, 1_700_000_000_000L), HEADERS);

    public static final TokenizedPayment NULLS = new TokenizedPayment("pay-2", "m-2", PaymentType.CHARGEBACK, 0L,
            "JPY", "tok_v1_x", 1, "5500", null, "JP", "JP", null, null, Long.MIN_VALUE, null, Long.MAX_VALUE,
            new SourcePosition("t", 0, 0L, 0L), MessageHeaders.EMPTY);

    static final TokenizedPayment[] PAYMENTS = {FULL, NULLS};

    static final VaultRecord VAULT = new VaultRecord("tok_v3_abc", 3, "AES-256-GCM", "aXY=", "Y2lwaGVy",
            "vault:v2:d3JhcA==", 2, "vault", HEADERS);

    static final DeadLetter DEAD_FULL = new DeadLetter("INVALID_FIELD", "pan is too short", "pan",
            new SourcePosition("payments.raw", 1, 5L, 6L), "pay-3", "m-3", "key-****", "{\"pan\":\"****\"}",
            1234, true, HEADERS);

    static final DeadLetter DEAD_NULLS = new DeadLetter("SETTLEMENT_OVERFLOW", "too big", null, null, null, null,
            null, "", 0, false, MessageHeaders.EMPTY);

    static final IngestOutcome[] OUTCOMES = {
        IngestOutcome.accepted(FULL, VAULT), IngestOutcome.rejected(DEAD_FULL), IngestOutcome.rejected(DEAD_NULLS)
    };
}

package com.cardpay.payments.jobs;

/**
 * Stable operator uids. Savepoints map state to operators by these strings: renaming one orphans
 * its state on the next upgrade. Add new ones; never change or reuse an existing one.
 */
public final class OperatorUids {
    public static final String RAW_PAYMENTS_SOURCE = "payments-raw-source";
    public static final String INGEST_ROUTER = "ingest-router";
    public static final String DEDUPE = "payment-dedupe";
    /** payments.tokenized and payments.vault in one sink (one transaction per checkpoint for both). */
    public static final String TOKENIZATION_SINK = "sink-payments-tokenized-and-vault";
    /** Stateless: keeps the tokenized payments of dedupe's output for the fraud stages. */
    public static final String TOKENIZED_ONLY = "tokenized-only";
    public static final String DLQ_SINK = "sink-payments-dlq";
    public static final String CARD_FEATURES = "fraud-card-features";
    public static final String FRAUD_RULES_SOURCE = "fraud-rules-source";
    public static final String FRAUD_SCORING = "fraud-scoring";
    public static final String SCORED_SINK = "sink-payments-scored";
    public static final String RULE_STATUS_SINK = "sink-fraud-rules-status";
    public static final String SETTLEMENT = "settlement";
    public static final String SETTLEMENTS_SINK = "sink-payments-settlements";
    public static final String SETTLEMENT_BEYOND_HORIZON = "settlement-beyond-horizon-dlq";
    public static final String SETTLEMENT_OVERFLOWS = "settlement-overflow-dlq";

    /**
     * Retired, never to be reused: the two sinks that wrote payments.tokenized and payments.vault in
     * separate transactions until they became {@link #TOKENIZATION_SINK}. A savepoint taken before
     * that change restores with {@code --allowNonRestoredState} (stop-with-savepoint commits their
     * transactions first, so nothing they held is lost).
     */
    static final String[] RETIRED = {"sink-payments-tokenized", "sink-payments-vault"};

    private OperatorUids() {}
}

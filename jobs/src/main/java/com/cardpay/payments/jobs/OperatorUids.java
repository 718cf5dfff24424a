package com.cardpay.payments.jobs;

/**
 * Stable operator uids. Savepoints map state to operators by these strings: renaming one orphans
 * its state on the next upgrade. Add new ones; never change or reuse an existing one.
 */
public final class OperatorUids {
    public static final String RAW_PAYMENTS_SOURCE = "payments-raw-source";
    public static final String INGEST_ROUTER = "ingest-router";
    public static final String DEDUPE = "payment-dedupe";
    public static final String TOKENIZED_SINK = "sink-payments-tokenized";
    public static final String VAULT_SINK = "sink-payments-vault";
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

    private OperatorUids() {}
}

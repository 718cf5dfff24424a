package com.cardpay.payments.functions.model;

/** Where a record was read: enough to fetch the original again from the source topic. */
public record SourcePosition(String topic, int partition, long offset, long timestampMillis) {}

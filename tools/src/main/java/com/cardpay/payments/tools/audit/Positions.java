package com.cardpay.payments.tools.audit;

import com.cardpay.payments.functions.model.SourcePosition;

/** How the audit names records and payments in what it prints. */
final class Positions {
    private Positions() {}

    /** {@code topic/partition@offset}, as the reconciliation tool prints it. */
    static String of(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    static String of(SourcePosition p) {
        return of(p.topic(), p.partition(), p.offset());
    }

    /** A payment's identity: payment ids are unique per merchant; neither id may hold a '/'. */
    static String paymentId(String merchantId, String paymentId) {
        return merchantId + "/" + paymentId;
    }
}

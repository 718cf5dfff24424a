package com.cardpay.payments.functions.model;

import javax.annotation.Nullable;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What ingesting one source record produced: either an accepted payment (tokenized, with its vault
 * record) or a dead letter. Exactly one side is set.
 */
@TypeInfo(IngestOutcomeSerializer.Factory.class)
public record IngestOutcome(
        @Nullable TokenizedPayment payment,
        @Nullable VaultRecord vaultRecord,
        @Nullable DeadLetter deadLetter) {

    public static IngestOutcome accepted(TokenizedPayment payment, VaultRecord vaultRecord) {
        return new IngestOutcome(payment, vaultRecord, null);
    }

    public static IngestOutcome rejected(DeadLetter deadLetter) {
        return new IngestOutcome(null, null, deadLetter);
    }

    public boolean isAccepted() {
        return payment != null;
    }
}

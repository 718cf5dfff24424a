package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.NestedCodecs;
import com.cardpay.payments.functions.serialization.RecordSerializer;
import com.cardpay.payments.functions.serialization.RecordTypeInfoFactory;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link IngestOutcome}: each of its three optional parts behind a presence byte. */
public final class IngestOutcomeSerializer extends RecordSerializer<IngestOutcome> {
    private static final long serialVersionUID = 1L;
    public static final IngestOutcomeSerializer INSTANCE = new IngestOutcomeSerializer();

    @Override
    public void serialize(IngestOutcome o, DataOutputView out) throws IOException {
        NestedCodecs.writeNullable(out, o.payment(), TokenizedPaymentSerializer.INSTANCE);
        NestedCodecs.writeNullable(out, o.vaultRecord(), VaultRecordSerializer.INSTANCE);
        NestedCodecs.writeNullable(out, o.deadLetter(), DeadLetterSerializer.INSTANCE);
    }

    @Override
    public IngestOutcome deserialize(DataInputView in) throws IOException {
        return new IngestOutcome(
                NestedCodecs.readNullable(in, TokenizedPaymentSerializer.INSTANCE),
                NestedCodecs.readNullable(in, VaultRecordSerializer.INSTANCE),
                NestedCodecs.readNullable(in, DeadLetterSerializer.INSTANCE));
    }

    @Override
    public TypeSerializerSnapshot<IngestOutcome> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<IngestOutcome> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** {@link IngestOutcome}'s {@code @TypeInfo}. */
    public static final class Factory extends RecordTypeInfoFactory<IngestOutcome> {
        public Factory() {
            super(IngestOutcome.class, INSTANCE);
        }
    }
}

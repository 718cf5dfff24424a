package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.Codec;
import com.cardpay.payments.functions.serialization.RecordSerializer;

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
        if (Codec.writePresence(out, o.payment())) {
            TokenizedPaymentSerializer.INSTANCE.serialize(o.payment(), out);
        }
        if (Codec.writePresence(out, o.vaultRecord())) {
            VaultRecordSerializer.INSTANCE.serialize(o.vaultRecord(), out);
        }
        if (Codec.writePresence(out, o.deadLetter())) {
            DeadLetterSerializer.INSTANCE.serialize(o.deadLetter(), out);
        }
    }

    @Override
    public IngestOutcome deserialize(DataInputView in) throws IOException {
        return new IngestOutcome(
                in.readBoolean() ? TokenizedPaymentSerializer.INSTANCE.deserialize(in) : null,
                in.readBoolean() ? VaultRecordSerializer.INSTANCE.deserialize(in) : null,
                in.readBoolean() ? DeadLetterSerializer.INSTANCE.deserialize(in) : null);
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
}

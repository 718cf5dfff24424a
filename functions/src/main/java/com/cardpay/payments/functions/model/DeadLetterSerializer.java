package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.Codec;
import com.cardpay.payments.functions.serialization.NestedCodecs;
import com.cardpay.payments.functions.serialization.RecordSerializer;
import com.cardpay.payments.functions.serialization.RecordTypeInfoFactory;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link DeadLetter}, field by field in component order; {@code source} is null for settlement overflows. */
public final class DeadLetterSerializer extends RecordSerializer<DeadLetter> {
    private static final long serialVersionUID = 1L;
    public static final DeadLetterSerializer INSTANCE = new DeadLetterSerializer();

    @Override
    public void serialize(DeadLetter d, DataOutputView out) throws IOException {
        Codec.writeString(out, d.errorCode());
        Codec.writeString(out, d.errorMessage());
        Codec.writeString(out, d.field());
        NestedCodecs.writeNullable(out, d.source(), ModelCodecs.SOURCE);
        Codec.writeString(out, d.paymentId());
        Codec.writeString(out, d.merchantId());
        Codec.writeString(out, d.maskedKey());
        Codec.writeString(out, d.maskedPayload());
        out.writeInt(d.payloadBytes());
        out.writeBoolean(d.payloadTruncated());
        NestedCodecs.writeNullable(out, d.headers(), ModelCodecs.HEADERS);
    }

    @Override
    public DeadLetter deserialize(DataInputView in) throws IOException {
        return new DeadLetter(
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                NestedCodecs.readNullable(in, ModelCodecs.SOURCE),
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                in.readInt(),
                in.readBoolean(),
                NestedCodecs.readNullable(in, ModelCodecs.HEADERS));
    }

    @Override
    public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeadLetter> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** {@link DeadLetter}'s {@code @TypeInfo}. */
    public static final class Factory extends RecordTypeInfoFactory<DeadLetter> {
        public Factory() {
            super(DeadLetter.class, INSTANCE);
        }
    }
}

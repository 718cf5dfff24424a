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

/** {@link TokenizedPayment}, field by field in component order; every string and nested value may be null. */
public final class TokenizedPaymentSerializer extends RecordSerializer<TokenizedPayment> {
    private static final long serialVersionUID = 1L;
    public static final TokenizedPaymentSerializer INSTANCE = new TokenizedPaymentSerializer();
    private static final PaymentType[] TYPES = PaymentType.values();

    @Override
    public void serialize(TokenizedPayment p, DataOutputView out) throws IOException {
        Codec.writeString(out, p.paymentId());
        Codec.writeString(out, p.merchantId());
        Codec.writeEnum(out, p.type());
        out.writeLong(p.amountMinor());
        Codec.writeString(out, p.currency());
        Codec.writeString(out, p.cardToken());
        out.writeInt(p.tokenKeyVersion());
        Codec.writeString(out, p.cardBin());
        Codec.writeString(out, p.cardLast4());
        Codec.writeString(out, p.cardCountry());
        Codec.writeString(out, p.merchantCountry());
        Codec.writeString(out, p.ipCountry());
        Codec.writeString(out, p.deviceId());
        out.writeLong(p.eventTimeMillis());
        Codec.writeString(out, p.originalPaymentId());
        out.writeLong(p.contentHash());
        NestedCodecs.writeNullable(out, p.source(), ModelCodecs.SOURCE);
        NestedCodecs.writeNullable(out, p.headers(), ModelCodecs.HEADERS);
    }

    @Override
    public TokenizedPayment deserialize(DataInputView in) throws IOException {
        return new TokenizedPayment(
                Codec.readString(in),
                Codec.readString(in),
                Codec.readEnum(in, TYPES),
                in.readLong(),
                Codec.readString(in),
                Codec.readString(in),
                in.readInt(),
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                Codec.readString(in),
                in.readLong(),
                Codec.readString(in),
                in.readLong(),
                NestedCodecs.readNullable(in, ModelCodecs.SOURCE),
                NestedCodecs.readNullable(in, ModelCodecs.HEADERS));
    }

    @Override
    public TypeSerializerSnapshot<TokenizedPayment> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TokenizedPayment> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** {@link TokenizedPayment}'s {@code @TypeInfo}. */
    public static final class Factory extends RecordTypeInfoFactory<TokenizedPayment> {
        public Factory() {
            super(TokenizedPayment.class, INSTANCE);
        }
    }
}

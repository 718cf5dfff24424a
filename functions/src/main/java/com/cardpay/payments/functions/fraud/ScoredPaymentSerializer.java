package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.TokenizedPaymentSerializer;
import com.cardpay.payments.functions.serialization.Codec;
import com.cardpay.payments.functions.serialization.NestedCodecs;
import com.cardpay.payments.functions.serialization.RecordSerializer;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link ScoredPayment}, field by field in component order; the arrays may be empty or null. */
public final class ScoredPaymentSerializer extends RecordSerializer<ScoredPayment> {
    private static final long serialVersionUID = 1L;
    public static final ScoredPaymentSerializer INSTANCE = new ScoredPaymentSerializer();

    @Override
    public void serialize(ScoredPayment s, DataOutputView out) throws IOException {
        if (Codec.writePresence(out, s.payment())) {
            TokenizedPaymentSerializer.INSTANCE.serialize(s.payment(), out);
        }
        NestedCodecs.writeCard(out, s.card());
        NestedCodecs.writeMerchant(out, s.merchant());
        out.writeInt(s.score());
        Codec.writeEnum(out, s.decision());
        NestedCodecs.writeReasons(out, s.reasons());
        NestedCodecs.writeShadowHits(out, s.shadowHits());
        Codec.writeString(out, s.rulesVersion());
        out.writeLong(s.scoredAtMillis());
    }

    @Override
    public ScoredPayment deserialize(DataInputView in) throws IOException {
        return new ScoredPayment(
                in.readBoolean() ? TokenizedPaymentSerializer.INSTANCE.deserialize(in) : null,
                NestedCodecs.readCard(in),
                NestedCodecs.readMerchant(in),
                in.readInt(),
                Codec.readEnum(in, NestedCodecs.DECISIONS),
                NestedCodecs.readReasons(in),
                NestedCodecs.readShadowHits(in),
                Codec.readString(in),
                in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<ScoredPayment> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ScoredPayment> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}

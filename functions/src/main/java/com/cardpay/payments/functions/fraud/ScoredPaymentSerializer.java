package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.TokenizedPaymentSerializer;
import com.cardpay.payments.functions.serialization.Codec;
import com.cardpay.payments.functions.serialization.NestedCodecs;
import com.cardpay.payments.functions.serialization.RecordSerializer;
import com.cardpay.payments.functions.serialization.RecordTypeInfoFactory;

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
        NestedCodecs.writeNullable(out, s.payment(), TokenizedPaymentSerializer.INSTANCE);
        NestedCodecs.writeNullable(out, s.card(), FraudCodecs.CARD);
        NestedCodecs.writeNullable(out, s.merchant(), FraudCodecs.MERCHANT);
        out.writeInt(s.score());
        Codec.writeEnum(out, s.decision());
        NestedCodecs.writeArray(out, s.reasons(), FraudCodecs.REASON);
        NestedCodecs.writeArray(out, s.shadowHits(), FraudCodecs.SHADOW_HIT);
        Codec.writeString(out, s.rulesVersion());
        out.writeLong(s.scoredAtMillis());
    }

    @Override
    public ScoredPayment deserialize(DataInputView in) throws IOException {
        return new ScoredPayment(
                NestedCodecs.readNullable(in, TokenizedPaymentSerializer.INSTANCE),
                NestedCodecs.readNullable(in, FraudCodecs.CARD),
                NestedCodecs.readNullable(in, FraudCodecs.MERCHANT),
                in.readInt(),
                Codec.readEnum(in, FraudCodecs.DECISIONS),
                NestedCodecs.readArray(in, Reason[]::new, FraudCodecs.REASON),
                NestedCodecs.readArray(in, ShadowHit[]::new, FraudCodecs.SHADOW_HIT),
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

    /** {@link ScoredPayment}'s {@code @TypeInfo}. */
    public static final class Factory extends RecordTypeInfoFactory<ScoredPayment> {
        public Factory() {
            super(ScoredPayment.class, INSTANCE);
        }
    }
}

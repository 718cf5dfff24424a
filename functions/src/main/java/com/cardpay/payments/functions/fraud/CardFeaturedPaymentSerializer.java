package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.TokenizedPaymentSerializer;
import com.cardpay.payments.functions.serialization.NestedCodecs;
import com.cardpay.payments.functions.serialization.RecordSerializer;
import com.cardpay.payments.functions.serialization.RecordTypeInfoFactory;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link CardFeaturedPayment}: the payment, then its card features. */
public final class CardFeaturedPaymentSerializer extends RecordSerializer<CardFeaturedPayment> {
    private static final long serialVersionUID = 1L;
    public static final CardFeaturedPaymentSerializer INSTANCE = new CardFeaturedPaymentSerializer();

    @Override
    public void serialize(CardFeaturedPayment c, DataOutputView out) throws IOException {
        NestedCodecs.writeNullable(out, c.payment(), TokenizedPaymentSerializer.INSTANCE);
        NestedCodecs.writeNullable(out, c.card(), FraudCodecs.CARD);
    }

    @Override
    public CardFeaturedPayment deserialize(DataInputView in) throws IOException {
        return new CardFeaturedPayment(
                NestedCodecs.readNullable(in, TokenizedPaymentSerializer.INSTANCE),
                NestedCodecs.readNullable(in, FraudCodecs.CARD));
    }

    @Override
    public TypeSerializerSnapshot<CardFeaturedPayment> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CardFeaturedPayment> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** {@link CardFeaturedPayment}'s {@code @TypeInfo}. */
    public static final class Factory extends RecordTypeInfoFactory<CardFeaturedPayment> {
        public Factory() {
            super(CardFeaturedPayment.class, INSTANCE);
        }
    }
}

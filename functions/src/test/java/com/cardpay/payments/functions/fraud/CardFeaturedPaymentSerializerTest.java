package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.serialization.RecordSerializerTestBase;

import org.apache.flink.api.common.typeutils.TypeSerializer;

class CardFeaturedPaymentSerializerTest extends RecordSerializerTestBase<CardFeaturedPayment> {
    @Override
    protected TypeSerializer<CardFeaturedPayment> createSerializer() {
        return CardFeaturedPaymentSerializer.INSTANCE;
    }

    @Override
    protected Class<CardFeaturedPayment> getTypeClass() {
        return CardFeaturedPayment.class;
    }

    @Override
    protected CardFeaturedPayment[] getTestData() {
        return FraudSamples.CARD_FEATURED;
    }

    @Override
    protected String serializedForm() {
        return "426 8e67a6b5d7decd1bd75b666e74995587997c08d87434976262addfddc738bd39";
    }
}

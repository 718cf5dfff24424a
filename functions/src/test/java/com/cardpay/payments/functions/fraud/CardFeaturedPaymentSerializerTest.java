package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.ModelSamples;
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
        return ModelSamples.CARD_FEATURED;
    }
}

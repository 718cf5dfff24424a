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
        return "442 b14365e6e0345cd5bb2ccf46d6e1de63a728c53e662554699f3decc930f62e98";
    }
}

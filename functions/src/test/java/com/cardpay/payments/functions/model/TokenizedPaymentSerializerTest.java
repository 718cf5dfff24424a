package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.RecordSerializerTestBase;

import org.apache.flink.api.common.typeutils.TypeSerializer;

class TokenizedPaymentSerializerTest extends RecordSerializerTestBase<TokenizedPayment> {
    @Override
    protected TypeSerializer<TokenizedPayment> createSerializer() {
        return TokenizedPaymentSerializer.INSTANCE;
    }

    @Override
    protected Class<TokenizedPayment> getTypeClass() {
        return TokenizedPayment.class;
    }

    @Override
    protected TokenizedPayment[] getTestData() {
        return ModelSamples.PAYMENTS;
    }

    @Override
    protected String serializedForm() {
        return "308 fd0739d1584099a50a6ef143d94d8411bd93dbbfc98b9895ffe21284e4cc5499";
    }
}

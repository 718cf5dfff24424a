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
        return "292 c8defee2a6c7aef14da05309de3e39dab70e17ee32e012152cfdd34879c978e3";
    }
}

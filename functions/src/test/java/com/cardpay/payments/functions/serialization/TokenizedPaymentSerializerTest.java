package com.cardpay.payments.functions.serialization;

import com.cardpay.payments.functions.model.TokenizedPayment;

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
        return Samples.PAYMENTS;
    }
}

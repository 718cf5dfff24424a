package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.serialization.RecordSerializerTestBase;

import org.apache.flink.api.common.typeutils.TypeSerializer;

class ScoredPaymentSerializerTest extends RecordSerializerTestBase<ScoredPayment> {
    @Override
    protected TypeSerializer<ScoredPayment> createSerializer() {
        return ScoredPaymentSerializer.INSTANCE;
    }

    @Override
    protected Class<ScoredPayment> getTypeClass() {
        return ScoredPayment.class;
    }

    @Override
    protected ScoredPayment[] getTestData() {
        return FraudSamples.SCORED;
    }

    @Override
    protected String serializedForm() {
        return "763 870f3738a303d9df07bc3437d4a88b1a86a0b89de3f4df183d941f0bad89f6fb";
    }
}

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
        return "739 f357164e25f087787ce718783f70373bc7e95af0ebeace7707fa5a686dac8c03";
    }
}

package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.ModelSamples;
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
        return ModelSamples.SCORED;
    }
}

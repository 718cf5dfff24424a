package com.cardpay.payments.functions.serialization;

import com.cardpay.payments.functions.fraud.ScoredPayment;

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
        return Samples.SCORED;
    }
}

package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.RecordSerializerTestBase;

import org.apache.flink.api.common.typeutils.TypeSerializer;

class DeadLetterSerializerTest extends RecordSerializerTestBase<DeadLetter> {
    @Override
    protected TypeSerializer<DeadLetter> createSerializer() {
        return DeadLetterSerializer.INSTANCE;
    }

    @Override
    protected Class<DeadLetter> getTypeClass() {
        return DeadLetter.class;
    }

    @Override
    protected DeadLetter[] getTestData() {
        return new DeadLetter[] {ModelSamples.DEAD_FULL, ModelSamples.DEAD_NULLS};
    }

    @Override
    protected String serializedForm() {
        return "233 e1e19a1447301a053b0618f1c1d0417f696422e342872d4e76d16f10db604a09";
    }
}

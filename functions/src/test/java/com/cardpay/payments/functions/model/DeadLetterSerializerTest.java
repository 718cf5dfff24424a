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
        return "225 b29d5eb144334119c93aeba1b8aa00975ff796fa6eec1a0e59591cf94b35e45a";
    }
}

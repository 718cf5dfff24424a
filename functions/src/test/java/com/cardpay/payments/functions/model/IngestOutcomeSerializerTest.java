package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.RecordSerializerTestBase;

import org.apache.flink.api.common.typeutils.TypeSerializer;

class IngestOutcomeSerializerTest extends RecordSerializerTestBase<IngestOutcome> {
    @Override
    protected TypeSerializer<IngestOutcome> createSerializer() {
        return IngestOutcomeSerializer.INSTANCE;
    }

    @Override
    protected Class<IngestOutcome> getTypeClass() {
        return IngestOutcome.class;
    }

    @Override
    protected IngestOutcome[] getTestData() {
        return ModelSamples.OUTCOMES;
    }

    @Override
    protected String serializedForm() {
        return "573 b1ed33f8984f330d60dfa05b76f2fae352e032b596255b4f6812d14b68f9c094";
    }
}

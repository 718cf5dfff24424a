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
}

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
        return "589 6e9c289ab59e5a6d19e8fa0475dcf1e968ed992a4de055284104a3725a8aae3d";
    }
}

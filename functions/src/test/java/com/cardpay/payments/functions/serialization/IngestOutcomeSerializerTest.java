package com.cardpay.payments.functions.serialization;

import com.cardpay.payments.functions.model.IngestOutcome;

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
        return Samples.OUTCOMES;
    }
}

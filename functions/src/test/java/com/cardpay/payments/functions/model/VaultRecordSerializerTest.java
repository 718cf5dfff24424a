package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.RecordSerializerTestBase;

import org.apache.flink.api.common.typeutils.TypeSerializer;

class VaultRecordSerializerTest extends RecordSerializerTestBase<VaultRecord> {
    @Override
    protected TypeSerializer<VaultRecord> createSerializer() {
        return VaultRecordSerializer.INSTANCE;
    }

    @Override
    protected Class<VaultRecord> getTypeClass() {
        return VaultRecord.class;
    }

    @Override
    protected VaultRecord[] getTestData() {
        return new VaultRecord[] {ModelSamples.VAULT};
    }

    @Override
    protected String serializedForm() {
        return "142 f4b16ea72cc756aafe36558aa167fafb2e6e99368845ce4bc6d9eff537297a3c";
    }
}

package com.cardpay.payments.functions.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.serialization.RecordSerializerTestBase;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

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
        return "763 870f3738a303d9df07bc3437d4a88b1a86a0b89de3f4df183d941f0bad89f6fb";
    }

    /** The flag rides in the existing layout (a baseline of -1), so the layout above did not change. */
    @Test
    void unavailableMerchantFeaturesSurviveTheWire() throws Exception {
        ScoredPayment scored = new ScoredPayment(FraudSamples.SCORED[1].payment(), null, MerchantFeatures.UNAVAILABLE, 0,
                Decision.APPROVE, new Reason[0], new ShadowHit[0], "rules-v1", 0L);
        DataOutputSerializer out = new DataOutputSerializer(256);
        ScoredPaymentSerializer.INSTANCE.serialize(scored, out);

        ScoredPayment read = ScoredPaymentSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(read.merchant()).isEqualTo(MerchantFeatures.UNAVAILABLE);
        assertThat(FraudSamples.SCORED[0].merchant().unavailable()).isFalse();
    }
}

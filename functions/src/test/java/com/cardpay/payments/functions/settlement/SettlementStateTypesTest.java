package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementEmissionTest.CLOSE0;
import static com.cardpay.payments.functions.settlement.SettlementPayments.hours;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static com.cardpay.payments.functions.testutils.FlinkTypes.assertPojoWithoutGenericFields;
import static com.cardpay.payments.functions.testutils.FlinkTypes.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * The settlement state and output types are Flink POJOs (records) all the way down, so they are
 * serialized without Kryo, as the job runs with generic types disabled.
 */
class SettlementStateTypesTest {
    private static final SettlementDelta DELTA =
            new SettlementDelta(new SettlementAmounts(1, 2, 3, 4, 5, 6, 7, 8), 9, -10);

    @Test
    void stateAndOutputTypesArePojosWithoutGenericFields() {
        for (Class<?> type : new Class<?>[] {SettlementTotals.class, SettlementAmounts.class, EmittedWindow.class,
                LateBatch.class, Settlement.class, SettlementDelta.class, SettlementOverflow.class}) {
            assertPojoWithoutGenericFields(type);
        }
    }

    @Test
    void theyRoundTripWithGenericTypesDisabled() throws Exception {
        SettlementTotals totals = new SettlementTotals(new SettlementAmounts(1, 2, 3, 4, 5, 6, 7, 8), true);
        EmittedWindow window = new EmittedWindow(3, SettlementTotals.EMPTY, 42, totals, 9);
        LateBatch batch = new LateBatch(totals, 2);
        Settlement first = settlement(0, null);
        Settlement adjustment = settlement(4, DELTA);
        SettlementOverflow overflow = new SettlementOverflow("stl_x", "m-1", "EUR", 0, 1, 2);

        assertThat(roundTrip(SettlementTotals.class, totals)).isEqualTo(totals);
        assertThat(roundTrip(EmittedWindow.class, window)).isEqualTo(window);
        assertThat(roundTrip(LateBatch.class, batch)).isEqualTo(batch);
        assertThat(roundTrip(Settlement.class, first)).isEqualTo(first);
        assertThat(roundTrip(Settlement.class, adjustment)).isEqualTo(adjustment);
        assertThat(roundTrip(SettlementOverflow.class, overflow)).isEqualTo(overflow);
    }

    @Test
    void totalsAlwaysHaveTheirAmounts() {
        // a restore that finds no amounts (state from before they were nested) fails, never settles from zero
        assertThatThrownBy(() -> new SettlementTotals(null, false)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theHarnessRefusesKryoSoItsRunsProveTheStateNeedsNone() throws Exception {
        try (SettlementHarness h = SettlementHarness.open()) {
            SerializerConfig config = h.serializerConfig();
            assertThat(config.hasGenericTypesDisabled()).isTrue();
            assertThatThrownBy(() -> new GenericTypeInfo<>(Object.class).createSerializer(config))
                    .isInstanceOf(UnsupportedOperationException.class);

            // the three state maps written, snapshotted and read back through the job's serializers
            h.send(purchase(hours(1), 100), purchase(hours(2), 100).currency("USD"));
            h.watermark(CLOSE0);
            h.send(purchase(hours(3), 100));
            try (SettlementHarness restored = SettlementHarness.restore(h.harness.snapshot(1, CLOSE0))) {
                restored.watermark(CLOSE0 + 1);
                assertThat(restored.settlements()).singleElement().extracting(s -> s.amounts().grossMinor())
                        .isEqualTo(200L);
            }
        }
    }

    private static Settlement settlement(int revision, SettlementDelta delta) {
        return new Settlement("stl_x", "m-1", "EUR", 0, 86_400_000, revision, revision > 0,
                new SettlementAmounts(1, 2, 3, 4, 5, 6, 7, 8), 9, -10, 290, 30, 11, delta);
    }

}

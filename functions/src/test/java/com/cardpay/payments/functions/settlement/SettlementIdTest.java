package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY;
import static com.cardpay.payments.functions.settlement.SettlementPayments.DAY0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Downstream upserts by settlement id: it must never change for the same line. */
class SettlementIdTest {

    @Test
    void isPinned() {
        // If this fails, every settlement_id downstream changes: see SettlementId before "fixing" it.
        assertThat(SettlementId.of("m-1", "EUR", DAY0, DAY0 + DAY)).isEqualTo(PINNED);
    }

    @Test
    void isStableAndShaped() {
        String id = SettlementId.of("m-1", "EUR", DAY0, DAY0 + DAY);
        assertThat(SettlementId.of("m-1", "EUR", DAY0, DAY0 + DAY)).isEqualTo(id);
        assertThat(id).hasSize(4 + 22).matches("stl_[A-Za-z0-9_-]{22}");
    }

    @Test
    void everyFieldCounts() {
        String id = SettlementId.of("m-1", "EUR", DAY0, DAY0 + DAY);
        assertThat(SettlementId.of("m-2", "EUR", DAY0, DAY0 + DAY)).isNotEqualTo(id);
        assertThat(SettlementId.of("m-1", "USD", DAY0, DAY0 + DAY)).isNotEqualTo(id);
        assertThat(SettlementId.of("m-1", "EUR", DAY0 + DAY, DAY0 + 2 * DAY)).isNotEqualTo(id);
        assertThat(SettlementId.of("m-1", "EUR", DAY0, DAY0 + DAY / 2)).isNotEqualTo(id);
        assertThat(SettlementId.of("m-1E", "UR", DAY0, DAY0 + DAY))
                .as("length prefixes keep fields apart").isNotEqualTo(SettlementId.of("m-1", "EUR", DAY0, DAY0 + DAY));
    }

    /** Computed outside Java from the layout documented on {@link SettlementId}. */
    private static final String PINNED = "stl_3ZXK2Ue0G2SAnzJQw0Mljs";
}

package com.cardpay.payments.functions.settlement;

import static com.cardpay.payments.functions.settlement.SettlementPayments.chargeback;
import static com.cardpay.payments.functions.settlement.SettlementPayments.purchase;
import static com.cardpay.payments.functions.settlement.SettlementPayments.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.fraud.Decision;

import org.junit.jupiter.api.Test;

class SettlementTotalsTest {
    private static final FeePlan PLAN = new FeePlan(290, 30);

    @Test
    void eachTypeAddsToItsOwnSum() {
        SettlementTotals t = SettlementTotals.EMPTY
                .add(purchase(0, 10_000).build())
                .add(purchase(1, 20_000).decision(Decision.REVIEW).build())
                .add(refund(2, 3_000).build())
                .add(chargeback(3, 1_000).build());

        assertThat(t).isEqualTo(new SettlementTotals(new SettlementAmounts(2, 30_000, 1, 3_000, 1, 1_000, 0, 0), false));
        assertThat(t.feesMinor(PLAN)).isEqualTo(870 + 60);
        assertThat(t.netMinor(t.feesMinor(PLAN))).isEqualTo(30_000 - 3_000 - 1_000 - 930);
    }

    @Test
    void declinedPaymentsOfAnyTypeAreOnlyCounted() {
        SettlementTotals t = SettlementTotals.EMPTY
                .add(purchase(0, 7_000).decision(Decision.DECLINE).build())
                .add(refund(0, 2_000).decision(Decision.DECLINE).build())
                .add(chargeback(0, 500).decision(Decision.DECLINE).build());

        assertThat(t).isEqualTo(new SettlementTotals(new SettlementAmounts(0, 0, 0, 0, 0, 0, 3, 9_500), false));
        assertThat(t.feesMinor(PLAN)).isZero();
        assertThat(t.netMinor(0)).isZero();
    }

    @Test
    void netIsNegativeWhenTheMerchantOwes() {
        SettlementTotals t = SettlementTotals.EMPTY.add(purchase(0, 1_000).build()).add(refund(1, 5_000).build());
        assertThat(t.netMinor(t.feesMinor(PLAN))).isEqualTo(1_000 - 5_000 - 29 - 30);
    }

    @Test
    void anOverflowFlagsTheTotalsForGoodInsteadOfThrowing() {
        SettlementTotals big = SettlementTotals.EMPTY.add(purchase(0, Long.MAX_VALUE).build());
        assertThat(big.overflowed()).isFalse();

        SettlementTotals over = big.add(purchase(1, 1).build());
        assertThat(over.overflowed()).isTrue();
        assertThat(over.amounts().grossMinor()).as("left as before the overflow").isEqualTo(Long.MAX_VALUE);
        assertThat(over.add(refund(2, 1).build())).as("sticky").isSameAs(over);
        assertThat(SettlementTotals.EMPTY.add(refund(0, Long.MAX_VALUE).build()).add(refund(0, 1).build()).overflowed())
                .isTrue();
        assertThat(SettlementTotals.EMPTY.add(purchase(0, Long.MAX_VALUE).decision(Decision.DECLINE).build())
                .add(refund(0, 1).decision(Decision.DECLINE).build()).overflowed()).isTrue();
    }

    @Test
    void netOverflowIsAnError() {
        SettlementTotals t = SettlementTotals.EMPTY.add(refund(0, Long.MAX_VALUE).build())
                .add(chargeback(0, Long.MAX_VALUE).build());
        assertThatThrownBy(() -> t.netMinor(0)).isInstanceOf(ArithmeticException.class);
    }
}

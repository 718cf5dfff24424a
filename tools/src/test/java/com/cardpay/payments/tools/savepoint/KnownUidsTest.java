package com.cardpay.payments.tools.savepoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.jobs.OperatorUids;

import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.state.api.OperatorIdentifier;
import org.junit.jupiter.api.Test;

class KnownUidsTest {

    private static OperatorID id(String uid) {
        return OperatorIdentifier.forUid(uid).getOperatorId();
    }

    @Test
    void mapsTheOperatorIdOfEveryUidBackToIt() {
        assertThat(KnownUids.uidOf(id(OperatorUids.DEDUPE))).isEqualTo("payment-dedupe");
        assertThat(KnownUids.uidOf(id(OperatorUids.SETTLEMENTS_SINK))).isEqualTo("sink-payments-settlements");
        assertThat(KnownUids.uidOf(id("Sink Committer: " + OperatorUids.SETTLEMENTS_SINK)))
                .isEqualTo("Sink Committer: sink-payments-settlements");
        assertThat(KnownUids.uidOf(id("sink-payments-vault"))).isEqualTo("sink-payments-vault (retired)");
        assertThat(KnownUids.uidOf(id("no-such-uid"))).isNull();
        assertThat(KnownUids.all()).contains(OperatorUids.RAW_PAYMENTS_SOURCE, OperatorUids.INGEST_ROUTER,
                OperatorUids.CARD_FEATURES, OperatorUids.FRAUD_RULES_SOURCE, OperatorUids.FRAUD_SCORING,
                OperatorUids.SETTLEMENT, OperatorUids.SETTLEMENT_OVERFLOWS);
    }

    @Test
    void ordersOperatorsAsOperatorUidsListsThemUnknownOnesLast() {
        assertThat(KnownUids.order(id(OperatorUids.RAW_PAYMENTS_SOURCE))).isLessThan(KnownUids.order(id(OperatorUids.DEDUPE)));
        assertThat(KnownUids.order(id(OperatorUids.DEDUPE))).isLessThan(KnownUids.order(id(OperatorUids.SETTLEMENT)));
        assertThat(KnownUids.order(id("no-such-uid"))).isEqualTo(Integer.MAX_VALUE);
    }
}

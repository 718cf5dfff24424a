package com.cardpay.payments.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

class FeeScheduleTest {
    private static final String DEFAULT = "290bps+0.30EUR/30JPY";

    @Test
    void merchantsWithTheirOwnPlanGetItOthersTheDefault() {
        FeeSchedule schedule = FeeSchedule.parse(DEFAULT, "m-1=150bps, m-2=200bps+0.25EUR/25JPY");

        assertThat(schedule.planFor("m-1", "EUR")).isEqualTo(new FeePlan(150, 0));
        assertThat(schedule.planFor("m-2", "EUR")).isEqualTo(new FeePlan(200, 25));
        assertThat(schedule.planFor("m-2", "JPY")).isEqualTo(new FeePlan(200, 25));
        assertThat(schedule.planFor("m-3", "EUR")).isEqualTo(new FeePlan(290, 30));
        assertThat(schedule.merchantPlans()).hasSize(2);
    }

    @Test
    void emptyOrBlankMeansNoMerchantPlans() {
        assertThat(FeeSchedule.parse(DEFAULT, "").merchantPlans()).isEmpty();
        assertThat(FeeSchedule.parse(DEFAULT, "  ").merchantPlans()).isEmpty();
        assertThat(FeeSchedule.parse(DEFAULT, "").planFor("m-1", "JPY")).isEqualTo(new FeePlan(290, 30));
    }

    @Test
    void aCurrencyNoPlanPricesIsNamedNeverDefaulted() {
        FeeSchedule schedule = FeeSchedule.parse(DEFAULT, "m-1=150bps,m-2=200bps+0.25EUR,m-3=1bps+2.000BHD");

        assertThat(schedule.unpricedByDefault(List.of("EUR", "JPY"))).isEmpty();
        assertThat(schedule.unpricedByDefault(List.of("EUR", "JPY", "USD", "BHD"))).isEqualTo("BHD, USD");
        // m-1 has no fixed fee, so it prices every currency
        assertThat(schedule.unpriced(List.of("EUR", "JPY"))).isEqualTo(Map.of("m-2", "JPY", "m-3", "EUR, JPY"));
        assertThatThrownBy(() -> schedule.planFor("m-2", "JPY"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not price JPY");
        assertThatThrownBy(() -> schedule.planFor("m-9", "USD"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not price USD");
    }

    @Test
    void aMerchantListedTwiceIsRefused() {
        assertThatThrownBy(() -> FeeSchedule.parse(DEFAULT, "m-1=150bps,m-2=1bps+0.01EUR,m-1=150bps"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 3 'm-1=150bps'")
                .hasMessageContaining("already has a fee plan");
    }

    @Test
    void garbageIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> FeeSchedule.parse(DEFAULT, "m-1=150bps,m-2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 2 'm-2'")
                .hasMessageContaining("merchantId=plan");
        assertThatThrownBy(() -> FeeSchedule.parse(DEFAULT, "m-1=150bps+25"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 1 'm-1=150bps+25'")
                .hasMessageContaining("names no currency");
        assertThatThrownBy(() -> FeeSchedule.parse(DEFAULT, "m-1=150bps,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 2 ''");
        assertThatThrownBy(() -> FeeSchedule.parse(DEFAULT, "=150bps"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchant id");
        assertThatThrownBy(() -> FeeSchedule.parse(DEFAULT, "m 1=150bps"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchant id");
        assertThatThrownBy(() -> FeeSchedule.parse(DEFAULT, "m-1=-5bps"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> FeeSchedule.parse(DEFAULT, "m-1=10001bps"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10000");
    }

    @Test
    void aBadDefaultPlanIsNamedAsTheDefault() {
        assertThatThrownBy(() -> FeeSchedule.parse("2.9%", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("default fee plan: ");
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("default fee plan: ")
                .hasMessageContaining("names no currency");
    }

    @Test
    void travelsToTheTaskManagersByJavaSerialization() throws Exception {
        FeeSchedule schedule = new FeeSchedule(FeePlanTerms.parse("290bps+0.30EUR/30JPY/0.300BHD"),
                Map.of("m-1", FeePlanTerms.parse("150bps")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(schedule);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            FeeSchedule copy = (FeeSchedule) in.readObject();
            assertThat(copy).isEqualTo(schedule);
            assertThat(copy.planFor("m-1", "EUR")).isEqualTo(new FeePlan(150, 0));
            assertThat(copy.planFor("m-2", "BHD")).isEqualTo(new FeePlan(290, 300));
        }
    }
}

package com.cardpay.payments.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

class FeeScheduleTest {

    @Test
    void merchantsWithTheirOwnPlanGetItOthersTheDefault() {
        FeeSchedule schedule = FeeSchedule.parse("290bps+30", "m-1=150bps+0, m-2=200bps+25");

        assertThat(schedule.planFor("m-1")).isEqualTo(new FeePlan(150, 0));
        assertThat(schedule.planFor("m-2")).isEqualTo(new FeePlan(200, 25));
        assertThat(schedule.planFor("m-3")).isEqualTo(new FeePlan(290, 30));
        assertThat(schedule.merchantPlans()).hasSize(2);
    }

    @Test
    void emptyOrBlankMeansNoMerchantPlans() {
        assertThat(FeeSchedule.parse("290bps+30", "").merchantPlans()).isEmpty();
        assertThat(FeeSchedule.parse("290bps+30", "  ").merchantPlans()).isEmpty();
        assertThat(FeeSchedule.parse("290bps+30", "").planFor("m-1")).isEqualTo(new FeePlan(290, 30));
    }

    @Test
    void aMerchantListedTwiceIsRefused() {
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", "m-1=150bps+0,m-2=1bps+1,m-1=150bps+0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 3 'm-1=150bps+0'")
                .hasMessageContaining("already has a fee plan");
    }

    @Test
    void garbageIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", "m-1=150bps+0,m-2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 2 'm-2'")
                .hasMessageContaining("merchantId=plan");
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", "m-1=150bps"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 1 'm-1=150bps'")
                .hasMessageContaining("<basis points>bps+");
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", "m-1=150bps+0,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 2 ''");
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", "=150bps+0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchant id");
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", "m 1=150bps+0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchant id");
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", "m-1=-5bps+0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> FeeSchedule.parse("290bps+30", "m-1=10001bps+0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10000");
    }

    @Test
    void aBadDefaultPlanIsNamedAsTheDefault() {
        assertThatThrownBy(() -> FeeSchedule.parse("2.9%", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("default fee plan: ");
    }

    @Test
    void travelsToTheTaskManagersByJavaSerialization() throws Exception {
        FeeSchedule schedule = new FeeSchedule(new FeePlan(290, 30), Map.of("m-1", new FeePlan(150, 0)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(schedule);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            FeeSchedule copy = (FeeSchedule) in.readObject();
            assertThat(copy).isEqualTo(schedule);
            assertThat(copy.planFor("m-1")).isEqualTo(new FeePlan(150, 0));
        }
    }
}

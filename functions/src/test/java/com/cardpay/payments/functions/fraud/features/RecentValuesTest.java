package com.cardpay.payments.functions.fraud.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bounded memory of recent merchants or countries behind the distinct counts. */
class RecentValuesTest {
    private final RecentValues recent = new RecentValues();

    @Test
    void keepsTheLatestSightingOfEachValue() {
        recent.see("m-1", 100, 0);
        recent.see("m-1", 50, 0);
        recent.see("m-2", 80, 0);

        assertThat(recent.values).containsExactly("m-1", "m-2");
        assertThat(recent.lastSeen).containsExactly(100, 80);
        assertThat(recent.distinctIncluding("m-1", 90)).isEqualTo(1);
        assertThat(recent.distinctIncluding("m-3", 90)).as("the current value always counts").isEqualTo(2);
    }

    @Test
    void whenFullTheValueSeenLongestAgoMakesRoom() {
        for (int i = 0; i < RecentValues.CAPACITY; i++) {
            recent.see("m-" + i, 1_000 - i, 0); // m-31 is the oldest
        }

        recent.see("m-new", 2_000, 0);

        assertThat(recent.values).hasSize(RecentValues.CAPACITY).contains("m-new", "m-0").doesNotContain("m-31");
    }

    @Test
    void valuesBeyondTheHorizonAreForgotten() {
        recent.see("m-1", 100, 0);
        recent.see("m-2", 200, 0);

        recent.see("m-3", 300, 150);

        assertThat(recent.values).containsExactly("m-2", "m-3");
        recent.see("m-4", 120, 150);
        assertThat(recent.values).as("too old to remember").containsExactly("m-2", "m-3");
    }
}

package com.cardpay.payments.functions.fraud.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ring under the velocity counters: a bounded span of buckets, forgotten as the newest bucket moves on. */
class BucketRingTest {
    private final BucketRing ring = new BucketRing(4, 1_000L);

    @Test
    void emptyRingSumsToZero() {
        assertThat(ring.count(Long.MIN_VALUE + 1, Long.MAX_VALUE)).isZero();
        assertThat(ring.amount(0, 10)).isZero();
    }

    @Test
    void sumsTheBucketsOfARange() {
        ring.add(10, 100);
        ring.add(11, 200);
        ring.add(11, 300);
        ring.add(13, 400);

        assertThat(ring.count(10, 13)).isEqualTo(4);
        assertThat(ring.amount(11, 12)).isEqualTo(500);
        assertThat(ring.count(12, 12)).isZero();
        assertThat(ring.count(14, 20)).as("nothing after the newest bucket").isZero();
    }

    @Test
    void movingForwardForgetsTheBucketsThatFellOut() {
        ring.add(10, 100);
        ring.add(12, 200);

        ring.add(14, 400); // the ring now spans 11..14: bucket 10 is gone

        assertThat(ring.count(0, 14)).isEqualTo(2);
        assertThat(ring.amount(0, 14)).isEqualTo(600);
        assertThat(ring.count(10, 10)).isZero();
        assertThat(ring.entries()).isEqualTo(2);
    }

    @Test
    void onlyBucketsWithPaymentsAreStoredWhateverTheSpan() {
        BucketRing wide = new BucketRing(61, 60_000L);
        wide.add(1_000, 5);
        wide.add(1_030, 7);
        wide.add(1_030, 1);
        wide.add(1_002, 3); // out of order, inside the span

        assertThat(wide.entries()).isEqualTo(3);
        assertThat(wide.buckets).containsExactly(1_000L, 1_002L, 1_030L);
        assertThat(wide.count(1_000, 1_030)).isEqualTo(4);
        assertThat(wide.amount(1_001, 1_030)).isEqualTo(11);
    }

    @Test
    void jumpingBeyondTheRingStartsAfresh() {
        ring.add(10, 100);
        ring.add(11, 100);

        ring.add(100, 5);

        assertThat(ring.count(0, 100)).isEqualTo(1);
        assertThat(ring.amount(0, 100)).isEqualTo(5);
    }

    @Test
    void olderBucketsLandInTheirSlotWhileHeldAndAreRefusedAfter() {
        ring.add(13, 100);

        assertThat(ring.add(10, 50)).isTrue();
        assertThat(ring.add(9, 50)).isFalse();

        assertThat(ring.count(0, 13)).isEqualTo(2);
        assertThat(ring.amount(10, 10)).isEqualTo(50);
        assertThat(ring.head).isEqualTo(13);
    }

    @Test
    void negativeBucketsWork() {
        ring.add(-3, 10);
        ring.add(-1, 20);

        assertThat(ring.amount(-4, -1)).isEqualTo(30);
    }
}

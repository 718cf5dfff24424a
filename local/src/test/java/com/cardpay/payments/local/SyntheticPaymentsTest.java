package com.cardpay.payments.local;

import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticPaymentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void lateShareZeroKeepsTheSequenceOfTheFourArgumentConstructor() {
        SyntheticPayments before = new SyntheticPayments(7, 0.1, 0.1, START);
        SyntheticPayments after = new SyntheticPayments(7, 0.1, 0.1, 0, START);

        for (int i = 0; i < 2_000; i++) {
            Generated a = before.next();
            Generated b = after.next();
            assertThat(b.value()).isEqualTo(a.value());
            assertThat(b.kind()).isEqualTo(a.kind());
        }
    }

    @Test
    void latePaymentsAreValidButMinutesBehindTheStream() throws Exception {
        SyntheticPayments payments = new SyntheticPayments(11, 0.05, 0.05, 0.2, START);
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        List<Duration> behind = new ArrayList<>();
        Instant newest = Instant.MIN;

        for (int i = 0; i < 5_000; i++) {
            Generated g = payments.next();
            kinds.merge(g.kind(), 1, Integer::sum);
            if (g.kind() != Kind.VALID && g.kind() != Kind.LATE) {
                continue;
            }
            Instant eventTime = Instant.parse(JSON.readTree(g.value()).get("event_time").asText());
            if (g.kind() == Kind.LATE) {
                assertThat(g.expectedRejection()).isNull();
                if (newest != Instant.MIN) { // behind what? only once an on-time payment was seen
                    behind.add(Duration.between(eventTime, newest));
                }
            } else if (eventTime.isAfter(newest)) {
                newest = eventTime;
            }
        }

        // About 20% of the ~90% first-seen payments.
        assertThat(kinds.get(Kind.LATE)).isBetween(800, 1000);
        // On-time events jitter by up to 3 s, so "behind" is measured against the newest on-time one.
        assertThat(behind).allSatisfy(d -> assertThat(d)
                .isGreaterThanOrEqualTo(SyntheticPayments.MIN_LATENESS.minusSeconds(3))
                .isLessThan(SyntheticPayments.MAX_LATENESS.plusSeconds(1)));
    }

    @Test
    void refusesSharesOutsideZeroToOne() {
        assertThatThrownBy(() -> new SyntheticPayments(1, 0.6, 0.6, 0, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticPayments(1, 0, 0, 1.5, START)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPopulationBoundsTheCardsAndMerchantsAndGivesTheHotMerchantItsShare() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Generated> payments = new SyntheticPayments(7, 0, 0, 0, Instant.parse("2026-11-24T10:00:00Z"))
                .withPopulation(500, 100, 0.25).next(20_000);
        java.util.Set<String> cards = new java.util.HashSet<>();
        java.util.Set<String> merchants = new java.util.HashSet<>();
        long hot = 0;
        for (Generated g : payments) {
            cards.add(g.pan());
            String merchant = json.readTree(g.value()).get("merchant_id").asText();
            merchants.add(merchant);
            hot += merchant.equals("m-000") ? 1 : 0;
        }
        assertThat(cards).hasSizeLessThanOrEqualTo(500).hasSizeGreaterThan(450);
        assertThat(merchants).hasSize(100);
        // 25 % drawn as hot, plus its 1/100 of the rest
        assertThat((double) hot / payments.size()).isBetween(0.24, 0.27);
    }
}

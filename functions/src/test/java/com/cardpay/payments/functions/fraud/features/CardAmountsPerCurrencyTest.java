package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.FraudSettings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A card's amounts are kept per currency and never added across currencies; its counts are over
 * every currency. Thresholds are the payment's own currency's; a currency without them turns the
 * threshold features off, visibly (a counter and the features' flag).
 */
class CardAmountsPerCurrencyTest {
    private CardHarness cards;

    @BeforeEach
    void open() throws Exception {
        cards = CardHarness.open();
    }

    @AfterEach
    void close() throws Exception {
        cards.close();
    }

    @Test
    void amountsAreInThePaymentsOwnCurrencyCountsAcrossAll() throws Exception {
        cards.send(purchase(0, 100).currency("EUR"));
        cards.send(purchase(seconds(5), 20_000).currency("JPY"));
        CardFeatures eur = cards.send(purchase(seconds(10), 300).currency("EUR"));
        CardFeatures jpy = cards.send(purchase(seconds(15), 5_000).currency("JPY"));

        assertThat(eur).extracting(CardFeatures::countShort, CardFeatures::amountShort, CardFeatures::amountMedium,
                CardFeatures::amountLong).containsExactly(3L, 400L, 400L, 400L);
        assertThat(jpy).extracting(CardFeatures::countShort, CardFeatures::amountShort, CardFeatures::amountLong)
                .containsExactly(4L, 25_000L, 25_000L);
    }

    @Test
    void thresholdsAreTheCurrencysOwn() throws Exception {
        // EUR 10,000.00 is a large payment; JPY 1,000,000 (about EUR 6,000) is not, JPY 1,600,000 is
        assertThat(cards.send(purchase(0, 1_000_000).currency("EUR")).largePayment()).isTrue();
        assertThat(cards.send(purchase(minutes(1), 1_000_000).currency("JPY")).largePayment()).isFalse();
        assertThat(cards.send(purchase(minutes(2), 1_600_000).currency("JPY")).largePayment()).isTrue();
        // the day's amount per currency: EUR 10,000.00 so far, below EUR 20,000.00
        CardFeatures eur = cards.send(purchase(minutes(3), 1_000_000).currency("EUR"));
        assertThat(eur.amountLong()).isEqualTo(2_000_000);
        assertThat(eur.amountLongOverLimit()).isTrue();
        // JPY 2,600,000 in the day: below JPY 3,200,000, though far above 2,000,000 minor units
        assertThat(cards.send(purchase(minutes(4), 1).currency("JPY")).amountLongOverLimit()).isFalse();
        assertThat(cards.counter(CardFeaturesFunction.FEATURES_OFF_METRIC)).isZero();
    }

    @Test
    void cardTestingInYenUsesYenThresholds() throws Exception {
        // 3 purchases of JPY 800 (small in JPY) then JPY 80,000 (large in JPY)
        for (int i = 0; i < 3; i++) {
            assertThat(cards.send(purchase(seconds(i), 800).currency("JPY")).cardTesting()).isFalse();
        }
        assertThat(cards.send(purchase(seconds(10), 80_000).currency("JPY")).cardTesting()).isTrue();
    }

    @Test
    void eightHundredMinorUnitsAreNotSmallInEuro() throws Exception {
        // EUR 8.00 is above EUR 5.00: not a small purchase, so no pattern
        for (int i = 0; i < 3; i++) {
            cards.send(purchase(seconds(i), 800).currency("EUR"));
        }
        assertThat(cards.send(purchase(seconds(10), 80_000).currency("EUR")).cardTesting()).isFalse();
    }

    @Test
    void aCurrencyWithoutThresholdsTurnsItsFeaturesOffVisibly() throws Exception {
        for (int i = 0; i < 3; i++) {
            cards.send(purchase(seconds(i), 1).currency("SEK"));
        }
        CardFeatures sek = cards.send(purchase(seconds(10), 900_000_000).currency("SEK"));

        assertThat(sek.thresholdsKnown()).isFalse();
        assertThat(sek.cardTesting()).isFalse();
        assertThat(sek.largePayment()).isFalse();
        assertThat(sek.amountLongOverLimit()).isFalse();
        // velocity does not need thresholds: it still counts and sums (in SEK)
        assertThat(sek.countShort()).isEqualTo(4);
        assertThat(sek.amountShort()).isEqualTo(900_000_003L);
        assertThat(cards.counter(CardFeaturesFunction.FEATURES_OFF_METRIC)).isEqualTo(4);
        assertThat(cards.send(purchase(seconds(11), 100).currency("EUR")).thresholdsKnown()).isTrue();
        assertThat(cards.counter(CardFeaturesFunction.FEATURES_OFF_METRIC)).isEqualTo(4);
    }

    @Test
    void aFifthCurrencyReplacesTheOneUsedLongestAgo() {
        FraudSettings settings = FraudSettings.defaults();
        CardWindows windows = CardWindows.of(settings);
        CardActivity card = new CardActivity();
        String[] currencies = {"EUR", "USD", "GBP", "JPY"};
        for (int i = 0; i < currencies.length; i++) {
            card.record(purchase(minutes(i * 70L), 100).currency(currencies[i]).build(), settings, windows);
        }
        card.record(purchase(minutes(300), 100).currency("CHF").build(), settings, windows);

        assertThat(card.amountsByCurrency).hasSize(CardActivity.MAX_AMOUNT_CURRENCIES)
                .extracting(r -> r.currency).containsExactlyInAnyOrder("CHF", "USD", "GBP", "JPY");
        // EUR starts again from this payment
        assertThat(card.record(purchase(minutes(301), 7).currency("EUR").build(), settings, windows).amountLong())
                .isEqualTo(7);
    }

    /**
     * A card restored from a savepoint of the first release has rings whose amounts summed every
     * currency and no per-currency amounts (the field is new, so null). Its counts carry on; the
     * mixed sums are dropped, never attributed to a currency.
     */
    @Test
    void aCardFromBeforePerCurrencyAmountsKeepsItsCountsAndDropsItsMixedSums() {
        FraudSettings settings = FraudSettings.defaults();
        CardWindows windows = CardWindows.of(settings);
        CardActivity old = new CardActivity();
        old.shortWindow = windows.shortWindow().newRing();
        old.mediumWindow = windows.mediumWindow().newRing();
        old.longWindow = windows.longWindow().newRing();
        long t = FeaturePayments.T0;
        // two payments, EUR 100 and JPY 5,000, as the old code summed them: 5,100 "minor units"
        for (int i = 0; i < 2; i++) {
            old.shortWindow.add(windows.shortWindow().bucketOf(t), i == 0 ? 100 : 5_000);
            old.mediumWindow.add(windows.mediumWindow().bucketOf(t), i == 0 ? 100 : 5_000);
            old.longWindow.add(windows.longWindow().bucketOf(t), i == 0 ? 100 : 5_000);
        }
        old.recentEventTimes = new long[] {t};
        old.amountsByCurrency = null;

        CardFeatures next = old.record(purchase(seconds(1), 300).currency("EUR").build(), settings, windows);

        assertThat(next).extracting(CardFeatures::countShort, CardFeatures::countMedium, CardFeatures::countLong)
                .containsExactly(3L, 3L, 3L);
        assertThat(next).extracting(CardFeatures::amountShort, CardFeatures::amountMedium, CardFeatures::amountLong)
                .containsExactly(300L, 300L, 300L);
    }
}

package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.model.PaymentType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Distinct merchants and merchant countries over the last hour, and the time since the previous payment. */
class CardDistinctAndPreviousTest {
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
    void distinctMerchantsAndCountriesOverTheLastHour() throws Exception {
        cards.send(purchase(0, 100).merchant("m-1", "FR"));
        cards.send(purchase(minutes(10), 100).merchant("m-2", "DE"));
        assertThat(cards.send(purchase(minutes(20), 100).merchant("m-1", "FR")))
                .extracting(CardFeatures::distinctMerchants, CardFeatures::distinctCountries).containsExactly(2, 2);

        // m-1 at 0 min is out of the hour, but m-1 was seen again at 20 min
        assertThat(cards.send(purchase(minutes(65), 100).merchant("m-3", "FR")))
                .extracting(CardFeatures::distinctMerchants, CardFeatures::distinctCountries).containsExactly(3, 2);

        // m-2 and DE (10 min) are out of the hour now
        assertThat(cards.send(purchase(minutes(75), 100).merchant("m-3", "FR")))
                .extracting(CardFeatures::distinctMerchants, CardFeatures::distinctCountries).containsExactly(2, 1);
    }

    @Test
    void refundsCountAsMerchantsTheCardUsed() throws Exception {
        cards.send(purchase(0, 100).merchant("m-1", "FR"));

        CardFeatures f = cards.send(purchase(seconds(1), 100).merchant("m-2", "IT").type(PaymentType.REFUND));

        assertThat(f.distinctMerchants()).isEqualTo(2);
        assertThat(f.distinctCountries()).isEqualTo(2);
    }

    @Test
    void distinctMerchantsReadAsAtMostTheMemoryCapacity() throws Exception {
        CardFeatures f = null;
        for (int i = 0; i < RecentValues.CAPACITY + 8; i++) {
            f = cards.send(purchase(seconds(i), 100).merchant("m-" + i, "FR"));
        }

        assertThat(f.distinctMerchants()).isEqualTo(RecentValues.CAPACITY);
        assertThat(f.distinctCountries()).isEqualTo(1);
    }

    @Test
    void secondsSinceThePreviousPayment() throws Exception {
        assertThat(cards.send(purchase(0, 100)).secondsSincePrevious()).isEqualTo(-1);
        assertThat(cards.send(purchase(seconds(90), 100)).secondsSincePrevious()).isEqualTo(90);
        assertThat(cards.send(purchase(seconds(90) + 999, 100)).secondsSincePrevious()).as("whole seconds").isZero();
        assertThat(cards.send(purchase(seconds(90) + 999, 100)).secondsSincePrevious()).as("same instant").isZero();
        assertThat(cards.send(purchase(minutes(30), 100).type(PaymentType.REFUND)).secondsSincePrevious())
                .as("any type; 1800 s - 90.999 s").isEqualTo(1_709);
    }

    @Test
    void outOfOrderPaymentMeasuresFromItsEarlierNeighbour() throws Exception {
        cards.send(purchase(0, 100));
        cards.send(purchase(seconds(100), 100));

        assertThat(cards.send(purchase(seconds(95), 100)).secondsSincePrevious()).isEqualTo(95);
        assertThat(cards.send(purchase(seconds(101), 100)).secondsSincePrevious()).isEqualTo(1);
    }

    @Test
    void predecessorOlderThanTheRememberedTimesIsUnknown() throws Exception {
        for (int i = 1; i <= 5; i++) {
            cards.send(purchase(seconds(10 * i), 100));
        }

        // the card remembers 50, 40, 30 and 20 s; 10 s, the true predecessor, is forgotten
        assertThat(cards.send(purchase(seconds(15), 100)).secondsSincePrevious()).isEqualTo(-1);
        assertThat(cards.send(purchase(seconds(25), 100)).secondsSincePrevious()).isEqualTo(5);
    }
}

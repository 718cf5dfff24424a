package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static com.cardpay.payments.functions.testutils.FlinkTypes.assertPojoWithoutGenericFields;
import static com.cardpay.payments.functions.testutils.FlinkTypes.roundTrip;
import static com.cardpay.payments.functions.testutils.FlinkTypes.serializedSize;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.model.PaymentType;

import org.junit.jupiter.api.Test;

/**
 * The feature state types are Flink POJOs all the way down, serializable by Flink's own serializers
 * with generic types (Kryo) disabled. The card state is written by {@link CardActivitySerializer}
 * since issue 16, but stays a POJO: the POJO serializer restored from older savepoints still has to
 * build it when they migrate.
 */
class FeatureStateTypesTest {
    private final FraudSettings settings = FraudSettings.defaults();

    @Test
    void cardActivityIsAPojoOfPojosAndArrays() throws Exception {
        assertPojoWithoutGenericFields(CardActivity.class);
        assertPojoWithoutGenericFields(BucketRing.class);
        assertPojoWithoutGenericFields(RecentValues.class);
        assertPojoWithoutGenericFields(CurrencyAmountRings.class);

        CardActivity activity = new CardActivity();
        activity.record(purchase(0, 100).merchant("m-1", "FR").build(), settings, CardWindows.of(settings));
        activity.record(purchase(minutes(1), 200).merchant("m-2", "DE").build(), settings, CardWindows.of(settings));
        CardActivity copy = roundTrip(CardActivity.class, activity);

        assertThat(copy.record(purchase(minutes(2), 300).build(), settings, CardWindows.of(settings)))
                .isEqualTo(activity.record(purchase(minutes(2), 300).build(), settings, CardWindows.of(settings)));
        assertThat(copy).usingRecursiveComparison().isEqualTo(activity);
    }

    @Test
    void merchantProfileIsAPojo() throws Exception {
        assertPojoWithoutGenericFields(MerchantProfile.class);

        MerchantFeatureCalculator calculator = new MerchantFeatureCalculator(settings);
        MerchantProfile profile = calculator.update(null, purchase(0, 1_000).build());
        profile = calculator.update(profile, purchase(1, 1_500).currency("USD").build());
        profile = calculator.update(profile, purchase(2, 700).type(PaymentType.REFUND).build());

        assertThat(roundTrip(MerchantProfile.class, profile)).usingRecursiveComparison().isEqualTo(profile);
        assertThat(roundTrip(MerchantProfile.class, new MerchantProfile())).usingRecursiveComparison()
                .isEqualTo(new MerchantProfile());
    }

    @Test
    void aCardThatPaysAFewTimesADayKeepsAFewHundredBytes() throws Exception {
        CardActivity card = new CardActivity();
        CardWindows windows = CardWindows.of(settings);
        for (int i = 0; i < 3; i++) {
            card.record(purchase(minutes(i * 150L), 2_000).merchant("m-" + i, "DE").build(), settings, windows);
        }

        // sparse rings: only buckets with a payment are stored (a dense layout was about 1.6 KB); the
        // amounts per currency (three more rings per currency used) took it from about 320 to 574 bytes
        assertThat(serializedSize(CardActivity.class, card)).isLessThan(600);
        assertThat(card.mediumWindow.entries()).isEqualTo(1);
        assertThat(card.longWindow.entries()).isEqualTo(3);
    }


}

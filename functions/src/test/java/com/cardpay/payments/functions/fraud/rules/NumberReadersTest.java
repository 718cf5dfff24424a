package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.fraud.Feature;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.ToLongFunction;

/** The primitive readers agree with {@link Feature#valueOf}, which defines the features. */
class NumberReadersTest {
    private static final List<Feature.Values> SAMPLES = List.of(
            values().build(),
            values().amountMinor(1_000_000_000_000L).countShort(7).countMedium(70).countLong(700).amountShort(123_456)
                    .amountMedium(9_876_543).amountLong(Long.MAX_VALUE).distinctMerchants(4).distinctCountries(3)
                    .secondsSincePrevious(86_399).amountZScore(-3.25).refundRatio(0.5).chargebackRatio(0.015)
                    .baselinePayments(31).build());

    @Test
    void everyNumberFeatureAgreesWithValueOf() {
        for (Feature f : Feature.values()) {
            if (f.type() != Feature.Type.NUMBER) {
                continue;
            }
            ToLongFunction<Feature.Values> whole = NumberReaders.longReader(f);
            for (Feature.Values v : SAMPLES) {
                Number expected = (Number) f.valueOf(v);
                assertThat(NumberReaders.doubleReader(f).applyAsDouble(v)).as(f.name()).isEqualTo(expected.doubleValue());
                if (whole != null) {
                    assertThat(expected).as(f.name()).isInstanceOfAny(Long.class, Integer.class);
                    assertThat(whole.applyAsLong(v)).as(f.name()).isEqualTo(expected.longValue());
                } else {
                    assertThat(expected).as(f.name() + " is decimal").isInstanceOfAny(Double.class, Float.class);
                }
            }
        }
    }

    @Test
    void onlyNumberFeaturesHaveNumberReaders() {
        assertThat(NumberReaders.longReader(Feature.PAYMENT_TYPE)).isNull();
        assertThatThrownBy(() -> NumberReaders.doubleReader(Feature.CARD_TESTING))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

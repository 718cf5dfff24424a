package com.cardpay.payments.functions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PanMaskerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "411111111111     | ********1111",
            "4111111111111111 | ************1111",
            "6221260000000000077 | ***************0077",
            "12345678901234567890123 | *******************0123"})
    void runsOf12OrMoreDigitsKeepOnlyTheLastFour(String digits, String expected) {
        assertThat(PanMasker.mask(digits)).isEqualTo(expected);
    }

    @Test
    void panInsideJsonIsMaskedAndTheRestIsUntouched() {
        String json = "{\"pan\":\"4111111111111111\",\"amount_minor\":1250}";

        assertThat(PanMasker.mask(json)).isEqualTo("{\"pan\":\"************1111\",\"amount_minor\":1250}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"41111111111", "card 41111111111 ok", "2026-11-24T10:15:30.123Z", "1250"})
    void runsOfAtMost11DigitsAreUntouched(String text) {
        assertThat(PanMasker.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "4111 1111 1111 1111 | **** **** **** 1111",
            "4111-1111-1111-1111 | ****-****-****-1111",
            "4111 1111-1111 1111 | **** ****-**** 1111",
            "3782 822463 10005   | **** ****** *0005"})
    void runsGroupedBySingleSpacesOrDashesAreMasked(String grouped, String expected) {
        assertThat(PanMasker.mask(grouped)).isEqualTo(expected);
    }

    @Test
    void groupsSeparatedByTwoSpacesAreStillOneCardNumber() {
        String text = "4111  1111  1111  1111";

        assertThat(PanMasker.mask(text)).isEqualTo("****  ****  ****  1111");
        assertThat(CardNumberDetector.containsCardNumber(text)).isTrue();
    }

    @Test
    void everyRunInTheTextIsMasked() {
        String text = "old 4111111111111111, new 5555-5555-5555-4444, ref 123456, amex 378282246310005";

        assertThat(PanMasker.mask(text))
                .isEqualTo("old ************1111, new ****-****-****-4444, ref 123456, amex ***********0005");
    }

    @Test
    void digitsGluedToLettersAreStillMasked() {
        assertThat(PanMasker.mask("pan=4111111111111111x")).isEqualTo("pan=************1111x");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "no digits here", "payment declined: card expired", "ünïcödé ✓"})
    void textWithoutLongDigitRunsIsReturnedAsIs(String text) {
        assertThat(PanMasker.mask(text)).isSameAs(text);
    }
}

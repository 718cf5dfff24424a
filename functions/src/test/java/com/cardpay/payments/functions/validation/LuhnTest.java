package com.cardpay.payments.functions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.testutils.Payments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuhnTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "4111111111111111", // Visa test card
            "5555555555554444", // Mastercard test card
            "378282246310005", // American Express test card
            "6011111111111117", // Discover test card
            "79927398713", // the textbook example
            "0"})
    void wellKnownValidNumbersPass(String digits) {
        assertThat(Luhn.isValid(digits)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "4111111111111112", // last digit off by one
            "4111111111111121", // one digit in the middle changed
            "5555555555554440",
            "378282246310006",
            "79927398710",
            "1"})
    void numbersWithAWrongCheckDigitFail(String digits) {
        assertThat(Luhn.isValid(digits)).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "4111-1111-1111-1111", "4111 1111 1111 1111", "411111111111111a", "٤١١١"})
    void emptyOrNonDigitInputFails(String text) {
        assertThat(Luhn.isValid(text)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"7992739871", "411111111111111", "555555555555444", "37828224631000", "601111111111111"})
    void checkDigitForRecreatesTheKnownCheckDigit(String partial) {
        char check = Luhn.checkDigitFor(partial);

        assertThat(Luhn.isValid(partial + check)).isTrue();
    }

    @Test
    void checkDigitForTheTextbookExampleIsThree() {
        assertThat(Luhn.checkDigitFor("7992739871")).isEqualTo('3');
    }

    @Test
    void checkDigitForMakesEveryGeneratedNumberValidAndOnlyThatDigitWorks() {
        for (int length = 12; length <= 19; length++) {
            for (long serial = 0; serial < 500; serial++) {
                String pan = Payments.luhnValidPan("4", length, serial * 7919);

                assertThat(pan).hasSize(length);
                assertThat(Luhn.isValid(pan)).as(pan).isTrue();
                assertThat(Luhn.isValid(Payments.withWrongCheckDigit(pan))).as(pan).isFalse();
            }
        }
    }
}

package com.cardpay.payments.functions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way of writing a card number that issue 10 found getting through, and what must not trip. */
class CardNumberDetectorTest {

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {
            "4111_1111_1111_1111", "5555,5555,5555,4444", "5555:5555:5555:4444", "4111\t1111\t1111\t1111",
            "4111\u00a01111\u00a01111\u00a01111", "4111  1111  1111  1111", "4111111111111111 12/28",
            "4111 1111 1111 1111 737", "cvv 737 then 4111111111111111", "dev-4111111111111111",
            "4111\\/1111\\/1111\\/1111", "\\uFF14\\uFF11\\uFF11\\uFF11111111111111",
            "\"4111\",\"1111\",\"1111\",\"1111\"", "4539578763621486", "id_4539578763621486_x",
            "\u0000\u0034\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031"
                    + "\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031\u0000\u0031",
            "\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11",
            "\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661",
            "\\ud835\\udfd2111111111111111", "378282246310005", "6221260000000000076"})
    void findsACardNumberHoweverItIsWritten(String text) {
        assertThat(CardNumberDetector.containsCardNumber(text)).as(text).isTrue();
        assertThat(CardNumberDetector.containsCardNumber(CardNumberDetector.mask(text))).as("masked " + text).isFalse();
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {
            "4111111111111112", "dev-7f3a-1234", "2026-11-24T10:15:30.123Z", "pay-000123", " ",
            "123456789012345678901234567890", "41111111111111110000", "tok_v1_ab12cd34ef56",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "\\\\u0034"})
    void leavesOtherTextAlone(String text) {
        assertThat(CardNumberDetector.containsCardNumber(text)).as(text).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "4111111111111111 12/28 | ************1111 **/**",
            "4111 1111 1111 1111 737 | **** **** **** 1111 ***",
            "cvv 737 4111_1111_1111_1111 | cvv *** ****_****_****_1111",
            "x \\u0034111111111111111 y | x ************1111 y",
            "\\\"4111\\\",\\\"1111\\\" | \\\"4111\\\",\\\"1111\\\""})
    void masksInPlaceKeepingTheLastFourOfTheCardNumber(String text, String expected) {
        assertThat(CardNumberDetector.mask(text)).isEqualTo(expected);
    }

    @Test
    void aMistypedPanIsStillMaskedThoughNotACardNumber() {
        assertThat(CardNumberDetector.mask("4111111111111112")).isEqualTo("************1112");
    }

    @Test
    void aLongRunOfGroupsIsScannedInLinearTime() {
        String text = "1 ".repeat(200_000);

        assertThat(CardNumberDetector.containsCardNumber(text)).isFalse();
    }
}

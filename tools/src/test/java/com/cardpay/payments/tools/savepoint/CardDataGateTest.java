package com.cardpay.payments.tools.savepoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.validation.CardNumberDetector;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

class CardDataGateTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsWhatHoldsNoCardNumber() {
        List<String> lines = List.of("payment-dedupe: parallelism 2, max parallelism 720, state 21.1 KiB, 20 keys",
                "{\"key\":\"m-1\",\"state\":\"seen-payment-ids\",\"entry\":\"pay-1\",\"value\":\"2026-11-24T10:00:00Z\"}");

        assertThat(print(lines)).isZero();

        assertThat(out()).isEqualTo(String.join("\n", lines) + "\n");
        assertThat(err()).isEmpty();
    }

    /** A PAN as state could hold it, in a dump line: plain, grouped, JSON-escaped, as a number, 15 digits. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"key\":\"m-1\",\"state\":\"s\",\"value\":\"4111111111111111\"}",
            "{\"key\":\"m-1\",\"state\":\"s\",\"entry\":\"4111 1111 1111 1111\",\"value\":1}",
            "{\"key\":\"m-1\",\"state\":\"s\",\"value\":\"\\u0034111111111111111\"}",
            "{\"key\":\"m-1\",\"state\":\"s\",\"value\":{\"ref\":5555555555554444}}",
            "{\"key\":\"378282246310005\",\"state\":\"s\",\"value\":null}"})
    void refusesEverythingWhenOneLineHoldsACardNumber(String leaking) {
        List<String> lines = List.of("{\"key\":\"m-1\",\"state\":\"s\",\"value\":1}", leaking, "{\"key\":\"m-2\",\"state\":\"s\",\"value\":2}");

        assertThat(print(lines)).isEqualTo(1);

        assertThat(out()).as("nothing printed").isEmpty();
        assertThat(err()).startsWith("REFUSED: line 2 of the 3-line output holds what the card-number detector reads as a card number");
        assertThat(CardNumberDetector.containsCardNumber(err())).isFalse();
        assertThat(CardNumberDetector.digitChains(err())).noneMatch(chain -> chain.length() >= 4);
    }

    @Test
    void refusesACardNumberSplitAcrossLines() {
        assertThat(print(List.of("reference 4111 1111", "1111 1111 follows"))).isEqualTo(1);

        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("REFUSED: a run across line breaks of the 2-line output");
    }

    @Test
    void masksACardNumberInAnErrorMessage() {
        assertThat(CardDataGate.masked("cannot read 4111111111111111 at offset 12")).doesNotContain("4111111111111111")
                .contains("1111 at offset 12");
    }

    private int print(List<String> lines) {
        return CardDataGate.print(lines, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

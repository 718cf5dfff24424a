package com.cardpay.payments.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

class DurationsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "2h, PT2H", "7d, PT168H", "' 5 S ', PT5S", "0s, PT0S"})
    void everyUnitParses(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "5", "s", "1.5s", "-1s", "1y", "PT5S", "9999999999999d"})
    void anythingElseIsNotADuration(String text) {
        assertThat(Durations.parse(text)).isNull();
    }
}

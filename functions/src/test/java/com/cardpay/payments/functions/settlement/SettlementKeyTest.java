package com.cardpay.payments.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettlementKeyTest {

    @Test
    void currencyFirstSoTheKeySplitsUnambiguously() {
        assertThat(SettlementKey.of("m-1", "EUR")).isEqualTo("EUR:m-1");
        String odd = SettlementKey.of("m:USD:2", "JPY");
        assertThat(SettlementKey.currencyOf(odd)).isEqualTo("JPY");
        assertThat(SettlementKey.merchantOf(odd)).isEqualTo("m:USD:2");
        assertThat(SettlementKey.of(SettlementPayments.purchase(0, 1).currency("USD").build())).isEqualTo("USD:m-1");
    }

    @Test
    void refusesWhatWouldMakeAnAmbiguousKey() {
        assertThatThrownBy(() -> SettlementKey.of("m-1", "eur")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementKey.of("m-1", "EURO")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementKey.of("", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementKey.merchantOf("m-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementKey.currencyOf("EUR:")).isInstanceOf(IllegalArgumentException.class);
    }
}

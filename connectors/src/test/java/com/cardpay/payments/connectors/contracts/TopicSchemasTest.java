package com.cardpay.payments.connectors.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.regex.RegularExpression;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** The checking rules of {@link TopicSchemas} itself, where they differ from the library's defaults. */
class TopicSchemasTest {

    @Test
    void dollarIsTheEndOfTheStringAsInEcma262() {
        RegularExpression fourDigits = TopicSchemas.ecmaDollar("^[0-9]{4}$");

        assertThat(fourDigits.matches("1234")).isTrue();
        assertThat(fourDigits.matches("1234\n")).isFalse();
        assertThat(fourDigits.matches("1234\r\n")).isFalse();
    }

    @Test
    void dollarInAClassOrEscapedStaysALiteral() {
        assertThat(TopicSchemas.ecmaDollar("^[$]\\$$").matches("$$")).isTrue();
    }

    @Test
    void malformedJsonIsOneErrorNotAnException() {
        byte[] cutOff = "{\"schema_version\": 1,".getBytes(StandardCharsets.UTF_8);

        assertThat(TopicSchemas.validate(TopicSchemas.TOKENIZED, cutOff)).singleElement().asString()
                .startsWith("value is not one well-formed JSON value");
    }

    @Test
    void unknownContractFailsClearly() {
        assertThatThrownBy(() -> TopicSchemas.validate("payments.nope", new byte[] {'{', '}'}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemas/payments.nope.schema.json");
    }
}

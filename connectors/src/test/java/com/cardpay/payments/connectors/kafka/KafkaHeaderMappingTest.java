package com.cardpay.payments.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.validation.CardNumberDetector;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

class KafkaHeaderMappingTest {

    @Test
    void headersTravelInOrderWithRepeats() {
        Headers in = new RecordHeaders();
        in.add("traceparent", bytes("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        in.add("tenant", bytes("eu"));
        in.add("tenant", bytes("de"));

        MessageHeaders mapped = KafkaHeaderMapping.fromKafka(in);

        assertThat(mapped.names).containsExactly("traceparent", "tenant", "tenant");
        assertThat(KafkaHeaderMapping.toKafka(mapped).toArray()).containsExactly(in.toArray());
    }

    @Test
    void aHeaderHoldingACardNumberIsMaskedBeforeItReachesAnyOutput() {
        Headers in = new RecordHeaders();
        in.add("x-debug", bytes("card=4111 1111 1111 1111"));
        in.add("x-order", bytes("order-123456789012345"));

        MessageHeaders mapped = KafkaHeaderMapping.fromKafka(in);

        assertThat(mapped.lastValueAsString("x-debug")).isEqualTo("card=**** **** **** 1111");
        assertThat(mapped.lastValueAsString("x-order")).as("not Luhn-valid: left alone").isEqualTo("order-123456789012345");
    }

    @Test
    void aCardNumberInsideATraceparentIsMaskedToo() {
        // Issue 10: a well-formed traceparent used to be exempt, and let this card number through.
        String traceparent = "00-4111111111111111a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Headers in = new RecordHeaders();
        in.add("traceparent", bytes(traceparent));
        in.add("not-a-traceparent", bytes("4111111111111111"));

        MessageHeaders mapped = KafkaHeaderMapping.fromKafka(in);

        assertThat(mapped.lastValueAsString("traceparent")).isEqualTo("**-************1111a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(mapped.lastValueAsString("not-a-traceparent")).isEqualTo("************1111");
    }

    @Test
    void aPanWithItsCvvAHeaderNameAndAUtf16ValueAreAllMasked() {
        Headers in = new RecordHeaders();
        in.add("x-card", bytes("4111 1111 1111 1111 737"));
        in.add("card-4539578763621486", bytes("x"));
        in.add("x-utf16", "5555555555554444".getBytes(StandardCharsets.UTF_16BE));

        MessageHeaders mapped = KafkaHeaderMapping.fromKafka(in);

        assertThat(mapped.lastValueAsString("x-card")).isEqualTo("**** **** **** 1111 ***");
        assertThat(mapped.names).containsExactly("x-card", "card-************1486", "x-utf16");
        assertThat(CardNumberDetector.containsCardNumber(new String(mapped.values[2], StandardCharsets.UTF_8))).isFalse();
        assertThat(new String(mapped.values[2], StandardCharsets.UTF_8)).doesNotContain("5555");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

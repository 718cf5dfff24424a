package com.cardpay.payments.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.model.MessageHeaders;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;

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
    void aWellFormedTraceparentIsKeptEvenWhenItsHexLooksLikeACardNumber() {
        String traceparent = "00-4111111111111111a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Headers in = new RecordHeaders();
        in.add("traceparent", bytes(traceparent));
        in.add("not-a-traceparent", bytes("4111111111111111"));

        MessageHeaders mapped = KafkaHeaderMapping.fromKafka(in);

        assertThat(mapped.lastValueAsString("traceparent")).isEqualTo(traceparent);
        assertThat(mapped.lastValueAsString("not-a-traceparent")).isEqualTo("************1111");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theTraceparentCheckAgreesWithTheW3cPatternOnRandomAndNearMissValues() {
        Pattern w3c = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        Random random = new Random(7);
        String alphabet = "0123456789abcdefABCDEF-x ";
        String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        int matches = 0;
        for (int n = 0; n < 100_000; n++) {
            char[] value = valid.toCharArray();
            // mutate 0-2 positions of a valid traceparent, or build one of a random length
            if (n % 10 == 0) {
                value = new char[random.nextInt(60)];
                for (int i = 0; i < value.length; i++) {
                    value[i] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
            } else {
                for (int k = random.nextInt(3); k > 0; k--) {
                    value[random.nextInt(value.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
            }
            String text = new String(value);
            boolean expected = w3c.matcher(text).matches();
            matches += expected ? 1 : 0;
            assertThat(KafkaHeaderMapping.isTraceparent(text.getBytes(StandardCharsets.UTF_8))).as(text).isEqualTo(expected);
        }
        assertThat(matches).as("both outcomes were exercised").isBetween(1_000, 99_000);
    }
}

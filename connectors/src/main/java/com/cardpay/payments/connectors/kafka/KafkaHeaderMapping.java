package com.cardpay.payments.connectors.kafka;

import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.validation.CardNumberDetector;
import com.cardpay.payments.functions.validation.PanMasker;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Converts between Kafka headers and the job's {@link MessageHeaders}, keeping order and repeats.
 * Headers are carried to every output, so a card number in a header name or value (a producer bug)
 * is masked on the way in, by the same detector as everything else: no header is exempt, a
 * {@code traceparent} included, and a value is read as UTF-8 whatever it holds (a UTF-16 value's
 * digits, between NULs, are still one digit chain to the detector).
 */
public final class KafkaHeaderMapping {
    private KafkaHeaderMapping() {}

    public static MessageHeaders fromKafka(Headers headers) {
        Header[] all = headers.toArray();
        if (all.length == 0) {
            return MessageHeaders.EMPTY;
        }
        String[] names = new String[all.length];
        byte[][] values = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            names[i] = PanMasker.mask(all[i].key());
            values[i] = withoutCardNumber(all[i].value() == null ? new byte[0] : all[i].value());
        }
        return new MessageHeaders(names, values);
    }

    static byte[] withoutCardNumber(byte[] value) {
        // Cheap pre-check on the bytes: a card number needs 12 bytes that may be (part of) a digit.
        int possible = 0;
        for (byte b : value) {
            if ((b >= '0' && b <= '9') || b == '\\' || b < 0) {
                possible++;
            }
        }
        if (possible < CardNumberDetector.MIN_DIGITS) {
            return value;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        return CardNumberDetector.containsCardNumber(text) ? PanMasker.mask(text).getBytes(StandardCharsets.UTF_8) : value;
    }

    static Headers toKafka(MessageHeaders headers) {
        RecordHeaders out = new RecordHeaders();
        for (int i = 0; i < headers.size(); i++) {
            out.add(headers.names[i], headers.values[i]);
        }
        return out;
    }
}

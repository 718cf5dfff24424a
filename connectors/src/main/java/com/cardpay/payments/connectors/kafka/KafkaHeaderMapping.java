package com.cardpay.payments.connectors.kafka;

import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.validation.PanMasker;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Converts between Kafka headers and the job's {@link MessageHeaders}, keeping order and repeats.
 * Headers are carried to every output, so a header value that holds a card number (a producer bug)
 * is masked on the way in; a well-formed W3C {@code traceparent} is hex by definition and kept as is.
 */
final class KafkaHeaderMapping {
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private KafkaHeaderMapping() {}

    static MessageHeaders fromKafka(Headers headers) {
        Header[] all = headers.toArray();
        if (all.length == 0) {
            return MessageHeaders.EMPTY;
        }
        String[] names = new String[all.length];
        byte[][] values = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].key();
            values[i] = withoutCardNumber(names[i], all[i].value() == null ? new byte[0] : all[i].value());
        }
        return new MessageHeaders(names, values);
    }

    static byte[] withoutCardNumber(String name, byte[] value) {
        int digits = 0;
        for (byte b : value) {
            if (b >= '0' && b <= '9') {
                digits++;
            }
        }
        // Cheap pre-check: no card number fits in fewer than 12 ASCII digits (escapes and
        // non-ASCII digits are rare enough in headers to be decoded only when digits abound).
        if (digits < 12 && value.length < 12) {
            return value;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (name.equals("traceparent") && TRACEPARENT.matcher(text).matches()) {
            return value;
        }
        return PanMasker.containsCardNumber(text) ? PanMasker.mask(text).getBytes(StandardCharsets.UTF_8) : value;
    }

    static Headers toKafka(MessageHeaders headers) {
        RecordHeaders out = new RecordHeaders();
        for (int i = 0; i < headers.size(); i++) {
            out.add(headers.names[i], headers.values[i]);
        }
        return out;
    }
}

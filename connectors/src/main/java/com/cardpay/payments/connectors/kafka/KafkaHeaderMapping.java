package com.cardpay.payments.connectors.kafka;

import com.cardpay.payments.functions.model.MessageHeaders;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Converts between Kafka headers and the job's {@link MessageHeaders}, keeping order and repeats. */
final class KafkaHeaderMapping {
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
            values[i] = all[i].value() == null ? new byte[0] : all[i].value();
        }
        return new MessageHeaders(names, values);
    }

    static Headers toKafka(MessageHeaders headers) {
        RecordHeaders out = new RecordHeaders();
        for (int i = 0; i < headers.size(); i++) {
            out.add(headers.names[i], headers.values[i]);
        }
        return out;
    }
}

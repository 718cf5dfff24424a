package com.cardpay.payments.integration.testutils;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kafka deserializer (the real one, wrapped) that fails the task the first time it meets one
 * payment, and never again: for tests of recovery. The record that fails is the first whose value
 * contains {@code "payment_id":"<paymentId>"}; after the restart it is read again and goes through.
 *
 * <p>Flink ships a serialized copy of this object to each subtask, and gets a fresh one on every
 * restart, so the "once" cannot live in a field: it lives in a JVM-wide counter per instance (the
 * MiniCluster runs in the test's JVM), which {@link #failures()} reads from the test's own copy.
 */
public final class FailOnceDeserializer<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final byte[] marker;
    private final KafkaRecordDeserializationSchema<T> delegate;

    private FailOnceDeserializer(String paymentId, KafkaRecordDeserializationSchema<T> delegate) {
        this.marker = ("\"payment_id\":\"" + paymentId + "\"").getBytes(StandardCharsets.UTF_8);
        this.delegate = delegate;
        FAILURES.put(id, new AtomicInteger());
    }

    /** {@code delegate}, except that the first record of payment {@code paymentId} fails the task once. */
    public static <T> FailOnceDeserializer<T> failingOnceOn(String paymentId, KafkaRecordDeserializationSchema<T> delegate) {
        return new FailOnceDeserializer<>(paymentId, delegate);
    }

    /** How often this deserializer (any copy of it in this JVM) has failed: 0 or 1. */
    public int failures() {
        return FAILURES.get(id).get();
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        delegate.open(context);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) throws IOException {
        if (record.value() != null && contains(record.value(), marker) && FAILURES.get(id).compareAndSet(0, 1)) {
            throw new IOException("injected failure (testutils.FailOnceDeserializer), on purpose");
        }
        delegate.deserialize(record, out);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return delegate.getProducedType();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

package com.cardpay.payments.functions.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Kafka headers of a source record (for example {@code traceparent}), carried unchanged to every
 * output. Two parallel arrays keep this a Flink-serializable POJO without Kryo.
 */
public final class MessageHeaders {
    public static final MessageHeaders EMPTY = new MessageHeaders(new String[0], new byte[0][]);

    public String[] names;
    public byte[][] values;

    /** For Flink's POJO serializer. */
    public MessageHeaders() {
        this(new String[0], new byte[0][]);
    }

    public MessageHeaders(String[] names, byte[][] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("header names and values differ in length");
        }
        this.names = names;
        this.values = values;
    }

    public int size() {
        return names.length;
    }

    /** The last value of the header, or null. */
    public byte[] lastValue(String name) {
        for (int i = names.length - 1; i >= 0; i--) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    public String lastValueAsString(String name) {
        byte[] value = lastValue(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MessageHeaders other)) {
            return false;
        }
        return Arrays.equals(names, other.names) && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(names), Arrays.deepHashCode(values));
    }

    /** Names only: header values can be anything a producer put there. */
    @Override
    public String toString() {
        return "MessageHeaders" + Arrays.toString(names);
    }
}

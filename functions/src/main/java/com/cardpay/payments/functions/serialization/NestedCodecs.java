package com.cardpay.payments.functions.serialization;

import java.io.IOException;
import java.util.function.IntFunction;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How values nested in a stream record are written, whatever their type: each one behind a presence
 * byte, and arrays as a length (-1 for null) followed by their elements, each behind its own
 * presence byte. So a record with a missing part still round-trips. What one value looks like is its
 * {@link ValueCodec}'s business, kept beside its type.
 */
public final class NestedCodecs {
    private NestedCodecs() {}

    /** A presence byte, then the value if there is one. */
    public static <T> void writeNullable(DataOutputView out, T value, ValueCodec<? super T> codec) throws IOException {
        if (Codec.writePresence(out, value)) {
            codec.write(out, value);
        }
    }

    /** Reads what {@link #writeNullable} wrote. */
    public static <T> T readNullable(DataInputView in, ValueCodec<? extends T> codec) throws IOException {
        return in.readBoolean() ? codec.read(in) : null;
    }

    /** The array's length (-1 for null), then each element as {@link #writeNullable} writes it. */
    public static <T> void writeArray(DataOutputView out, T[] values, ValueCodec<? super T> codec) throws IOException {
        if (Codec.writeLength(out, values)) {
            for (T value : values) {
                writeNullable(out, value, codec);
            }
        }
    }

    /** Reads what {@link #writeArray} wrote. */
    public static <T> T[] readArray(DataInputView in, IntFunction<T[]> newArray, ValueCodec<? extends T> codec)
            throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        T[] values = newArray.apply(length);
        for (int i = 0; i < length; i++) {
            values[i] = readNullable(in, codec);
        }
        return values;
    }
}

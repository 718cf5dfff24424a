package com.cardpay.payments.functions.serialization;

import java.io.IOException;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Null-safe primitives shared by the record serializers and the {@link ValueCodec}s. Strings use
 * Flink's {@link StringValue} encoding (the same as {@code StringSerializer}: no length limit, null
 * allowed). Enums are written as ordinal + 1, with 0 for null: constants may be appended, never
 * reordered or removed.
 */
public final class Codec {
    private Codec() {}

    public static void writeString(DataOutputView out, String value) throws IOException {
        StringValue.writeString(value, out);
    }

    public static String readString(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    public static void writeEnum(DataOutputView out, Enum<?> value) throws IOException {
        out.writeByte(value == null ? 0 : value.ordinal() + 1);
    }

    /** @param constants the enum's {@code values()}, cached by the caller */
    public static <E extends Enum<E>> E readEnum(DataInputView in, E[] constants) throws IOException {
        int code = in.readUnsignedByte();
        return code == 0 ? null : constants[code - 1];
    }

    /** Writes whether a nested value is present; returns true when the caller should write it. */
    static boolean writePresence(DataOutputView out, Object value) throws IOException {
        out.writeBoolean(value != null);
        return value != null;
    }

    /** Writes an array's length, or -1 for null; returns true when the caller should write elements. */
    static boolean writeLength(DataOutputView out, Object[] array) throws IOException {
        out.writeInt(array == null ? -1 : array.length);
        return array != null;
    }

    public static void writeBytes(DataOutputView out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    public static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }

    /** A length (-1 for null), then the values. */
    public static void writeLongs(DataOutputView out, long[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long value : values) {
                out.writeLong(value);
            }
        }
    }

    public static long[] readLongs(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}

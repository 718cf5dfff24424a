package com.cardpay.payments.functions.serialization;

import java.io.IOException;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes and reads one non-null value nested in a stream record. {@link NestedCodecs} adds the null
 * handling and the arrays around it; a {@link RecordSerializer} is one too, so a record nested in
 * another is written by its own serializer.
 */
public interface ValueCodec<T> {
    void write(DataOutputView out, T value) throws IOException;

    T read(DataInputView in) throws IOException;
}

package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.Codec;
import com.cardpay.payments.functions.serialization.ValueCodec;

import java.io.IOException;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How the small values nested in this package's records are written; the serializers put them behind
 * a presence byte ({@link com.cardpay.payments.functions.serialization.NestedCodecs}).
 */
final class ModelCodecs {
    private ModelCodecs() {}

    static final ValueCodec<SourcePosition> SOURCE = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, SourcePosition s) throws IOException {
            Codec.writeString(out, s.topic());
            out.writeInt(s.partition());
            out.writeLong(s.offset());
            out.writeLong(s.timestampMillis());
            out.writeLong(s.partitionWatermarkMillis());
        }

        @Override
        public SourcePosition read(DataInputView in) throws IOException {
            return new SourcePosition(Codec.readString(in), in.readInt(), in.readLong(), in.readLong(), in.readLong());
        }
    };

    /** The number of headers, then each name and value (either may be null). */
    static final ValueCodec<MessageHeaders> HEADERS = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, MessageHeaders h) throws IOException {
            out.writeInt(h.size());
            for (int i = 0; i < h.size(); i++) {
                Codec.writeString(out, h.names[i]);
                Codec.writeBytes(out, h.values[i]);
            }
        }

        @Override
        public MessageHeaders read(DataInputView in) throws IOException {
            int size = in.readInt();
            if (size == 0) {
                return MessageHeaders.EMPTY;
            }
            String[] names = new String[size];
            byte[][] values = new byte[size][];
            for (int i = 0; i < size; i++) {
                names[i] = Codec.readString(in);
                values[i] = Codec.readBytes(in);
            }
            return new MessageHeaders(names, values);
        }
    };
}

package com.cardpay.payments.functions.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HexFormat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.junit.jupiter.api.Test;

/** The nesting layout every record serializer relies on, byte by byte, with a one-byte value codec. */
class NestedCodecsTest {
    private static final ValueCodec<Byte> BYTE = new ValueCodec<>() {
        @Override
        public void write(DataOutputView out, Byte value) throws IOException {
            out.writeByte(value);
        }

        @Override
        public Byte read(DataInputView in) throws IOException {
            return in.readByte();
        }
    };

    @Test
    void aNullableValueIsAPresenceByteThenTheValue() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        NestedCodecs.writeNullable(out, (byte) 7, BYTE);
        NestedCodecs.writeNullable(out, null, BYTE);

        assertThat(hex(out)).isEqualTo("0107" + "00");
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(NestedCodecs.readNullable(in, BYTE)).isEqualTo((byte) 7);
        assertThat(NestedCodecs.readNullable(in, BYTE)).isNull();
        assertThat(in.available()).isZero();
    }

    @Test
    void anArrayIsItsLengthOrMinusOneThenEachElementBehindItsPresenceByte() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(32);
        NestedCodecs.writeArray(out, new Byte[] {5, null}, BYTE);
        NestedCodecs.writeArray(out, new Byte[0], BYTE);
        NestedCodecs.writeArray(out, null, BYTE);

        assertThat(hex(out)).isEqualTo("00000002" + "0105" + "00" + "00000000" + "ffffffff");
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(NestedCodecs.readArray(in, Byte[]::new, BYTE)).containsExactly((byte) 5, null);
        assertThat(NestedCodecs.readArray(in, Byte[]::new, BYTE)).isEmpty();
        assertThat(NestedCodecs.readArray(in, Byte[]::new, BYTE)).isNull();
        assertThat(in.available()).isZero();
    }

    private static String hex(DataOutputSerializer out) {
        return HexFormat.of().formatHex(out.getCopyOfBuffer());
    }
}

package com.cardpay.payments.functions.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** How Flink sees a type, as the job runs it: with generic types (Kryo) disabled. */
public final class FlinkTypes {
    private FlinkTypes() {}

    /** {@code type} is a Flink POJO and none of its fields falls back to a generic (Kryo) type. */
    public static void assertPojoWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getPojoFieldAt(i).getTypeInformation())
                    .as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
    }

    /** {@code value} written and read back by the serializer Flink builds for {@code type}. */
    public static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = serializer(type);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    /** Bytes the serializer Flink builds for {@code type} writes for {@code value}. */
    public static <T> int serializedSize(Class<T> type, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer(type).serialize(value, out);
        return out.length();
    }

    private static <T> TypeSerializer<T> serializer(Class<T> type) {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return TypeInformation.of(type).createSerializer(config);
    }
}

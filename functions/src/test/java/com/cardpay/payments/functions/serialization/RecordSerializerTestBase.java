package com.cardpay.payments.functions.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshotSerializationUtil;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer contract tests (copy, sequences, snapshot and restore, Java serializability,
 * duplicate) for a record serializer, and ours: the record's type resolves to its hand-written
 * serializer (never the reflective POJO or Kryo serializer), its byte layout is pinned, and it
 * restores from its snapshot compatible as is. Records holding arrays are compared field by field.
 */
public abstract class RecordSerializerTestBase<T> extends SerializerTestBase<T> {
    protected RecordSerializerTestBase() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (a, b) -> a instanceof Record && b instanceof Record, (a, b, checker) -> sameFields(a, b)));
    }

    /**
     * The length and SHA-256 (hex) of {@link #getTestData()} written in order, as {@code "<length>
     * <sha256>"}. Savepoints hold these bytes: when this changes, the serializer needs a new snapshot
     * version that still reads the old layout, not a new expected value.
     */
    protected abstract String serializedForm();

    @Override
    protected int getLength() {
        return -1;
    }

    /** Records have no empty instance, so {@code createInstance()} returns null. */
    @Override
    protected boolean allowNullInstances(TypeSerializer<T> serializer) {
        return true;
    }

    @Override
    protected void deepEquals(String message, T should, T is) {
        assertSameFields(message, is, should);
    }

    @Test
    void typeExtractionUsesTheHandWrittenSerializer() throws Exception {
        TypeSerializer<T> expected = createSerializer();
        TypeInformation<T> info = TypeInformation.of(getTypeClass());

        assertThat(info).isInstanceOf(RecordTypeInfo.class).isEqualTo(new RecordTypeInfo<>(getTypeClass(), expected));
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        assertThat(info.createSerializer(config)).isSameAs(expected);
        assertThat(expected.duplicate()).isSameAs(expected);
        assertThat(expected.isImmutableType()).isTrue();
        assertThat(InstantiationUtil.clone(info)).isEqualTo(info);
    }

    @Test
    void theByteLayoutIsPinnedAndRoundTripsEveryField() throws Exception {
        TypeSerializer<T> serializer = createSerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (T value : getTestData()) {
            serializer.serialize(value, out);
        }
        byte[] bytes = out.getCopyOfBuffer();
        assertThat(bytes.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .as("byte layout of " + getTypeClass().getSimpleName()).isEqualTo(serializedForm());

        DataInputDeserializer in = new DataInputDeserializer(bytes);
        for (T value : getTestData()) {
            assertSameFields(getTypeClass().getSimpleName(), serializer.deserialize(in), value);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void snapshotRestoresCompatibleAsIs() throws Exception {
        TypeSerializer<T> serializer = createSerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshotSerializationUtil.writeSerializerSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshotSerializationUtil.readSerializerSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    }

    /** Field by field (records holding arrays have reference equality); NaN equals NaN, as in records. */
    public static <V> void assertSameFields(String message, V actual, V expected) {
        assertThat(actual).as(message).usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class)
                .isEqualTo(expected);
    }

    private static boolean sameFields(Object actual, Object expected) {
        try {
            assertSameFields("", actual, expected);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }
}

package com.cardpay.payments.functions.serialization;

import com.cardpay.payments.functions.model.ModelSamples;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Flink's own serializer contract tests (copy, sequences, snapshot and restore, Java serializability,
 * duplicate) for a record serializer. Records holding arrays are compared field by field.
 */
public abstract class RecordSerializerTestBase<T> extends SerializerTestBase<T> {
    protected RecordSerializerTestBase() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (a, b) -> a instanceof Record && b instanceof Record, (a, b, checker) -> sameFields(a, b)));
    }

    private static boolean sameFields(Object actual, Object expected) {
        try {
            ModelSamples.assertSameFields("", actual, expected);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

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
        ModelSamples.assertSameFields(message, is, should);
    }
}

package com.cardpay.payments.functions.serialization;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the hand-written serializers for immutable Java records: stateless singletons, so
 * {@code duplicate()} returns this, and copying a value returns the value itself. Subclasses only
 * say how to write and read one record; they never use reflection. As a {@link ValueCodec}, a
 * serializer also writes its record where another record nests it.
 *
 * <p>Each subclass lives beside its record, with two small nested classes of its own: a
 * {@code SimpleTypeSerializerSnapshot} (a savepoint records that class's name, and restores the
 * serializer from it, so it cannot be one shared class without changing the snapshot format) and
 * a {@link RecordTypeInfoFactory} for the record's {@code @TypeInfo} (Flink instantiates it by
 * class, so it too is one class per record).
 */
public abstract class RecordSerializer<T> extends TypeSerializerSingleton<T> implements ValueCodec<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    /** Records have no empty instance; Flink never needs one for an immutable type. */
    @Override
    public final T createInstance() {
        return null;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final void write(DataOutputView out, T value) throws IOException {
        serialize(value, out);
    }

    @Override
    public final T read(DataInputView in) throws IOException {
        return deserialize(in);
    }
}

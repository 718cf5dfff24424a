package com.cardpay.payments.functions.serialization;

import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Base of the factories named in a record's {@code @TypeInfo}: makes Flink use the record's
 * hand-written serializer wherever it extracts the record's type. Flink instantiates the factory
 * itself, so a subclass is public with a public no-argument constructor that names the record and
 * its serializer.
 */
public abstract class RecordTypeInfoFactory<T> extends TypeInfoFactory<T> {
    private final RecordTypeInfo<T> info;

    protected RecordTypeInfoFactory(Class<T> type, RecordSerializer<T> serializer) {
        this.info = new RecordTypeInfo<>(type, serializer);
    }

    /** The same (immutable) type information every time: the record's type has no parameters. */
    @Override
    public final TypeInformation<T> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return info;
    }
}

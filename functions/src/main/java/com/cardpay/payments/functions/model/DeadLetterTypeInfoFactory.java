package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.RecordTypeInfo;

import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link DeadLetterSerializer} wherever it extracts {@link DeadLetter} (via {@code @TypeInfo}). */
public final class DeadLetterTypeInfoFactory extends TypeInfoFactory<DeadLetter> {
    @Override
    public TypeInformation<DeadLetter> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new RecordTypeInfo<>(DeadLetter.class, DeadLetterSerializer.INSTANCE);
    }
}

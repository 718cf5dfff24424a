package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.RecordTypeInfo;

import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link IngestOutcomeSerializer} wherever it extracts {@link IngestOutcome} (via {@code @TypeInfo}). */
public final class IngestOutcomeTypeInfoFactory extends TypeInfoFactory<IngestOutcome> {
    @Override
    public TypeInformation<IngestOutcome> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new RecordTypeInfo<>(IngestOutcome.class, IngestOutcomeSerializer.INSTANCE);
    }
}

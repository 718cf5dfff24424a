package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.RecordTypeInfo;

import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link VaultRecordSerializer} wherever it extracts {@link VaultRecord} (via {@code @TypeInfo}). */
public final class VaultRecordTypeInfoFactory extends TypeInfoFactory<VaultRecord> {
    @Override
    public TypeInformation<VaultRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new RecordTypeInfo<>(VaultRecord.class, VaultRecordSerializer.INSTANCE);
    }
}

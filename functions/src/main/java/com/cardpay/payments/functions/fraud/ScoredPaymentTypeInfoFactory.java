package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.serialization.RecordTypeInfo;

import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link ScoredPaymentSerializer} wherever it extracts {@link ScoredPayment} (via {@code @TypeInfo}). */
public final class ScoredPaymentTypeInfoFactory extends TypeInfoFactory<ScoredPayment> {
    @Override
    public TypeInformation<ScoredPayment> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new RecordTypeInfo<>(ScoredPayment.class, ScoredPaymentSerializer.INSTANCE);
    }
}

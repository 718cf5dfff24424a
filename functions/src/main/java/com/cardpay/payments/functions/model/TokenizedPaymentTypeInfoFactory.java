package com.cardpay.payments.functions.model;

import com.cardpay.payments.functions.serialization.RecordTypeInfo;

import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link TokenizedPaymentSerializer} wherever it extracts {@link TokenizedPayment} (via {@code @TypeInfo}). */
public final class TokenizedPaymentTypeInfoFactory extends TypeInfoFactory<TokenizedPayment> {
    @Override
    public TypeInformation<TokenizedPayment> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new RecordTypeInfo<>(TokenizedPayment.class, TokenizedPaymentSerializer.INSTANCE);
    }
}

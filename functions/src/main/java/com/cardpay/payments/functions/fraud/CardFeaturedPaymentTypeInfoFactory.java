package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.serialization.RecordTypeInfo;

import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link CardFeaturedPaymentSerializer} wherever it extracts {@link CardFeaturedPayment} (via {@code @TypeInfo}). */
public final class CardFeaturedPaymentTypeInfoFactory extends TypeInfoFactory<CardFeaturedPayment> {
    @Override
    public TypeInformation<CardFeaturedPayment> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new RecordTypeInfo<>(CardFeaturedPayment.class, CardFeaturedPaymentSerializer.INSTANCE);
    }
}

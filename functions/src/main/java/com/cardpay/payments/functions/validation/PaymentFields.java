package com.cardpay.payments.functions.validation;

import javax.annotation.Nullable;

/**
 * The top-level fields of one {@code payments.raw} record as its reader found them, before any
 * field rule: what {@link PaymentValidator} validates. The JSON itself is read by the raw
 * contract's reader in {@code connectors} ({@code contracts.raw.RawPaymentReader}); here there are
 * only values. Holds a PAN: an implementation never prints its values ({@code toString} included).
 */
@FunctionalInterface
public interface PaymentFields {
    /**
     * The value of {@code field} as the JSON held it: a {@code String}; a whole number as
     * {@code Integer}, {@code Long} or {@code BigInteger}; any other number as another
     * {@code Number}; a {@code Boolean}; an array as a {@code List}; an object as a {@code Map}.
     *
     * @return null when the field is absent or JSON {@code null}
     */
    @Nullable
    Object get(String field);
}

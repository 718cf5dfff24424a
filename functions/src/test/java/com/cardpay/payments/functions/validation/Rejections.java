package com.cardpay.payments.functions.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cardpay.payments.functions.testutils.Payments;

/** Runs the validator on a record that must be refused and checks the common promises. */
final class Rejections {
    private static final PaymentValidator VALIDATOR = new PaymentValidator(Payments.INGEST_CLOCK);

    private Rejections() {}

    static InvalidPaymentException rejectionOf(Payments.RawPayment record) {
        return rejectionOf(record.bytes(), record.key(), record.get("pan"));
    }

    static InvalidPaymentException rejectionOf(byte[] value, byte[] key) {
        return rejectionOf(value, key, Payments.PAN);
    }

    /** Validates, expects a rejection, and checks that its message does not quote the PAN. */
    private static InvalidPaymentException rejectionOf(byte[] value, byte[] key, Object pan) {
        InvalidPaymentException e = catchThrowableOfType(InvalidPaymentException.class, () -> VALIDATOR.validate(value, key));
        assertThat(e).as("the record must be rejected").isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        if (pan instanceof String p && !p.isEmpty()) {
            assertThat(e.getMessage()).doesNotContain(p);
        }
        return e;
    }

    static void assertRejected(Payments.RawPayment record, RejectionCode code, String field) {
        InvalidPaymentException e = rejectionOf(record);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.field()).isEqualTo(field);
    }
}

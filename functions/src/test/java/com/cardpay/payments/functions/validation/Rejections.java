package com.cardpay.payments.functions.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cardpay.payments.functions.testutils.Payments;

/** Runs the validator on a record that must be refused and checks the common promises. */
final class Rejections {
    private static final PaymentValidator VALIDATOR = new PaymentValidator(Payments.INGEST_CLOCK);

    private Rejections() {}

    static InvalidPaymentException rejectionOf(Payments.RawPayment record) {
        return rejectionOf(record, record.key());
    }

    /** Validates, expects a rejection, and checks that its message does not quote the PAN. */
    static InvalidPaymentException rejectionOf(Payments.RawPayment record, byte[] key) {
        InvalidPaymentException e = catchThrowableOfType(InvalidPaymentException.class, () -> VALIDATOR.validate(record, key));
        assertThat(e).as("the record must be rejected").isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        if (record.get("pan") instanceof String p && !p.isEmpty()) {
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

package com.cardpay.payments.connectors.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cardpay.payments.connectors.contracts.RawRecords.Invalid;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code payments.raw} schema against the job's reading of it (the raw contract's reader, then
 * {@code PaymentValidator}'s field rules): what one accepts the other accepts, and every record the
 * job rejects the schema rejects too, except for the rules JSON Schema cannot express, which are
 * listed in {@link RawRecords#onlyValidatorRejects()}.
 */
class RawPaymentContractTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.cardpay.payments.connectors.contracts.RawRecords#valid")
    void validRecordsPassBothTheValidatorAndTheSchema(String name, ObjectNode record) {
        byte[] value = RawRecords.bytes(record);
        byte[] key = RawRecords.key(record.get("merchant_id").textValue());

        assertThatCode(() -> RawRecords.readAndValidate(value, key)).doesNotThrowAnyException();
        assertThat(TopicSchemas.validate(TopicSchemas.RAW, value)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.cardpay.payments.connectors.contracts.RawRecords#schemaRejects")
    void whatTheValidatorRejectsTheSchemaRejects(Invalid record) {
        RejectionCode code = rejectionOf(record);
        var errors = TopicSchemas.validate(TopicSchemas.RAW, record.value());

        assertThat(code).isEqualTo(record.code());
        assertThat(errors).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.cardpay.payments.connectors.contracts.RawRecords#onlyValidatorRejects")
    void rulesBeyondJsonSchemaAreLeftToTheValidator(Invalid record) {
        RejectionCode code = rejectionOf(record);
        var errors = TopicSchemas.validate(TopicSchemas.RAW, record.value());

        assertThat(code).isEqualTo(record.code());
        assertThat(errors)
                .as("the schema now catches this; move the case to RawRecords.schemaRejects()")
                .isEmpty();
    }

    @Test
    void zeroAmountIsRejectedAtAmountMinor() {
        byte[] value = RawRecords.bytes(RawRecords.purchase().put("amount_minor", 0));

        var errors = TopicSchemas.validate(TopicSchemas.RAW, value);

        assertThat(errors).singleElement().asString().startsWith("/amount_minor");
    }

    @Test
    void refundWithoutOriginalPaymentIdIsRejectedForTheMissingField() {
        ObjectNode refund = RawRecords.refund();
        refund.remove("original_payment_id");

        var errors = TopicSchemas.validate(TopicSchemas.RAW, RawRecords.bytes(refund));

        assertThat(errors).singleElement().asString().contains("original_payment_id");
    }

    private RejectionCode rejectionOf(Invalid record) {
        InvalidPaymentException e = catchThrowableOfType(InvalidPaymentException.class,
                () -> RawRecords.readAndValidate(record.value(), record.key()));
        assertThat(e).as("the validator must reject " + record).isNotNull();
        return e.code();
    }
}

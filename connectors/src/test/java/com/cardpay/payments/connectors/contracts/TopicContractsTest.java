package com.cardpay.payments.connectors.contracts;

import static com.cardpay.payments.connectors.contracts.ContractSamples.accept;
import static com.cardpay.payments.connectors.contracts.ContractSamples.deadLetterFor;
import static com.cardpay.payments.connectors.contracts.ContractSamples.edit;
import static com.cardpay.payments.connectors.contracts.ContractSamples.onTheWire;
import static com.cardpay.payments.connectors.contracts.TopicSchemas.DLQ;
import static com.cardpay.payments.connectors.contracts.TopicSchemas.TOKENIZED;
import static com.cardpay.payments.connectors.contracts.TopicSchemas.VAULT;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.connectors.contracts.RawRecords.Invalid;
import com.cardpay.payments.connectors.contracts.dlq.DeadLetterJson;
import com.cardpay.payments.connectors.contracts.dlq.DeadLetterReader;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedJson;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedReader;
import com.cardpay.payments.connectors.contracts.vault.VaultJson;
import com.cardpay.payments.connectors.contracts.vault.VaultReader;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.validation.RejectionCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The output topics' JSON, as their writers ({@link TokenizedJson}, {@link VaultJson},
 * {@link DeadLetterJson}) write it for records that went through the real ingest path (validation,
 * tokenization with the local key provider, de-duplication), against the schemas under
 * {@code schemas/}, and back through their readers ({@link ContractRoundTripTest} has the other
 * topics); and proof that those schemas do reject a wrong record.
 */
class TopicContractsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tokenizedPaymentWithEveryOptionalFieldConforms() throws Exception {
        TokenizedPayment refund = accept(RawRecords.refund()).payment();

        byte[] value = TokenizedJson.write(refund);

        assertThat(fieldNames(value)).contains("card_last4", "ip_country", "device_id", "original_payment_id");
        assertThat(TopicSchemas.validate(TOKENIZED, value)).isEmpty();
    }

    @Test
    void tokenizedPaymentWithoutOptionalFieldsConforms() throws Exception {
        ObjectNode minimal = RawRecords.purchase().put("pan", RawRecords.PAN_13);
        minimal.remove(List.of("ip_country", "device_id"));
        TokenizedPayment purchase = accept(minimal).payment();

        byte[] value = TokenizedJson.write(purchase);

        assertThat(fieldNames(value)).doesNotContain("card_last4", "ip_country", "device_id", "original_payment_id");
        assertThat(TopicSchemas.validate(TOKENIZED, value)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.cardpay.payments.connectors.contracts.RawRecords#valid")
    void everyAcceptedRecordGivesConformingTokenizedAndVaultRecords(String name, ObjectNode record) throws Exception {
        IngestOutcome outcome = accept(record);

        byte[] tokenized = TokenizedJson.write(outcome.payment());
        byte[] vault = VaultJson.write(outcome.vaultRecord());

        assertThat(TopicSchemas.validate(TOKENIZED, tokenized)).isEmpty();
        assertThat(TopicSchemas.validate(VAULT, vault)).isEmpty();
        // and back, through the topics' readers
        assertThat(TokenizedReader.read(tokenized)).isEqualTo(onTheWire(outcome.payment()));
        assertThat(VaultReader.read(vault)).isEqualTo(onTheWire(outcome.vaultRecord()));
    }

    /** Settlement's own codes are checked with their records in SettlementDeadLettersTest. */
    @ParameterizedTest
    @EnumSource(value = RejectionCode.class, names = {"SETTLEMENT_BEYOND_HORIZON", "SETTLEMENT_OVERFLOW"},
            mode = EnumSource.Mode.EXCLUDE)
    void deadLetterOfEveryRejectionCodeConforms(RejectionCode code) throws Exception {
        DeadLetter deadLetter = deadLetterFor(code);

        byte[] value = DeadLetterJson.write(deadLetter);

        assertThat(deadLetter.errorCode()).isEqualTo(code.name());
        assertThat(TopicSchemas.validate(DLQ, value)).isEmpty();
        assertThat(DeadLetterReader.read(value)).as("read back").isEqualTo(onTheWire(deadLetter));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.cardpay.payments.connectors.contracts.ContractSamples#invalidRecords")
    void deadLetterOfEveryInvalidRecordConforms(Invalid record) throws Exception {
        DeadLetter deadLetter = ContractSamples.refuse(record);

        byte[] value = DeadLetterJson.write(deadLetter);

        assertThat(TopicSchemas.validate(DLQ, value)).isEmpty();
        assertThat(DeadLetterReader.read(value)).as("read back").isEqualTo(onTheWire(deadLetter));
    }

    @Test
    void everyRejectionCodeIsInTheDlqSchema() {
        List<String> schemaCodes = new ArrayList<>();
        TopicSchemas.document(DLQ).at("/properties/error_code/enum").forEach(c -> schemaCodes.add(c.textValue()));

        assertThat(schemaCodes)
                .as("payments.dlq.schema.json error_code enum against RejectionCode")
                .containsExactlyInAnyOrderElementsOf(Stream.of(RejectionCode.values()).map(Enum::name).toList());
    }

    @Test
    void tokenizedRecordWithAPanIsRejected() throws Exception {
        byte[] value = edit(TokenizedJson.write(accept(RawRecords.purchase()).payment()),
                r -> r.put("pan", RawRecords.PAN));

        assertThat(TopicSchemas.validate(TOKENIZED, value)).singleElement().asString().contains("pan");
    }

    @Test
    void tokenizedRecordWithoutCardTokenIsRejected() throws Exception {
        byte[] value = edit(TokenizedJson.write(accept(RawRecords.purchase()).payment()), r -> r.remove("card_token"));

        assertThat(TopicSchemas.validate(TOKENIZED, value)).singleElement().asString().contains("card_token");
    }

    @Test
    void tokenizedRecordBreakingFieldRulesIsRejected() throws Exception {
        byte[] valid = TokenizedJson.write(accept(RawRecords.purchase()).payment());

        assertThat(TopicSchemas.validate(TOKENIZED, edit(valid, r -> r.put("schema_version", 2)))).isNotEmpty();
        assertThat(TopicSchemas.validate(TOKENIZED, edit(valid, r -> r.putNull("ip_country")))).isNotEmpty();
        assertThat(TopicSchemas.validate(TOKENIZED, edit(valid, r -> r.put("card_token", RawRecords.PAN)))).isNotEmpty();
        assertThat(TopicSchemas.validate(TOKENIZED, edit(valid, r -> r.put("event_time", "2026-11-24T11:15:30+01:00"))))
                .isNotEmpty();
        assertThat(TopicSchemas.validate(TOKENIZED, edit(valid, r -> r.put("original_payment_id", "pay-0000"))))
                .isNotEmpty();
        assertThat(TopicSchemas.validate(TOKENIZED, edit(valid, r -> ((ObjectNode) r.get("source")).put("timestamp", 0))))
                .isNotEmpty();
    }

    @Test
    void vaultRecordWithAnExtraOrMissingFieldIsRejected() throws Exception {
        byte[] valid = VaultJson.write(accept(RawRecords.purchase()).vaultRecord());

        assertThat(TopicSchemas.validate(VAULT, edit(valid, r -> r.put("expiry", "12/29")))).isNotEmpty();
        assertThat(TopicSchemas.validate(VAULT, edit(valid, r -> r.remove("iv")))).isNotEmpty();
        assertThat(TopicSchemas.validate(VAULT, edit(valid, r -> r.put("algorithm", "AES-128-CBC")))).isNotEmpty();
    }

    @Test
    void deadLetterWithAnUnmaskedPanOrUnknownCodeIsRejected() throws Exception {
        byte[] valid = DeadLetterJson.write(deadLetterFor(RejectionCode.BAD_AMOUNT));

        assertThat(TopicSchemas.validate(DLQ, edit(valid, r -> r.put("masked_payload", "{\"pan\":\"4111 1111 1111 1111\"}"))))
                .isNotEmpty();
        assertThat(TopicSchemas.validate(DLQ, edit(valid, r -> r.put("masked_key", RawRecords.PAN)))).isNotEmpty();
        assertThat(TopicSchemas.validate(DLQ, edit(valid, r -> r.put("error_code", "BAD_MOOD")))).isNotEmpty();
        assertThat(TopicSchemas.validate(DLQ, edit(valid, r -> r.remove("source")))).isNotEmpty();
    }

    private static List<String> fieldNames(byte[] value) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(value).fieldNames().forEachRemaining(names::add);
        return names;
    }
}

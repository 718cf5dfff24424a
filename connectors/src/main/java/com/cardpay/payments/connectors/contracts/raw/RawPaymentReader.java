package com.cardpay.payments.connectors.contracts.raw;

import static com.cardpay.payments.functions.validation.RejectionCode.INVALID_JSON;
import static com.cardpay.payments.functions.validation.RejectionCode.TOO_LARGE;

import com.cardpay.payments.connectors.contracts.ContractJson;
import com.cardpay.payments.functions.validation.InvalidPaymentException;
import com.cardpay.payments.functions.validation.PaymentFields;
import com.cardpay.payments.functions.validation.PaymentReader;
import com.cardpay.payments.functions.validation.PaymentValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code payments.raw} value into its fields: at most 64 KiB, UTF-8 only, exactly one JSON
 * object, parsed strictly ({@link ContractJson#STRICT}: a duplicate field name or trailing data
 * makes a payment ambiguous, and no source snippet reaches a message). The fields' rules are
 * {@link PaymentValidator}'s. Runs inside the source's deserializer, the one place a PAN exists: the
 * fields it returns never print their values, and its messages never quote the record.
 */
public final class RawPaymentReader implements PaymentReader {

    @Override
    public PaymentFields read(byte[] value) throws InvalidPaymentException {
        if (value.length > PaymentValidator.MAX_RECORD_BYTES) {
            throw new InvalidPaymentException(
                    TOO_LARGE, null, "record is " + value.length + " bytes; the limit is " + PaymentValidator.MAX_RECORD_BYTES);
        }
        requireUtf8(value);
        return new JsonPaymentFields(parse(value));
    }

    /**
     * The contract's only encoding is UTF-8. Jackson would also read UTF-16 and UTF-32 (it guesses
     * from the first bytes), and such a record's digits, between NULs, would slip past checks made
     * on UTF-8 text. NUL is refused too: JSON never needs it raw.
     */
    private static void requireUtf8(byte[] value) throws InvalidPaymentException {
        boolean ascii = true;
        for (byte b : value) {
            if (b == 0) {
                throw new InvalidPaymentException(INVALID_JSON, null, "value is not UTF-8 text (it holds NUL bytes: UTF-16 or UTF-32?)");
            }
            ascii &= b > 0;
        }
        if (ascii) {
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new InvalidPaymentException(INVALID_JSON, null, "value is not valid UTF-8, the contract's only encoding");
        }
    }

    private static JsonNode parse(byte[] value) throws InvalidPaymentException {
        JsonNode root;
        try {
            root = ContractJson.STRICT.readTree(value);
        } catch (JsonProcessingException e) {
            // Location only: Jackson's own message can quote the offending token.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new InvalidPaymentException(INVALID_JSON, null, "value is not valid JSON" + where);
        } catch (IOException e) {
            throw new InvalidPaymentException(INVALID_JSON, null, "value is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPaymentException(INVALID_JSON, null, "value must be one JSON object");
        }
        return root;
    }

    /** The fields of the parsed object, as {@link PaymentFields} promises them. Holds a PAN: prints no value. */
    private static final class JsonPaymentFields implements PaymentFields {
        private final JsonNode root;

        JsonPaymentFields(JsonNode root) {
            this.root = root;
        }

        @Override
        public Object get(String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isTextual()) {
                return node.textValue();
            }
            if (node.isNumber()) {
                return node.numberValue(); // Integer, Long, BigInteger; Double for a fraction or exponent
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return ContractJson.STRICT.convertValue(node, Object.class); // an array or object: List or Map
        }

        @Override
        public String toString() {
            return "payments.raw fields (values not shown)";
        }
    }
}

package com.cardpay.payments.connectors.contracts;

import com.cardpay.payments.functions.model.SourcePosition;
import com.fasterxml.jackson.databind.JsonNode;

import javax.annotation.Nullable;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object of a topic record, read field by field by the topic's reader: each getter checks
 * that the field is there and of its JSON type, or throws {@link UnreadableRecordException} naming
 * the topic and the field (never the value). Unknown fields are ignored, as the contracts ask of
 * every consumer.
 */
public final class JsonRecord {
    /** A source position read back from a topic has no record timestamp: the contract does not carry it. */
    public static final long NO_TIMESTAMP = -1L;

    private final String topic;
    private final String path;
    private final JsonNode node;

    private JsonRecord(String topic, String path, JsonNode node) {
        this.topic = topic;
        this.path = path;
        this.node = node;
    }

    /**
     * The record value as one JSON object of {@code topic}'s contract, parsed as strictly as the
     * job reads its input ({@link ContractJson#STRICT}), whose {@code schema_version} is the one
     * this reader knows: another version is another contract.
     */
    public static JsonRecord read(String topic, byte[] value, int schemaVersion) throws UnreadableRecordException {
        return read(topic, value, schemaVersion, schemaVersion);
    }

    /**
     * As {@link #read(String, byte[], int)}, for a contract whose later versions only added
     * optional fields: any {@code schema_version} from {@code oldest} to {@code newest} is read.
     */
    public static JsonRecord read(String topic, byte[] value, int oldest, int newest) throws UnreadableRecordException {
        JsonNode root;
        try {
            root = value == null ? null : ContractJson.STRICT.readTree(value);
        } catch (IOException e) {
            root = null; // the parser's message could quote the record: not passed on
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableRecordException(topic + ": the value is not one JSON object");
        }
        JsonRecord record = new JsonRecord(topic, "", root);
        long version = record.integer("schema_version");
        if (version < oldest || version > newest) {
            throw record.problem("schema_version", oldest == newest ? "is not " + newest + ", the version this reader knows"
                    : "is not one of " + oldest + " to " + newest + ", the versions this reader knows");
        }
        return record;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public String text(String field) throws UnreadableRecordException {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw problem(field, "must be a JSON string");
        }
        return v.textValue();
    }

    @Nullable
    public String optionalText(String field) throws UnreadableRecordException {
        return has(field) ? text(field) : null;
    }

    /** A JSON integer within a {@code long}. */
    public long integer(String field) throws UnreadableRecordException {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw problem(field, "must be a JSON integer within 64 bits");
        }
        return v.longValue();
    }

    /** A JSON integer within an {@code int}. */
    public int smallInteger(String field) throws UnreadableRecordException {
        long value = integer(field);
        if (value != (int) value) {
            throw problem(field, "must be a JSON integer within 32 bits");
        }
        return (int) value;
    }

    public double number(String field) throws UnreadableRecordException {
        JsonNode v = required(field);
        if (!v.isNumber()) {
            throw problem(field, "must be a JSON number");
        }
        return v.doubleValue();
    }

    public boolean bool(String field) throws UnreadableRecordException {
        JsonNode v = required(field);
        if (!v.isBoolean()) {
            throw problem(field, "must be true or false");
        }
        return v.booleanValue();
    }

    /** An ISO-8601 instant, in epoch milliseconds. */
    public long instant(String field) throws UnreadableRecordException {
        String text = text(field);
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw problem(field, "must be an ISO-8601 instant");
        }
    }

    /** One of {@code type}'s constants, by name. */
    public <E extends Enum<E>> E enumValue(String field, Class<E> type) throws UnreadableRecordException {
        String text = text(field);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw problem(field, "is not one of the contract's values");
    }

    public JsonRecord object(String field) throws UnreadableRecordException {
        JsonNode v = required(field);
        if (!v.isObject()) {
            throw problem(field, "must be a JSON object");
        }
        return new JsonRecord(topic, path + field + ".", v);
    }

    @Nullable
    public JsonRecord optionalObject(String field) throws UnreadableRecordException {
        return has(field) ? object(field) : null;
    }

    /** An array of JSON objects. */
    public List<JsonRecord> objects(String field) throws UnreadableRecordException {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw problem(field, "must be a JSON array");
        }
        List<JsonRecord> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw problem(field + "[" + i + "]", "must be a JSON object");
            }
            out.add(new JsonRecord(topic, path + field + "[" + i + "].", v.get(i)));
        }
        return out;
    }

    /** The {@code source} object: topic, partition and offset of the original record. */
    public SourcePosition source() throws UnreadableRecordException {
        JsonRecord s = object("source");
        return new SourcePosition(s.text("topic"), s.smallInteger("partition"), s.integer("offset"), NO_TIMESTAMP);
    }

    @Nullable
    public SourcePosition optionalSource() throws UnreadableRecordException {
        return has("source") ? source() : null;
    }

    /** A violation of the contract at {@code field}, for rules between fields that the reader checks. */
    public UnreadableRecordException problem(String field, String what) {
        return new UnreadableRecordException(topic + ": " + path + field + " " + what);
    }

    private JsonNode required(String field) throws UnreadableRecordException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw problem(field, "is missing");
        }
        return v;
    }
}

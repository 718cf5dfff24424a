package com.cardpay.payments.connectors.contracts;

import com.cardpay.payments.functions.model.SourcePosition;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import javax.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What every topic contract's JSON shares: the writers write field by field, in the order and names
 * of the schemas under {@code schemas/} (explicit on purpose: these are contracts with downstream
 * teams, and a renamed Java field must not rename a JSON field; nulls are left out), and the
 * readers parse strictly (see {@link #STRICT}). Each topic's own fields are in its package,
 * {@code contracts.<topic>}.
 */
public final class ContractJson {
    /**
     * Strict on purpose: duplicate field names or trailing data make a record ambiguous, and source
     * snippets in parser messages could carry a PAN into a dead letter or a log.
     */
    public static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build();

    private static final JsonFactory FACTORY = new JsonFactory();

    private ContractJson() {}

    /** Writes the fields of one JSON object. */
    public interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** One JSON object, written by {@code fields}, as UTF-8 bytes. */
    public static byte[] write(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("JSON encoding to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** A string field, left out when null. */
    public static void optional(JsonGenerator g, String field, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** The {@code source} object: where the original record is (its timestamp is not part of it). */
    public static void source(JsonGenerator g, SourcePosition s) throws IOException {
        g.writeObjectFieldStart("source");
        g.writeStringField("topic", s.topic());
        g.writeNumberField("partition", s.partition());
        g.writeNumberField("offset", s.offset());
        g.writeEndObject();
    }
}

package com.cardpay.payments.connectors.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema files as documents for downstream teams: valid draft 2020-12, identified, every
 * property described, and unknown fields allowed on input but caught on output.
 */
class SchemaDocumentsTest {
    static final List<String> CONTRACTS = TopicSchemas.ALL;
    static final List<String> OUTPUTS = List.of(TopicSchemas.TOKENIZED, TopicSchemas.VAULT, TopicSchemas.DLQ);

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void schemaIsValidDraft202012(String contract) {
        JsonNode document = TopicSchemas.document(contract);

        var errors = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")).validate(document);

        assertThat(document.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void schemaHasIdTitleAndDescription(String contract) {
        JsonNode document = TopicSchemas.document(contract);

        assertThat(document.path("$id").asText()).endsWith("/" + contract + ".schema.json");
        assertThat(document.path("title").asText()).isEqualTo(contract);
        assertThat(document.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void everyPropertyIsDescribed(String contract) {
        List<String> undescribed = new ArrayList<>();

        collectUndescribed(TopicSchemas.document(contract), "", undescribed);

        assertThat(undescribed).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OUTPUTS")
    void outputSchemasForbidUnknownFieldsAtEveryLevel(String contract) {
        List<String> open = new ArrayList<>();

        collectOpenObjects(TopicSchemas.document(contract), "", open);

        assertThat(open).isEmpty();
        assertThat(TopicSchemas.document(contract).path("description").asText())
                .contains("Consumers must ignore fields they do not know");
    }

    @Test
    void rawSchemaAllowsUnknownFields() {
        JsonNode raw = TopicSchemas.document(TopicSchemas.RAW);

        assertThat(raw.path("additionalProperties").asBoolean(false)).isTrue();
    }

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void examplesMatchTheirProperty(String contract) {
        JsonNode properties = TopicSchemas.document(contract).path("properties");

        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            for (JsonNode example : property.getValue().path("examples")) {
                assertThat(FACTORY.getSchema(property.getValue()).validate(example))
                        .as("example %s of %s", example, property.getKey())
                        .isEmpty();
            }
        }
    }

    private static void collectUndescribed(JsonNode schema, String path, List<String> out) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String where = path + "/" + property.getKey();
            if (property.getValue().path("description").asText().isBlank()) {
                out.add(where);
            }
            collectUndescribed(property.getValue(), where, out);
        }
    }

    private static void collectOpenObjects(JsonNode schema, String path, List<String> out) {
        if (schema.has("properties") && !schema.path("additionalProperties").isBoolean()
                || schema.path("additionalProperties").asBoolean(false)) {
            out.add(path.isEmpty() ? "/" : path);
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            collectOpenObjects(property.getValue(), path + "/" + property.getKey(), out);
        }
    }
}

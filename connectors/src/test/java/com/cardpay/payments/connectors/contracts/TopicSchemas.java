package com.cardpay.payments.connectors.contracts;

import com.cardpay.payments.connectors.contracts.dlq.DlqTopic;
import com.cardpay.payments.connectors.contracts.raw.RawTopic;
import com.cardpay.payments.connectors.contracts.rules.RuleStatusTopic;
import com.cardpay.payments.connectors.contracts.scored.ScoredTopic;
import com.cardpay.payments.connectors.contracts.settlements.SettlementsTopic;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedTopic;
import com.cardpay.payments.connectors.contracts.vault.VaultTopic;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The topic contracts' JSON Schemas, as their contract classes ({@code contracts.<topic>}) name
 * them ({@code schemas/<contract>.schema.json} on the classpath), for tests:
 * {@code assertThat(TopicSchemas.validate(TopicSchemas.TOKENIZED, value)).isEmpty()}. Also used by
 * integration tests in other modules (through this module's test-jar) to check real topic output.
 *
 * <p>Checks JSON Schema draft 2020-12 with {@code format} asserted (date-time is checked, not just
 * annotated) and {@code pattern} read as ECMA-262 says: {@code $} is the end of the string. The
 * JDK's {@code $} would also match before a final line break and let {@code "1234\n"} pass
 * {@code ^[0-9]{4}$}. Values are parsed as strictly as the contracts' readers parse them (the same
 * parser): duplicate field names and trailing content are errors. Thread-safe.
 */
public final class TopicSchemas {
    public static final String RAW = RawTopic.NAME;
    public static final String TOKENIZED = TokenizedTopic.NAME;
    public static final String VAULT = VaultTopic.NAME;
    public static final String DLQ = DlqTopic.NAME;
    public static final String SCORED = ScoredTopic.NAME;
    public static final String RULE_STATUS = RuleStatusTopic.NAME;
    public static final String SETTLEMENTS = SettlementsTopic.NAME;
    public static final List<String> ALL = List.of(RAW, TOKENIZED, VAULT, DLQ, SCORED, RULE_STATUS, SETTLEMENTS);
    /** Each contract's schema, where its contract class ({@code contracts.<topic>}) says it is. */
    private static final Map<String, String> RESOURCES = Map.of(RAW, RawTopic.SCHEMA, TOKENIZED, TokenizedTopic.SCHEMA,
            VAULT, VaultTopic.SCHEMA, DLQ, DlqTopic.SCHEMA, SCORED, ScoredTopic.SCHEMA, RULE_STATUS, RuleStatusTopic.SCHEMA,
            SETTLEMENTS, SettlementsTopic.SCHEMA);

    /** The parser the contracts' readers use. */
    private static final ObjectMapper STRICT = ContractJson.STRICT;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .regularExpressionFactory(TopicSchemas::ecmaDollar)
                    .build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private TopicSchemas() {}

    /**
     * The contract violations of one record value, each naming the JSON location and the rule;
     * empty if the value conforms. Messages name rules, not values, so a PAN does not leak.
     *
     * @param contract one of {@link #ALL}, for example {@link #TOKENIZED}
     */
    public static List<String> validate(String contract, byte[] value) {
        JsonNode json;
        try {
            json = STRICT.readTree(value);
        } catch (JsonProcessingException e) {
            return List.of("value is not one well-formed JSON value: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (json == null || json.isMissingNode()) {
            return List.of("value is empty");
        }
        return schema(contract).validate(json).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The schema document itself, for tests that read its keywords. */
    public static JsonNode document(String contract) {
        try (InputStream in = TopicSchemas.class.getClassLoader().getResourceAsStream(resource(contract))) {
            if (in == null) {
                throw new IllegalArgumentException("no schema on the classpath at " + resource(contract));
            }
            return STRICT.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema(String contract) {
        return SCHEMAS.computeIfAbsent(contract, c -> {
            document(c); // fails clearly on a missing file
            return FACTORY.getSchema(SchemaLocation.of("classpath:" + resource(c)), CONFIG);
        });
    }

    private static String resource(String contract) {
        return RESOURCES.getOrDefault(contract, "schemas/" + contract + ".schema.json");
    }

    /**
     * A JDK pattern with ECMA-262's {@code $}: every {@code $} outside a character class becomes
     * {@code \z}. Enough for the patterns of these schemas, which use no nested classes.
     */
    static RegularExpression ecmaDollar(String ecmaRegex) {
        StringBuilder java = new StringBuilder(ecmaRegex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < ecmaRegex.length(); i++) {
            char c = ecmaRegex.charAt(i);
            if (c == '\\' && i + 1 < ecmaRegex.length()) {
                java.append(c).append(ecmaRegex.charAt(++i));
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            }
            java.append(c == '$' && !inClass ? "\\z" : String.valueOf(c));
        }
        Pattern pattern = Pattern.compile(java.toString());
        return value -> pattern.matcher(value).find();
    }
}

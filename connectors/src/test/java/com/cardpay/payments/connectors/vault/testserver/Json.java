package com.cardpay.payments.connectors.vault.testserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Request bodies as Vault reads them: a JSON object (or nothing), and its fields. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseBody(byte[] body) throws VaultError {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            Object parsed = MAPPER.readValue(text, Object.class);
            if (!(parsed instanceof Map)) {
                throw new VaultError(400, "failed to parse JSON input: body is not a JSON object");
            }
            return (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            throw new VaultError(400, "failed to parse JSON input: " + e.getOriginalMessage());
        }
    }

    static String stringField(Map<String, Object> body, String name) {
        Object v = body.get(name);
        return v == null ? "" : v.toString();
    }

    static int intField(Map<String, Object> body, String name, int dflt) throws VaultError {
        Object v = body.get(name);
        if (v == null || v.toString().isEmpty()) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString());
        } catch (NumberFormatException e) {
            throw new VaultError(400, "error converting input " + v + " for field \"" + name + "\"");
        }
    }
}

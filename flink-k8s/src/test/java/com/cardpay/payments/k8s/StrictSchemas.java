package com.cardpay.payments.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The upstream schemas in flink-k8s/schemas/, turned into JSON Schema (draft 4) that fails what
 * {@code kubectl apply --validate=strict} fails:
 * <ul>
 *   <li>an object with {@code properties} gets {@code additionalProperties: false} (an unknown field
 *       fails), and so does a CRD object with neither properties nor additionalProperties (the API
 *       server would prune every field of it), except where {@code x-kubernetes-preserve-unknown-fields}
 *       is set (flinkConfiguration, for one);</li>
 *   <li>{@code x-kubernetes-int-or-string} (CRDs) and {@code format: int-or-string} (the core
 *       IntOrString type) accept an integer or a string, nothing else; a core {@code Quantity}
 *       accepts a string or a number, as the API server's decoder does;</li>
 *   <li>{@code nullable: true} accepts null;</li>
 *   <li>a custom resource's {@code metadata} is the core ObjectMeta, strictly.</li>
 * </ul>
 * Not evaluated: CEL rules ({@code x-kubernetes-validations}), formats, and what only admission or
 * the operator's own validation checks.
 */
final class StrictSchemas {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private static StrictSchemas instance;

    /** "group/version/Kind" (core: "v1/Kind") to the schema document that validates it. */
    private final Map<String, ObjectNode> schemaByGvk = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new HashMap<>();
    private final ObjectNode coreDefinitions;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();

    static synchronized StrictSchemas get() {
        if (instance == null) {
            instance = new StrictSchemas(Manifests.root().resolve("schemas"));
        }
        return instance;
    }

    private StrictSchemas(Path dir) {
        try {
            JsonNode swagger = JSON.readTree(dir.resolve("kubernetes-v1.34.0/swagger.json").toFile());
            coreDefinitions = (ObjectNode) swagger.get("definitions").deepCopy();
            Iterator<Map.Entry<String, JsonNode>> defs = coreDefinitions.fields();
            List<String> names = new ArrayList<>();
            defs.forEachRemaining(e -> names.add(e.getKey()));
            for (String name : names) {
                JsonNode def = coreDefinitions.get(name);
                for (JsonNode gvk : def.path("x-kubernetes-group-version-kind")) {
                    String group = gvk.path("group").asText();
                    String key = (group.isEmpty() ? "" : group + "/") + gvk.path("version").asText() + "/" + gvk.path("kind").asText();
                    ObjectNode root = F.objectNode();
                    root.set("definitions", coreDefinitions);
                    root.set("allOf", F.arrayNode().add(F.objectNode().put("$ref", "#/definitions/" + name)));
                    schemaByGvk.putIfAbsent(key, root);
                }
                coreDefinitions.set(name, strictCore(def));
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                    for (Manifests.Doc doc : Manifests.parse(dir.relativize(file).toString(), Manifests.read(file))) {
                        if (doc.kind().equals("CustomResourceDefinition")) {
                            addCrd(doc.node());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addCrd(JsonNode crd) {
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            String apiVersion = group + "/" + version.path("name").asText();
            ObjectNode schema = strictCrd(version.path("schema").path("openAPIV3Schema").deepCopy());
            ObjectNode props = schema.with("properties");
            props.set("apiVersion", F.objectNode().put("type", "string").set("enum", F.arrayNode().add(apiVersion)));
            props.set("kind", F.objectNode().put("type", "string").set("enum", F.arrayNode().add(kind)));
            props.set("metadata", F.objectNode().put("$ref", "#/definitions/" + OBJECT_META));
            schema.set("definitions", coreDefinitions);
            schemaByGvk.put(apiVersion + "/" + kind, schema);
        }
    }

    /** The kinds that have a schema, as "apiVersion/Kind". */
    Set<String> kinds() {
        return new TreeSet<>(schemaByGvk.keySet());
    }

    /** Problems of one manifest against its schema, strictly; empty when it is valid. */
    List<String> validate(Manifests.Doc doc) {
        String key = doc.apiVersion() + "/" + doc.kind();
        JsonSchema schema;
        synchronized (this) {
            schema = compiled.get(key);
            if (schema == null) {
                ObjectNode node = schemaByGvk.get(key);
                if (node == null) {
                    return List.of(doc.label() + ": no schema for apiVersion " + doc.apiVersion() + " kind " + doc.kind()
                            + " in flink-k8s/schemas/ (copy its CRD there from the shared set, see schemas/README.md)");
                }
                schema = factory.getSchema(node, config);
                compiled.put(key, schema);
            }
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(doc.node())) {
            problems.add(doc.label() + ": " + m.getMessage());
        }
        return problems;
    }

    // ---- CRD schemas (OpenAPI v3, structural) -------------------------------------------------

    private static ObjectNode strictCrd(JsonNode in) {
        ObjectNode s = (ObjectNode) in;
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (s.path("x-kubernetes-int-or-string").asBoolean(false) || s.path("format").asText("").equals("int-or-string")) {
            s.remove("type");
            s.remove("anyOf");
            s.set("anyOf", F.arrayNode().add(F.objectNode().put("type", "integer")).add(F.objectNode().put("type", "string")));
        }
        if (s.path("nullable").asBoolean(false) && s.path("type").isTextual()) {
            s.set("type", F.arrayNode().add(s.path("type").asText()).add("null"));
        }
        if (s.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            ObjectNode props = s.with("properties");
            if (!props.has("apiVersion")) {
                props.set("apiVersion", F.objectNode().put("type", "string"));
            }
            if (!props.has("kind")) {
                props.set("kind", F.objectNode().put("type", "string"));
            }
            if (!props.has("metadata")) {
                props.set("metadata", F.objectNode().put("$ref", "#/definitions/" + OBJECT_META));
            }
        }
        strip(s);
        if (s.has("properties")) {
            Iterator<Map.Entry<String, JsonNode>> it = s.get("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(strictCrd(e.getValue()));
            }
        }
        if (s.has("items") && s.get("items").isObject()) {
            s.set("items", strictCrd(s.get("items")));
        }
        if (s.has("additionalProperties") && s.get("additionalProperties").isObject()) {
            s.set("additionalProperties", strictCrd(s.get("additionalProperties")));
        }
        // A combinator branch of a structural schema only constrains the fields the enclosing
        // object declares ("one of certificate or pattern"): it declares no field set of its own,
        // so it is not closed, or every valid value would fail it (Strimzi's trustedCertificates).
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            if (s.has(combinator)) {
                ArrayNode arr = (ArrayNode) s.get(combinator);
                for (int i = 0; i < arr.size(); i++) {
                    arr.set(i, strictBranch(arr.get(i)));
                }
            }
        }
        if (s.has("not")) {
            s.set("not", strictBranch(s.get("not")));
        }
        boolean isObject = s.path("type").asText("").equals("object") || s.has("properties");
        if (isObject && !preserve && !s.has("additionalProperties")) {
            s.put("additionalProperties", false);
        }
        return s;
    }

    /** {@link #strictCrd} for a combinator branch: its own level stays open (see above). */
    private static JsonNode strictBranch(JsonNode branch) {
        boolean closedUpstream = branch.has("additionalProperties");
        JsonNode strict = strictCrd(branch);
        if (!closedUpstream && strict instanceof ObjectNode o) {
            o.remove("additionalProperties");
        }
        return strict;
    }

    // ---- Kubernetes core definitions (OpenAPI v2) ---------------------------------------------

    private static ObjectNode strictCore(JsonNode in) {
        ObjectNode s = (ObjectNode) in;
        String format = s.path("format").asText("");
        if (format.equals("int-or-string")) {
            ObjectNode replaced = F.objectNode();
            replaced.set("anyOf", F.arrayNode().add(F.objectNode().put("type", "integer")).add(F.objectNode().put("type", "string")));
            return replaced;
        }
        if (format.equals("quantity")) {
            // The API server's Quantity decoder takes a JSON number as well as a string (cpu: 1).
            ObjectNode replaced = F.objectNode();
            replaced.set("anyOf", F.arrayNode().add(F.objectNode().put("type", "string")).add(F.objectNode().put("type", "number")));
            return replaced;
        }
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        strip(s);
        if (s.has("properties")) {
            Iterator<Map.Entry<String, JsonNode>> it = s.get("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(strictCore(e.getValue()));
            }
        }
        if (s.has("items") && s.get("items").isObject()) {
            s.set("items", strictCore(s.get("items")));
        }
        if (s.has("additionalProperties") && s.get("additionalProperties").isObject()) {
            s.set("additionalProperties", strictCore(s.get("additionalProperties")));
        }
        if (s.has("properties") && !preserve && !s.has("additionalProperties")) {
            s.put("additionalProperties", false);
        }
        return s;
    }

    /** Keywords that draft 4 does not know or that kubectl's validation does not apply. */
    private static void strip(ObjectNode s) {
        s.remove("description");
        s.remove("format");
        s.remove("nullable");
        List<String> ext = new ArrayList<>();
        s.fieldNames().forEachRemaining(n -> {
            if (n.startsWith("x-")) {
                ext.add(n);
            }
        });
        ext.forEach(s::remove);
    }
}

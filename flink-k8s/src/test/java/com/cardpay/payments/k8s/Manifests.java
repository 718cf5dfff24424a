package com.cardpay.payments.k8s;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Finding and reading the manifests under flink-k8s/. */
final class Manifests {
    /** Folders under flink-k8s/ that hold no manifests: the build, the tests, the schemas, tools. */
    static final Set<String> NOT_MANIFEST_DIRS = Set.of("target", "src", "schemas", ".tools", "node_modules");

    /** Kinds that are kustomize's own input, not Kubernetes objects: checked by rendering them. */
    static final Set<String> KUSTOMIZE_KINDS = Set.of("Kustomization", "Component");

    static final YAMLMapper YAML = YAMLMapper.builder()
            // kubectl's strict decoding refuses a field given twice; so do we.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Manifests() {}

    /** One YAML document, with where it came from. */
    record Doc(String source, JsonNode node) {
        String apiVersion() {
            return node.path("apiVersion").asText("");
        }

        String kind() {
            return node.path("kind").asText("");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        String label() {
            return source + " " + kind() + "/" + name();
        }

        Doc copy() {
            return new Doc(source, node.deepCopy());
        }

        ObjectNode object() {
            return (ObjectNode) node;
        }
    }

    /** flink-k8s/, the module's own folder (Maven runs the tests there). */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p : List.of(here, here.resolve("flink-k8s"))) {
            if (Files.isRegularFile(p.resolve("base/kustomization.yaml")) && Files.isDirectory(p.resolve("schemas"))) {
                return p;
            }
        }
        throw new IllegalStateException("flink-k8s/ not found from " + here + " (run the tests with Maven from the repository)");
    }

    /** Every YAML file under flink-k8s/, recursively, except the folders that hold no manifests. */
    static List<Path> yamlFiles() {
        Path root = root();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .filter(p -> {
                        Path rel = root.relativize(p);
                        for (int i = 0; i < rel.getNameCount() - 1; i++) {
                            if (NOT_MANIFEST_DIRS.contains(rel.getName(i).toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folders that hold a kustomization (base, overlays, examples), each to be rendered. */
    static List<Path> kustomizationDirs() {
        return yamlFiles().stream()
                .filter(p -> p.getFileName().toString().matches("kustomization\\.ya?ml"))
                .map(Path::getParent)
                .toList();
    }

    /** Every document of every YAML file (a file that does not parse is a failure, not skipped). */
    static List<Doc> allDocuments() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : yamlFiles()) {
            docs.addAll(parse(root().relativize(file).toString(), read(file)));
        }
        return docs;
    }

    /**
     * The standalone manifests: every document with apiVersion and kind, other than kustomize's own
     * (JSON patches are lists without them, and are checked through the overlays that apply them).
     */
    static List<Doc> standaloneManifests() {
        return allDocuments().stream()
                .filter(d -> d.node().isObject() && d.node().hasNonNull("apiVersion") && d.node().hasNonNull("kind"))
                .filter(d -> !KUSTOMIZE_KINDS.contains(d.kind()))
                .toList();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Doc> parse(String source, String yaml) {
        List<Doc> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int i = 0;
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                i++;
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    docs.add(new Doc(source + "#" + i, node));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }
}

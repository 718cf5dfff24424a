package com.cardpay.payments.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * (d) Each check fails when it should: one error of each kind is planted in a copy of the rendered
 * prod overlay (the copy is valid before, as the other tests show), and the same checks that pass
 * the real manifests must report it.
 */
class PlantedErrorsTest {

    private static List<Manifests.Doc> prod() {
        List<Manifests.Doc> docs = Renders.copyOf("overlays/prod");
        assertThat(ManifestChecks.schema(docs)).isEmpty();
        assertThat(ManifestChecks.flinkKeys(docs)).isEmpty();
        assertThat(ManifestChecks.jobConfig(docs)).isEmpty();
        return docs;
    }

    private static Manifests.Doc kind(List<Manifests.Doc> docs, String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static List<String> schemaProblemsAfter(String kind, Consumer<ObjectNode> plant) {
        List<Manifests.Doc> docs = prod();
        plant.accept(kind(docs, kind).object());
        return ManifestChecks.schema(docs);
    }

    private static ObjectNode at(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    // ---- unknown fields -------------------------------------------------------------------

    @Test
    void anUnknownFieldInTheFlinkDeploymentFails() {
        assertThat(schemaProblemsAfter("FlinkDeployment", d -> at(d, "/spec/taskManager").put("replica", 3)))
                .anySatisfy(p -> assertThat(p).contains("replica").contains("FlinkDeployment/payments-job"));
    }

    @Test
    void anUnknownFieldDeepInThePodTemplateFails() {
        assertThat(schemaProblemsAfter("FlinkDeployment", d -> {
            ObjectNode container = (ObjectNode) d.at("/spec/podTemplate/spec/containers/0");
            container.set("volumeMount", container.get("volumeMounts"));
        })).anySatisfy(p -> assertThat(p).contains("volumeMount"));
    }

    @Test
    void aMisspeltMetadataFieldOfACustomResourceFails() {
        assertThat(schemaProblemsAfter("FlinkDeployment", d -> at(d, "/metadata").putObject("lables").put("a", "b")))
                .anySatisfy(p -> assertThat(p).contains("lables"));
    }

    @Test
    void anUnknownFieldInACoreKindFails() {
        assertThat(schemaProblemsAfter("NetworkPolicy", d -> ((ObjectNode) d.at("/spec/egress/0")).set("too", d.at("/spec/egress/0/to"))))
                .anySatisfy(p -> assertThat(p).contains("too"));
        assertThat(schemaProblemsAfter("PodDisruptionBudget", d -> at(d, "/spec").put("maxUnavailble", 1)))
                .anySatisfy(p -> assertThat(p).contains("maxUnavailble"));
    }

    // ---- wrong types -----------------------------------------------------------------------

    @Test
    void aWrongTypeFails() {
        assertThat(schemaProblemsAfter("FlinkDeployment", d -> at(d, "/spec/job").put("parallelism", "six")))
                .anySatisfy(p -> assertThat(p).contains("parallelism").contains("string"));
        assertThat(schemaProblemsAfter("FlinkDeployment", d -> at(d, "/spec/jobManager").put("replicas", "2")))
                .anySatisfy(p -> assertThat(p).contains("replicas"));
        assertThat(schemaProblemsAfter("FlinkDeployment",
                d -> ((ObjectNode) d.at("/spec/podTemplate/spec/containers/0/ports/0")).put("containerPort", "9249")))
                .anySatisfy(p -> assertThat(p).contains("containerPort"));
    }

    @Test
    void intOrStringTakesBothButNothingElse() {
        assertThat(schemaProblemsAfter("PodDisruptionBudget", d -> at(d, "/spec").put("maxUnavailable", "25%"))).isEmpty();
        assertThat(schemaProblemsAfter("PodDisruptionBudget", d -> at(d, "/spec").put("maxUnavailable", 2))).isEmpty();
        assertThat(schemaProblemsAfter("PodDisruptionBudget", d -> at(d, "/spec").put("maxUnavailable", true)))
                .anySatisfy(p -> assertThat(p).contains("maxUnavailable"));
        assertThat(schemaProblemsAfter("NetworkPolicy", d -> ((ObjectNode) d.at("/spec/ingress/0/ports/0")).put("port", "metrics"))).isEmpty();
        assertThat(schemaProblemsAfter("NetworkPolicy", d -> ((ObjectNode) d.at("/spec/ingress/0/ports/0")).put("port", 92.49)))
                .anySatisfy(p -> assertThat(p).contains("port"));
    }

    @Test
    void preserveUnknownFieldsIsHonouredByTheSchemaAndTheKeyCheckStillCatches() {
        List<Manifests.Doc> docs = prod();
        at(kind(docs, "FlinkDeployment").object(), "/spec/flinkConfiguration").put("no.such.option", "1");
        assertThat(ManifestChecks.schema(docs)).isEmpty();
        assertThat(ManifestChecks.flinkKeys(docs)).anySatisfy(p -> assertThat(p).contains("no.such.option"));
    }

    // ---- misspelt Flink keys and bad values ------------------------------------------------

    @Test
    void aMisspeltFlinkKeyFails() {
        List<Manifests.Doc> docs = prod();
        ObjectNode conf = at(kind(docs, "FlinkDeployment").object(), "/spec/flinkConfiguration");
        conf.set("execution.checkpointing.intervall", conf.remove("execution.checkpointing.interval"));
        assertThat(ManifestChecks.flinkKeys(docs))
                .anySatisfy(p -> assertThat(p).contains("execution.checkpointing.intervall").contains("did you mean execution.checkpointing.interval"));
    }

    @Test
    void misspeltAutoscalerS3ReporterAndOperatorKeysFail() {
        for (String key : List.of("job.autoscaler.target.utilisation", "s3.endpoint.regoin", "metrics.reporter.prom.prot",
                "kubernetes.operator.periodic.savepoint.intervall", "state.backend")) {
            List<Manifests.Doc> docs = prod();
            at(kind(docs, "FlinkDeployment").object(), "/spec/flinkConfiguration").put(key, "1");
            assertThat(ManifestChecks.flinkKeys(docs)).as(key).anySatisfy(p -> assertThat(p).contains(key));
        }
    }

    @Test
    void aFlinkValueOfTheWrongTypeOrABadEnumFails() {
        List<Manifests.Doc> docs = prod();
        ObjectNode conf = at(kind(docs, "FlinkDeployment").object(), "/spec/flinkConfiguration");
        conf.put("execution.checkpointing.mode", "EXACTLY_ONE");
        conf.put("execution.checkpointing.timeout", "two minutes");
        conf.put("job.autoscaler.target.utilization", "high");
        assertThat(ManifestChecks.flinkKeys(docs))
                .anySatisfy(p -> assertThat(p).contains("execution.checkpointing.mode").contains("EXACTLY_ONE"))
                .anySatisfy(p -> assertThat(p).contains("execution.checkpointing.timeout"))
                .anySatisfy(p -> assertThat(p).contains("job.autoscaler.target.utilization"));
    }

    // ---- bad enums in the schema -----------------------------------------------------------

    @Test
    void aBadEnumFails() {
        assertThat(schemaProblemsAfter("FlinkDeployment", d -> at(d, "/spec/job").put("upgradeMode", "savepiont")))
                .anySatisfy(p -> assertThat(p).contains("upgradeMode"));
        assertThat(schemaProblemsAfter("FlinkDeployment", d -> at(d, "/spec").put("flinkVersion", "v2_3")))
                .anySatisfy(p -> assertThat(p).contains("flinkVersion"));
        assertThat(schemaProblemsAfter("FlinkDeployment", d -> at(d, "/spec").put("kind", "x"))).isNotEmpty();
    }

    // ---- the job's own configuration -------------------------------------------------------

    @Test
    void aJobConfigTheJobRefusesFails() {
        List<Manifests.Doc> docs = prod();
        ArrayNode args = (ArrayNode) kind(docs, "FlinkDeployment").node().at("/spec/job/args");
        args.add("--checkpoint.intervall=1s");
        assertThat(ManifestChecks.jobConfig(docs)).anySatisfy(p -> assertThat(p).contains("checkpoint.intervall"));

        docs = prod();
        ObjectNode cm = kind(docs, "ConfigMap").object();
        ObjectNode data = (ObjectNode) cm.get("data");
        data.put("job.properties", data.get("job.properties").asText() + "\ntokenization.key-provider=local\n");
        assertThat(ManifestChecks.jobConfig(docs)).anySatisfy(p -> assertThat(p).contains("development.allow-insecure"));
    }

    @Test
    void aClusterSettingThatDisagreesWithTheJobFails() {
        List<Manifests.Doc> docs = prod();
        ObjectNode conf = at(kind(docs, "FlinkDeployment").object(), "/spec/flinkConfiguration");
        conf.put("execution.checkpointing.interval", "5s");
        conf.remove("execution.state-recovery.from-local");
        at(kind(docs, "FlinkDeployment").object(), "/spec/job").put("parallelism", 8);
        conf.put("job.autoscaler.vertex.max-parallelism", "7");
        assertThat(ManifestChecks.jobConfig(docs))
                .anySatisfy(p -> assertThat(p).contains("execution.checkpointing.interval").contains("5s"))
                .anySatisfy(p -> assertThat(p).contains("must set execution.state-recovery.from-local"))
                .anySatisfy(p -> assertThat(p).contains("spec.job.parallelism 8"))
                .anySatisfy(p -> assertThat(p).contains("must divide job.max-parallelism"));
    }

    // ---- other ways to go wrong ------------------------------------------------------------

    @Test
    void aKindWithoutSchemaFails() {
        List<Manifests.Doc> docs = prod();
        ObjectNode secret = Manifests.YAML.createObjectNode();
        secret.put("apiVersion", "example.com/v1").put("kind", "Widget").putObject("metadata").put("name", "w");
        List<Manifests.Doc> withWidget = new ArrayList<>(docs);
        withWidget.add(new Manifests.Doc("planted", secret));
        assertThat(ManifestChecks.schema(withWidget)).anySatisfy(p -> assertThat(p).contains("no schema").contains("Widget"));
    }

    @Test
    void aSecretInAManifestFails() {
        List<Manifests.Doc> docs = new ArrayList<>(prod());
        at(kind(docs, "FlinkDeployment").object(), "/spec/flinkConfiguration").put("s3.secret-key", "abc");
        ObjectNode container = (ObjectNode) kind(docs, "FlinkDeployment").node().at("/spec/podTemplate/spec/containers/0");
        container.putArray("env").addObject().put("name", "VAULT_TOKEN").put("value", "hvs.x");
        JsonNode secret = Manifests.parse("planted", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: b}\n").get(0).node();
        docs.add(new Manifests.Doc("planted", secret));
        assertThat(ManifestChecks.secrets(docs))
                .anySatisfy(p -> assertThat(p).contains("s3.secret-key"))
                .anySatisfy(p -> assertThat(p).contains("VAULT_TOKEN"))
                .anySatisfy(p -> assertThat(p).contains("a Secret"));
    }

    @Test
    void aDuplicateFieldFailsAsKubectlStrictDoes() {
        assertThatThrownBy(() -> Manifests.parse("planted", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, name: b}\n"))
                .hasMessageContaining("Duplicate field 'name'");
    }
}

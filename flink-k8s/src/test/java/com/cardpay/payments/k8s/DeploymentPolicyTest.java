package com.cardpay.payments.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the schemas cannot say: the choices this deployment makes, pinned on the rendered overlays
 * (placement, budgets, HA, the image and the manifests agreeing on the jar).
 */
class DeploymentPolicyTest {

    private static Manifests.Doc find(String dir, String kind, String name) {
        return Renders.of(dir).stream().filter(d -> d.kind().equals(kind) && (name == null || d.name().equals(name)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + dir));
    }

    private static Map<String, String> conf(Manifests.Doc d) {
        List<String> problems = new ArrayList<>();
        Map<String, String> c = ManifestChecks.flinkConfiguration(d, problems);
        assertThat(problems).isEmpty();
        return c;
    }

    @Test
    void prodTaskManagersAreSpreadHardAcrossZonesAndNodes() {
        JsonNode tm = find("overlays/prod", "FlinkDeployment", "payments-job").node().at("/spec/taskManager/podTemplate/spec");
        // One constraint, hard: a strategic merge once left the base's soft one beside it.
        assertThat(tm.path("topologySpreadConstraints")).hasSize(1);
        assertThat(tm.at("/topologySpreadConstraints/0/topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(tm.at("/topologySpreadConstraints/0/whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
        assertThat(tm.at("/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0/topologyKey").asText())
                .isEqualTo("kubernetes.io/hostname");
        assertThat(tm.at("/affinity/podAntiAffinity").has("preferredDuringSchedulingIgnoredDuringExecution")).isFalse();
        assertThat(tm.at("/topologySpreadConstraints/0/labelSelector/matchLabels").toString())
                .isEqualTo("{\"app\":\"payments-job\",\"component\":\"taskmanager\"}");
    }

    @Test
    void prodIsHighlyAvailableAndDevIsOneTaskManager() {
        Manifests.Doc prod = find("overlays/prod", "FlinkDeployment", "payments-job");
        assertThat(prod.node().at("/spec/jobManager/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(conf(prod)).containsEntry("high-availability.type", "kubernetes");
        Manifests.Doc dev = find("overlays/dev", "FlinkDeployment", "payments-job");
        int parallelism = dev.node().at("/spec/job/parallelism").asInt();
        int slots = Integer.parseInt(conf(dev).get("taskmanager.numberOfTaskSlots"));
        assertThat((parallelism + slots - 1) / slots).as("TaskManagers in dev").isEqualTo(1);
        assertThat(conf(dev)).containsEntry("job.autoscaler.scaling.enabled", "false");
    }

    @Test
    void theTaskManagerBudgetIsOneAtATimeAndSelectsTheTaskManagers() {
        for (String dir : List.of("overlays/dev", "overlays/prod")) {
            JsonNode pdb = find(dir, "PodDisruptionBudget", "payments-job-taskmanager").node();
            assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
            assertThat(pdb.at("/spec").has("minAvailable")).isFalse();
            JsonNode tmLabels = find(dir, "FlinkDeployment", "payments-job").node()
                    .at("/spec/taskManager/podTemplate/spec/topologySpreadConstraints/0/labelSelector/matchLabels");
            assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(tmLabels);
        }
    }

    @Test
    void podsRunAsNonRootWithAReadOnlyRootAndTheJobsServiceAccount() {
        for (String dir : List.of("overlays/dev", "overlays/prod")) {
            Manifests.Doc d = find(dir, "FlinkDeployment", "payments-job");
            JsonNode pod = d.node().at("/spec/podTemplate/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/containers/0/name").asText()).isEqualTo("flink-main-container");
            assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            String sa = d.node().at("/spec/serviceAccount").asText();
            find(dir, "ServiceAccount", sa);
            assertThat(find(dir, "RoleBinding", null).node().at("/subjects/0/name").asText()).isEqualTo(sa);
        }
    }

    @Test
    void theImageAndTheManifestsAgree() {
        String dockerfile = Manifests.read(Manifests.root().resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG FLINK_IMAGE=flink:2.2.").contains("-java17").contains("USER flink")
                .contains("plugins/s3-fs-hadoop").contains("plugins/metrics-prometheus");
        for (String dir : List.of("overlays/dev", "overlays/prod")) {
            Manifests.Doc d = find(dir, "FlinkDeployment", "payments-job");
            assertThat(d.node().at("/spec/flinkVersion").asText()).isEqualTo("v2_2");
            String jar = d.node().at("/spec/job/jarURI").asText();
            assertThat(jar).startsWith("local://");
            assertThat(dockerfile).contains("$FLINK_HOME/usrlib/" + jar.substring(jar.lastIndexOf('/') + 1));
            assertThat(jar).isEqualTo("local:///opt/flink/usrlib/payments-job.jar");
            assertThat(d.node().at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
            assertThat(d.node().at("/spec/job/entryClass").asText()).isEqualTo("com.cardpay.payments.jobs.PaymentsJobMain");
            assertThat(conf(d).get("metrics.reporter.prom.port")).isEqualTo(
                    d.node().at("/spec/podTemplate/spec/containers/0/ports/0/containerPort").asText());
        }
    }
}

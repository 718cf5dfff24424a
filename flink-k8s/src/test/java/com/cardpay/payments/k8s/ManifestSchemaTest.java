package com.cardpay.payments.k8s;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * (a) Every rendered kustomization and every standalone manifest under flink-k8s/ (any YAML file
 * with apiVersion and kind, in any folder, so manifests added later under monitoring/ or topics/
 * are included) validates against its upstream schema in strict mode.
 */
class ManifestSchemaTest {

    @Test
    void findsTheOverlaysAndTheManifests() {
        assertThat(Renders.all().keySet()).contains("base", "overlays/dev", "overlays/prod", "examples/restore-from-savepoint");
        assertThat(Manifests.standaloneManifests()).extracting(d -> d.source().replaceAll("#\\d+$", ""))
                .contains("base/flinkdeployment.yaml", "base/pdb-taskmanager.yaml", "base/networkpolicy.yaml",
                        "examples/savepoint-snapshot.yaml", "overlays/prod/pdb-jobmanager.yaml");
        for (String dir : List.of("base", "overlays/dev", "overlays/prod")) {
            assertThat(Renders.of(dir)).extracting(Manifests.Doc::kind)
                    .contains("FlinkDeployment", "ConfigMap", "ServiceAccount", "Role", "RoleBinding", "PodDisruptionBudget", "NetworkPolicy");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRenderedKustomizationIsValid() {
        return Renders.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertThat(e.getValue()).isNotEmpty();
            assertThat(ManifestChecks.schema(e.getValue())).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyStandaloneManifestIsValid() {
        List<Manifests.Doc> docs = Manifests.standaloneManifests();
        assertThat(docs).hasSizeGreaterThanOrEqualTo(8);
        return docs.stream().map(d -> DynamicTest.dynamicTest(d.label(), () -> assertThat(StrictSchemas.get().validate(d)).isEmpty()));
    }

    @Test
    void noManifestHoldsASecret() {
        assertThat(ManifestChecks.secrets(Manifests.standaloneManifests())).isEmpty();
        for (List<Manifests.Doc> rendered : Renders.all().values()) {
            assertThat(ManifestChecks.secrets(rendered)).isEmpty();
        }
    }
}

package com.cardpay.payments.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering, pinned: {@code functions} (domain logic, no I/O) below {@code connectors} (the
 * outside world) below {@code jobs} (assembly), and nothing imports a module above it. Production
 * classes only. Package cycles (records and their serializers) are issue 11's next step, not
 * pinned here yet.
 */
class ModuleLayeringTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cardpay.payments");

    @Test
    void functionsImportsNeitherConnectorsNorJobs() {
        noClasses().that().resideInAPackage("com.cardpay.payments.functions..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cardpay.payments.connectors..",
                        "com.cardpay.payments.jobs..")
                .check(PRODUCTION);
    }

    @Test
    void functionsDoesNoKafkaFileOrNetworkIo() {
        noClasses().that().resideInAPackage("com.cardpay.payments.functions..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "java.nio.file..", "java.net..",
                        "io.github.jopenlibs.vault..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .check(PRODUCTION);
    }

    @Test
    void connectorsNeverReachesIntoJobs() {
        noClasses().that().resideInAPackage("com.cardpay.payments.connectors..")
                .should().dependOnClassesThat().resideInAPackage("com.cardpay.payments.jobs..")
                .check(PRODUCTION);
    }

    @Test
    void theJobGraphDoesNotDependOnTheLocalRunnerOrTheTools() {
        noClasses().that().resideInAPackage("com.cardpay.payments.jobs")
                .or().resideInAPackage("com.cardpay.payments.jobs.config..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cardpay.payments.jobs.local..",
                        "com.cardpay.payments.jobs.tools..")
                .check(PRODUCTION);
    }
}

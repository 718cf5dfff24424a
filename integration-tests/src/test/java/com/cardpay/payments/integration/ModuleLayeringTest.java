package com.cardpay.payments.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering, pinned over every production class of the modules below this one:
 * {@code functions} (domain logic, no I/O) below {@code connectors} (the outside world) below
 * {@code jobs} (the job graph and its config); {@code tools} and {@code local} sit on top, and no
 * module imports one above it. The job jar therefore cannot carry a tool or the local runner.
 */
@AnalyzeClasses(packages = "com.cardpay.payments", importOptions = {
        ImportOption.DoNotIncludeTests.class, ModuleLayeringTest.ProductionJarsOnly.class})
class ModuleLayeringTest {

    /** Test-jars (the modules' shared fixtures) are not production code. */
    static final class ProductionJarsOnly implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule MODULES_ARE_LAYERED = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("functions").definedBy("com.cardpay.payments.functions..")
            .layer("connectors").definedBy("com.cardpay.payments.connectors..")
            .layer("jobs").definedBy("com.cardpay.payments.jobs..")
            .layer("tools").definedBy("com.cardpay.payments.tools..")
            .layer("local").definedBy("com.cardpay.payments.local..")
            .whereLayer("local").mayNotBeAccessedByAnyLayer()
            .whereLayer("tools").mayOnlyBeAccessedByLayers("local")
            .whereLayer("jobs").mayOnlyBeAccessedByLayers("tools", "local")
            .whereLayer("connectors").mayOnlyBeAccessedByLayers("jobs", "tools", "local")
            .whereLayer("functions").mayOnlyBeAccessedByLayers("connectors", "jobs", "tools", "local");

    /** Every package, of every module: records, their serializers and the shared codecs included. */
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("com.cardpay.payments.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule FUNCTIONS_DOES_NO_KAFKA_FILE_OR_NETWORK_IO = noClasses()
            .that().resideInAPackage("com.cardpay.payments.functions..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "java.nio.file..", "java.net..",
                    "io.github.jopenlibs.vault..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream");
}

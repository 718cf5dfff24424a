package com.cardpay.payments.functions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No two packages of {@code functions} depend on each other, directly or around a loop: a record's
 * serializer and type-information factory live beside the record, and {@code serialization} holds
 * only the shared codec machinery, which knows no record. Every package is its own slice
 * ({@code fraud} and {@code fraud.rules} are two). Production classes only.
 */
class PackageCyclesTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cardpay.payments.functions");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("com.cardpay.payments.functions.(**)").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void theSharedCodecMachineryKnowsNoRecord() {
        noClasses()
                .that().resideInAPackage("com.cardpay.payments.functions.serialization..")
                .should().dependOnClassesThat().resideOutsideOfPackages("com.cardpay.payments.functions.serialization..",
                        "java..", "javax..", "org.apache.flink..")
                .check(PRODUCTION);
    }
}

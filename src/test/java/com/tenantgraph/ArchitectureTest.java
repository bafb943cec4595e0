package com.tenantgraph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled main classes: no cycle between the top-level
 * packages (a package and its sub-packages, such as {@code data} and {@code data.model}, are one slice), and
 * {@code tenancy} holds values that depend on nothing but the JDK, and {@code json}, the JSON codec, depends on nothing
 * but the JDK either (it exists so that the function loads no JSON library). Main code does not use graphql-java's
 * {@code graphql.analysis}: the depth and the cost come from our own walk ({@code pipeline/OperationSize}), which
 * spares a cold start its thirty classes.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.tenantgraph");

    @Test
    void topLevelPackages_formNoCycle() {
        slices().matching("com.tenantgraph.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void tenancy_dependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("com.tenantgraph.tenancy..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.tenantgraph.tenancy..", "java..")
                .check(CLASSES);
    }

    @Test
    void json_dependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("com.tenantgraph.json..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.tenantgraph.json..", "java..")
                .check(CLASSES);
    }

    @Test
    void mainCode_doesNotDependOnGraphqlJavasQueryAnalysis() {
        noClasses().should().dependOnClassesThat().resideInAPackage("graphql.analysis..").check(CLASSES);
    }
}

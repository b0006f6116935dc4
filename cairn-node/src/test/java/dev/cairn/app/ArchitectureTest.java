package dev.cairn.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependency rules of ARCHITECTURE.md section 2 for the packages at the top and bottom of
 * cairn-node: the CLI sits on top, the composition root below it, and configuration and identity
 * are leaves that every component may read but that import no component.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cairn");

    @Test
    void onlyTheCliUsesTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.cairn.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.cairn.cli..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCliUsesTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("dev.cairn.app..", "dev.cairn.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.cairn.app..")
                .check(CLASSES);
    }

    @Test
    void configurationImportsNoComponent() {
        noClasses().that().resideInAPackage("dev.cairn.config..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cairn.identity..", "dev.cairn.store..", "dev.cairn.db..", "dev.cairn.cli..", "dev.cairn.app..")
                .check(CLASSES);
    }

    @Test
    void identityImportsOnlyCodecs() {
        noClasses().that().resideInAPackage("dev.cairn.identity..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cairn.config..", "dev.cairn.store..", "dev.cairn.db..", "dev.cairn.cli..", "dev.cairn.app..")
                .check(CLASSES);
    }

    @Test
    void theCliReachesStorageOnlyThroughTheCompositionRoot() {
        noClasses().that().resideInAPackage("dev.cairn.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.store..", "dev.cairn.db..")
                .check(CLASSES);
    }

    @Test
    void httpSurfacesReachStorageOnlyThroughServicePorts() {
        noClasses().that().resideInAnyPackage("dev.cairn.http..", "dev.cairn.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cairn.store..", "dev.cairn.db..", "dev.cairn.pin.jdbc..", "dev.cairn.cli..", "dev.cairn.app..")
                .check(CLASSES);
    }

    @Test
    void accountsImportNeitherHttpNorTheCli() {
        noClasses().that().resideInAPackage("dev.cairn.account..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cairn.http..", "dev.cairn.gateway..", "dev.cairn.cli..", "dev.cairn.app..", "io.javalin..")
                .check(CLASSES);
    }

    @Test
    void fetchingKnowsBlocksAndCodecsButNoStoreNorThePinDomain() {
        noClasses().that().resideInAPackage("dev.cairn.fetch..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cairn.store..", "dev.cairn.db..", "dev.cairn.pin..", "dev.cairn.account..",
                        "dev.cairn.http..", "dev.cairn.gateway..", "dev.cairn.cli..", "dev.cairn.app..")
                .check(CLASSES);
    }

    @Test
    void garbageCollectionSeesOnlyTheBlockStorePortAndItsOwnLivePinsPort() {
        noClasses().that().resideInAPackage("dev.cairn.gc..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cairn.store.pack..", "dev.cairn.store.memory..", "dev.cairn.pin..")
                .check(CLASSES);
        // The writer decorator passes the commit hook (db.TransactionWork) through; nothing more of db.
        noClasses().that().resideInAPackage("dev.cairn.gc..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.cairn.db.Database")
                .check(CLASSES);
    }

    @Test
    void thePinRepositoryImportsNoSurfaceAndNoStore() {
        noClasses().that().resideInAPackage("dev.cairn.pin..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cairn.http..", "dev.cairn.gateway..", "dev.cairn.cli..", "dev.cairn.app..", "io.javalin..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.cairn.pin.jdbc..")
                .should().dependOnClassesThat().resideInAPackage("dev.cairn.store..")
                .check(CLASSES);
    }

    @Test
    void psaWireTypesKnowNoHttpFramework() {
        noClasses().that().resideInAPackage("dev.cairn.http.psa.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "dev.cairn.http")
                .check(CLASSES);
    }

    @Test
    void pinJobsUseNoStoreImplementation() {
        noClasses().that().resideInAPackage("dev.cairn.pin.job..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cairn.store.pack..", "dev.cairn.store.memory..")
                .check(CLASSES);
    }
}

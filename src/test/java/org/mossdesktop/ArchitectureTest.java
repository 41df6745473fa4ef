// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of DESIGN.md, enforced. */
@AnalyzeClasses(packages = "org.mossdesktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule nothing_below_the_ui_imports_javafx = noClasses()
            .that()
            .resideInAnyPackage(
                    "org.mossdesktop.cli..",
                    "org.mossdesktop.chat..",
                    "org.mossdesktop.moss..",
                    "org.mossdesktop.engine..",
                    "org.mossdesktop.plugins..",
                    "org.mossdesktop.store..",
                    "org.mossdesktop.export..",
                    "org.mossdesktop.i18n..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..");

    @ArchTest
    static final ArchRule the_ui_never_touches_onnx_runtime = noClasses()
            .that()
            .resideInAPackage("org.mossdesktop.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("ai.onnxruntime..");

    @ArchTest
    static final ArchRule the_moss_protocol_depends_on_nothing_above_it = noClasses()
            .that()
            .resideInAPackage("org.mossdesktop.moss..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.mossdesktop.app..",
                    "org.mossdesktop.cli..",
                    "org.mossdesktop.ui..",
                    "org.mossdesktop.chat..",
                    "org.mossdesktop.store..",
                    "org.mossdesktop.export..",
                    "org.mossdesktop.plugins..",
                    "org.mossdesktop.engine..");

    @ArchTest
    static final ArchRule the_engine_knows_nothing_of_chats_or_screens = noClasses()
            .that()
            .resideInAPackage("org.mossdesktop.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.mossdesktop.app..",
                    "org.mossdesktop.cli..",
                    "org.mossdesktop.ui..",
                    "org.mossdesktop.chat..",
                    "org.mossdesktop.store..",
                    "org.mossdesktop.export..",
                    "org.mossdesktop.plugins..");

    @ArchTest
    static final ArchRule the_chat_domain_reaches_storage_only_through_its_port = noClasses()
            .that()
            .resideInAPackage("org.mossdesktop.chat..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.mossdesktop.store..", "org.mossdesktop.export..", "org.mossdesktop.ui..");

    @ArchTest
    static final ArchRule plugins_are_tools_not_conversations = noClasses()
            .that()
            .resideInAPackage("org.mossdesktop.plugins..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.mossdesktop.app..",
                    "org.mossdesktop.cli..",
                    "org.mossdesktop.ui..",
                    "org.mossdesktop.chat..",
                    "org.mossdesktop.store..",
                    "org.mossdesktop.export..",
                    "org.mossdesktop.engine..");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles =
            slices().matching("org.mossdesktop.(*)..").should().beFreeOfCycles();
}

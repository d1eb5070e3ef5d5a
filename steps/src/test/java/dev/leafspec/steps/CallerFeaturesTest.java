package dev.leafspec.steps;

import dev.leafspec.caller.NativeHarness;
import dev.leafspec.steps.caller.CallerUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the Gherkin caller features (features/caller) against the faulty example libraries built by native/build.sh:
 * each planted fault must fail exactly the scenario of its rule, with the checker's message naming function,
 * register and rule; every other scenario passes. (RunFeaturesTest runs the same features against the correct
 * examples, which must pass.)
 */
class CallerFeaturesTest {
    static final Path HOME = Path.of(System.getProperty("leafspec.home", "..")).toAbsolutePath().normalize();
    static final String GUEST_SPEC = "examples/callers/guest/guest-helpers.caller.yaml";
    static final String HOST_SPEC = "examples/callers/host/host-helpers.caller.yaml";

    /** scenario name -> "PASS", "NOT_SUPPORTED: ..." or the failure message */
    static Map<String, String> run(String lib, String spec) {
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        System.setProperty(CallerUnderTest.LIB_PROPERTY, HOME.resolve("native/target/callers/" + lib).toString());
        System.setProperty(CallerUnderTest.SPEC_PROPERTY, HOME.resolve(spec).toString());
        Map<String, String> out = new LinkedHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(HOME.resolve("features/caller").toFile()))
                .configurationParameter("cucumber.glue", "dev.leafspec.steps")
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.plugin", "pretty")
                .filters(org.junit.platform.launcher.EngineFilter.includeEngines("cucumber"))
                .build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (!id.isTest()) return;
                String name = id.getDisplayName();
                name = name.substring(name.indexOf(" - ") + 3); // the long naming strategy puts the feature first
                out.put(name, switch (r.getStatus()) {
                    case SUCCESSFUL -> "PASS";
                    case ABORTED -> r.getThrowable().map(Throwable::getMessage).orElse("aborted");
                    case FAILED -> r.getThrowable().map(Throwable::getMessage).orElse("failed");
                });
            }
        });
        assertThat(out).as("scenarios of features/caller").hasSizeGreaterThanOrEqualTo(16);
        return out;
    }

    @AfterEach
    void clear() {
        System.clearProperty(CallerUnderTest.LIB_PROPERTY);
        System.clearProperty(CallerUnderTest.SPEC_PROPERTY);
    }

    /** @return the scenarios that did not pass */
    static Map<String, String> failed(Map<String, String> res) {
        Map<String, String> f = new LinkedHashMap<>(res);
        f.values().removeIf("PASS"::equals);
        return f;
    }

    @Test
    void correctLibrariesPassEveryScenario() {
        assertThat(failed(run("libguest-ok.so", GUEST_SPEC))).isEmpty();
        assertThat(failed(run("libhost-ok.so", HOST_SPEC))).isEmpty();
    }

    @Test
    void clobberedRbxFailsOnlyThePreserveScenario() {
        Map<String, String> f = failed(run("libguest-clobber-rbx.so", GUEST_SPEC));
        assertThat(f).containsOnlyKeys("every function preserves the general registers its convention preserves, and RSP");
        assertThat(f.values().iterator().next())
                .startsWith("scenario 'every function preserves the general registers its convention preserves, and RSP': 2 failure(s) of CALLER-PRESERVE:")
                .containsPattern("\n  TDG.VP.INFO: ex_tdcall_ret \\[normal\\]: RBX: not preserved \\(SysV callee-saved\\): 0x5eedca1100000003 before "
                        + "the call, 0x[0-9a-f]+ after return \\[CALLER-PRESERVE\\] {4}\\(libguest-clobber-rbx.so \\(guest-helpers.caller.yaml\\)\\)")
                .contains("TDG.VP.INFO: ex_tdcall_ret [module-error]: RBX: not preserved");
    }

    @Test
    void rbpInBitmapFailsTheForbiddenScenario() {
        Map<String, String> f = failed(run("libguest-rbp-in-bitmap.so", GUEST_SPEC));
        assertThat(f).containsKey("the bitmap selects no forbidden register (RAX, RCX, RSP, RBP) and no reserved bit");
        assertThat(f.get("the bitmap selects no forbidden register (RAX, RCX, RSP, RBP) and no reserved bit")).contains(
                "  TDG.VP.VMCALL<Instruction.CPUID>: ex_tdvmcall [normal]: RBP: selected in the TDG.VP.VMCALL bitmap (RCX = 0xfc20, bit 5) "
                        + "at the TDCALL: never expose RBP, the host could replace the frame pointer (and the module refuses it under "
                        + "NO_RBP_MOD) [CALLER-BITMAP-FORBIDDEN]");
    }

    @Test
    void r10ReturnedWithoutCheckingRaxFailsTheStatusScenario() {
        Map<String, String> f = failed(run("libguest-r10-unchecked.so", GUEST_SPEC));
        assertThat(f).containsOnlyKeys("on a module error the function returns neither R10 nor success");
        assertThat(f.values().iterator().next()).isEqualTo(
                "scenario 'on a module error the function returns neither R10 nor success': 1 failure(s) of CALLER-RAX-BEFORE-R10:\n"
                        + "  TDG.VP.VMCALL<Instruction.CPUID>: ex_tdvmcall [module-error]: R10: returned R10 (0x0) although the TDCALL failed "
                        + "with RAX = 0xc000010000000001 (TDX_OPERAND_INVALID): RAX must be checked before R10 is trusted "
                        + "[CALLER-RAX-BEFORE-R10]    (libguest-r10-unchecked.so (guest-helpers.caller.yaml))");
    }

    @Test
    void hostValueLeftFailsTheHostValueScenario() {
        Map<String, String> f = failed(run("libguest-r11-not-cleared.so", GUEST_SPEC));
        assertThat(f).containsOnlyKeys("no register still holds a value the host wrote unless it is a declared output");
        assertThat(f.values().iterator().next()).contains(
                "  TDG.VP.VMCALL<Instruction.CPUID>: ex_tdvmcall [normal]: R11: still holds 0xb057b0570000000b, a value the host wrote, "
                        + "after return: exposed registers that are not outputs must be cleared after the call [CALLER-HOST-VALUE]");
    }

    @Test
    void leafInWrongRegisterFailsTheLeafScenario() {
        Map<String, String> f = failed(run("libguest-leaf-in-rcx.so", GUEST_SPEC));
        assertThat(f).containsKey("RAX holds the leaf number and a listed version, and RAX[63:24] is zero");
        assertThat(f.get("RAX holds the leaf number and a listed version, and RAX[63:24] is zero")).contains(
                "  TDG.VP.INFO: ex_tdcall [normal]: RAX: holds 0x5eedca1100000000 at the TDCALL: leaf number 0, expected 1 (TDG.VP.INFO) [CALLER-LEAF]");
    }

    @Test
    void clobberedXmmFailsTheXmmScenario() {
        Map<String, String> f = failed(run("libguest-xmm-clobber.so", GUEST_SPEC));
        assertThat(f).containsOnlyKeys("a custom all-preserving convention also preserves the XMM registers");
        assertThat(f.values().iterator().next()).contains(
                "  TDG.VP.VMCALL<Instruction.IO>: ex_inb [normal]: XMM1: not preserved (the custom convention preserves every register "
                        + "except [RAX]): 0x5eedc0de000001015eedc0de00000001 before the call, 0x00000000000000000000000000000071 after return [CALLER-XMM]");
    }

    @Test
    void ignoredRetryFailsTheRetryScenario() {
        Map<String, String> f = failed(run("libguest-retry-ignored.so", GUEST_SPEC));
        assertThat(f).containsOnlyKeys("a RETRY is resumed from R11 with the rest of the range, and the loop ends");
        assertThat(f.values().iterator().next()).isEqualTo(
                "scenario 'a RETRY is resumed from R11 with the rest of the range, and the loop ends': 1 failure(s) of CALLER-RETRY:\n"
                        + "  TDG.VP.VMCALL<MapGPA>: ex_map_gpa [normal]: R10: returned after the host answered TDG.VP.VMCALL_RETRY with "
                        + "R11 = 0x800000101000: [0x800000101000, 0x800000104000) was never mapped; reissue TDG.VP.VMCALL<MapGPA> from R11 "
                        + "with R13 = end - R11 until the whole range is done [CALLER-RETRY]    (libguest-retry-ignored.so (guest-helpers.caller.yaml))");
    }

    @Test
    void savedRegistersTdEntryWrapperWithoutRbxFailsThePreserveScenario() {
        Map<String, String> f = failed(run("libhost-rbx-not-saved.so", HOST_SPEC));
        assertThat(f).containsOnlyKeys("every function preserves the general registers its convention preserves, and RSP");
        assertThat(f.values().iterator().next()).contains(
                "  TDH.VP.ENTER: ex_seamcall_saved_ret [normal]: RBX: not preserved (SysV callee-saved): 0x5eedca1100000003 before the "
                        + "call, 0x6e57000000000303 after return [CALLER-PRESERVE]    (libhost-rbx-not-saved.so (host-helpers.caller.yaml))");
    }

    @Test
    void hostInputNotLoadedFailsTheInputScenario() {
        Map<String, String> f = failed(run("libhost-rdx-not-loaded.so", HOST_SPEC));
        assertThat(f).containsKey("the arguments reach the registers the leaf reads, with reserved bits zero");
        assertThat(f.get("the arguments reach the registers the leaf reads, with reserved bits zero")).contains(
                "  TDH.SYS.RD: ex_seamcall_ret [normal]: RDX: holds 0x5eedca1100000002 at the SEAMCALL, but the caller passed "
                        + "0x800000100000004 (args[1].RDX) [CALLER-INPUT]");
    }

    @Test
    void missingHarnessEndsNotSupported() {
        String old = System.getProperty("leafspec.harness");
        // a harness that is not there and an architecture that is: the reason is the missing binary
        System.setProperty("leafspec.harness", HOME.resolve("native/target/no-such-harness").toString());
        try {
            CallerUnderTest.clear();
            System.setProperty(CallerUnderTest.LIB_PROPERTY, HOME.resolve("native/target/callers/libguest-ok.so").toString());
            System.setProperty(CallerUnderTest.SPEC_PROPERTY, HOME.resolve(GUEST_SPEC).toString());
            Map<String, String> out = new LinkedHashMap<>();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectDirectory(HOME.resolve("features/caller").toFile()))
                    .configurationParameter("cucumber.glue", "dev.leafspec.steps")
                    .configurationParameter("cucumber.publish.quiet", "true")
                    .filters(org.junit.platform.launcher.EngineFilter.includeEngines("cucumber"))
                    .build(), new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                    if (id.isTest()) out.put(id.getDisplayName(), r.getStatus() + " " + r.getThrowable().map(Throwable::getMessage).orElse(""));
                }
            });
            assertThat(out).isNotEmpty().allSatisfy((k, v) -> assertThat(v).startsWith("ABORTED NOT_SUPPORTED: ")
                    .contains("libguest-ok.so (guest-helpers.caller.yaml): native harness not built"));
        } finally {
            if (old == null) System.clearProperty("leafspec.harness");
            else System.setProperty("leafspec.harness", old);
            CallerUnderTest.clear();
        }
    }
}

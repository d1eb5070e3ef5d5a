package dev.leafspec.caller;

import dev.leafspec.caller.CallerResult.Status;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the example guest helpers (examples/callers/guest, built by native/build.sh) through the harness. */
class ExampleCallersTest {
    static final Path HOME = Path.of(System.getProperty("leafspec.home", "..")).toAbsolutePath().normalize();
    static Catalogue catalogue;
    static CallerSpec spec;

    @BeforeAll
    static void load() throws Exception {
        catalogue = SpecLoader.loadCatalogue(HOME.resolve("leaf-specs"));
        var r = CallerSpecReader.read(HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml"), catalogue);
        assertThat(r.errors()).isEmpty();
        spec = r.spec();
    }

    static List<CallerResult> run(String variant) {
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        List<CallerResult> res = new CallerChecker(catalogue, HOME, 10_000)
                .certify(HOME.resolve("native/target/callers/libguest-" + variant + ".so"), spec);
        res.forEach(System.out::println);
        return res;
    }

    static List<String> failures(List<CallerResult> res) {
        return res.stream().flatMap(r -> r.messages().stream()).toList();
    }

    @Test
    void correctHelpersPass() {
        List<CallerResult> res = run("ok");
        assertThat(res).hasSize(14).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS));
        // ex_map_gpa [normal]: the host answers RETRY twice, so the range takes three TDCALLs
        assertThat(res).allSatisfy(r -> assertThat(r.traps()).as(r.toString())
                .isEqualTo(r.function().equals("ex_map_gpa") && r.caseName().equals("normal") ? 3 : 1));
    }

    @Test
    void clobberedCalleeSavedRegisterFails() {
        List<CallerResult> res = run("clobber-rbx");
        assertThat(failures(res)).anySatisfy(m -> assertThat(m).matches(
                "ex_tdcall_ret \\[normal\\]: RBX: not preserved \\(SysV callee-saved\\): 0x5eedca1100000003 before the call, "
                        + "0x[0-9a-f]+ after return \\[CALLER-PRESERVE\\]"));
        assertThat(res).filteredOn(r -> r.function().equals("ex_tdcall_ret")).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.FAIL));
        assertThat(res).filteredOn(r -> !r.function().equals("ex_tdcall_ret")).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASS));
    }

    @Test
    void rbpInBitmapFails() {
        List<CallerResult> res = run("rbp-in-bitmap");
        assertThat(failures(res)).contains(
                "ex_tdvmcall [normal]: RBP: selected in the TDG.VP.VMCALL bitmap (RCX = 0xfc20, bit 5) at the TDCALL: never expose RBP, "
                        + "the host could replace the frame pointer (and the module refuses it under NO_RBP_MOD) [CALLER-BITMAP-FORBIDDEN]");
        assertThat(res).filteredOn(r -> !r.function().equals("ex_tdvmcall")).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASS));
    }

    @Test
    void r10ReturnedWithoutCheckingRaxFails() {
        List<CallerResult> res = run("r10-unchecked");
        assertThat(failures(res)).containsExactly(
                "ex_tdvmcall [module-error]: R10: returned R10 (0x0) although the TDCALL failed with RAX = 0xc000010000000001 "
                        + "(TDX_OPERAND_INVALID): RAX must be checked before R10 is trusted [CALLER-RAX-BEFORE-R10]");
    }

    @Test
    void hostValueLeftInExposedRegisterFails() {
        List<CallerResult> res = run("r11-not-cleared");
        assertThat(failures(res)).containsExactly(
                "ex_tdvmcall [normal]: R11: still holds 0xb057b0570000000b, a value the host wrote, after return: exposed registers "
                        + "that are not outputs must be cleared after the call [CALLER-HOST-VALUE]");
    }

    @Test
    void leafNumberInWrongRegisterFails() {
        List<CallerResult> res = run("leaf-in-rcx");
        assertThat(failures(res)).contains(
                "ex_tdcall [normal]: RAX: holds 0x5eedca1100000000 at the TDCALL: leaf number 0, expected 1 (TDG.VP.INFO) [CALLER-LEAF]",
                "ex_tdcall [module-error]: RAX: holds 0x5eedca1100000000 at the TDCALL: leaf number 0, expected 1 (TDG.VP.INFO) [CALLER-LEAF]");
        assertThat(res).filteredOn(r -> !r.function().equals("ex_tdcall")).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASS));
    }

    @Test
    void clobberedXmmRegisterFails() {
        List<CallerResult> res = run("xmm-clobber");
        assertThat(failures(res)).containsExactly(
                "ex_inb [normal]: XMM1: not preserved (the custom convention preserves every register except [RAX]): "
                        + "0x5eedc0de000001015eedc0de00000001 before the call, 0x00000000000000000000000000000071 after return [CALLER-XMM]",
                "ex_inb [module-error]: XMM1: not preserved (the custom convention preserves every register except [RAX]): "
                        + "0x5eedc0de000001015eedc0de00000001 before the call, 0x00000000000000000000000000000071 after return [CALLER-XMM]");
    }

    @Test
    void portInResultNotZeroExtendedFails() {
        List<CallerResult> res = run("in-not-zero-extended");
        assertThat(failures(res)).containsExactly(
                "ex_inb [normal]: RAX: returned 0xb057b057000000ab, but R11 was 0xb057b057000000ab: the result is R11[7:0] = 0xab "
                        + "zero-extended [CALLER-RETURN]");
    }

    @Test
    void mapGpaIgnoringRetryFails() {
        List<CallerResult> res = run("retry-ignored");
        assertThat(failures(res)).containsExactly(
                "ex_map_gpa [normal]: R10: returned after the host answered TDG.VP.VMCALL_RETRY with R11 = 0x800000101000: "
                        + "[0x800000101000, 0x800000104000) was never mapped; reissue TDG.VP.VMCALL<MapGPA> from R11 with R13 = end - R11 "
                        + "until the whole range is done [CALLER-RETRY]");
    }

    @Test
    void mapGpaRetryingFromTheStartFails() {
        List<CallerResult> res = run("retry-from-start");
        assertThat(failures(res)).containsExactly(
                "ex_map_gpa [normal]: R12: reissued TDG.VP.VMCALL<MapGPA> from 0x800000100000 at call 2, but the host answered "
                        + "TDG.VP.VMCALL_RETRY with R11 = 0x800000101000: resume from R11 [CALLER-RETRY]",
                "ex_map_gpa [normal]: R13: holds 0x4000 at call 2, but after TDG.VP.VMCALL_RETRY at 0x800000101000 the rest of "
                        + "[0x800000100000, 0x800000104000) is 0x3000 (end - R11) [CALLER-RETRY]");
    }

    /** A host that answers RETRY forever, always at the same GPA: the correct wrapper gives up, a looping one is cut off. */
    @Test
    void aRetryLoopIsBoundedAndAGiveUpWithoutProgressIsAllowed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("always-retry.caller.yaml");
        java.nio.file.Files.writeString(yaml, """
                caller-spec: 1
                name: MapGPA against a host that always answers RETRY
                functions:
                  - symbol: ex_map_gpa
                    convention: sysv
                    issues: TDG.VP.VMCALL<MapGPA>
                    args:
                      - { value: 0x0000800000100000, to: R12 }
                      - { value: 0x4000, to: R13 }
                    returns: host-status
                    error-case: false
                    max-calls: 12
                    fixtures:
                      - { host.answer: { subfunction: MapGPA, status: TDG.VP.VMCALL_RETRY, R11: 0x0000800000101000 } }
                """);
        var r = CallerSpecReader.read(yaml, catalogue);
        assertThat(r.errors()).isEmpty();
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        CallerChecker checker = new CallerChecker(catalogue, HOME, 10_000);
        // Linux-style: one step of progress, then three calls without progress, then it returns RETRY (an error)
        List<CallerResult> ok = checker.certify(HOME.resolve("native/target/callers/libguest-ok.so"), r.spec());
        assertThat(ok).singleElement().satisfies(c -> {
            assertThat(c.status()).as(c.toString()).isEqualTo(Status.PASS);
            assertThat(c.traps()).isEqualTo(4); // progress to 0x800000101000, then three calls without progress
        });
        List<CallerResult> loop = checker.certify(HOME.resolve("native/target/callers/libguest-retry-from-start.so"), r.spec());
        assertThat(failures(loop)).containsExactly(
                "ex_map_gpa [normal]: R12: reissued TDG.VP.VMCALL<MapGPA> from 0x800000100000 at call 2, but the host answered "
                        + "TDG.VP.VMCALL_RETRY with R11 = 0x800000101000: resume from R11 [CALLER-RETRY]",
                "ex_map_gpa [normal]: R13: holds 0x4000 at call 2, but after TDG.VP.VMCALL_RETRY at 0x800000101000 the rest of "
                        + "[0x800000100000, 0x800000104000) is 0x3000 (end - R11) [CALLER-RETRY]",
                "ex_map_gpa [normal]: RIP: issued more than 12 TDCALL calls of TDG.VP.VMCALL<MapGPA> without finishing: a RETRY loop "
                        + "must make progress and end (bounded at max-calls = 12); the run was abandoned [CALLER-RETRY]");
    }

    static boolean harnessHasYmm() throws Exception {
        Path bin = NativeHarness.locate(HOME).orElseThrow();
        try (NativeHarness h = new NativeHarness(bin, HOME.resolve("native/target/callers/libguest-ok.so"), 10_000)) {
            return h.ymm();
        }
    }

    @Test
    void vzeroupperClobbersYmmUpperHalves() throws Exception {
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        assumeTrue(harnessHasYmm(), "this CPU/OS has no AVX state: the YMM upper halves cannot be carried");
        List<CallerResult> res = run("vzeroupper");
        assertThat(failures(res)).contains(
                "ex_outb [normal]: YMM0: upper half (bits 255:128) not preserved (the custom convention preserves every register "
                        + "except [RAX]): 0x5eedc0de000003005eedc0de00000200 before the call, 0x00000000000000000000000000000000 "
                        + "after return [CALLER-YMM]",
                "ex_outb [module-error]: YMM15: upper half (bits 255:128) not preserved (the custom convention preserves every "
                        + "register except [RAX]): 0x5eedc0de0000030f5eedc0de0000020f before the call, "
                        + "0x00000000000000000000000000000000 after return [CALLER-YMM]");
        // VZEROUPPER zeroes all sixteen upper halves and nothing else: 16 failures in each case, no CALLER-XMM
        assertThat(failures(res)).hasSize(32).allSatisfy(m -> assertThat(m).startsWith("ex_outb [").endsWith("[CALLER-YMM]"));
        assertThat(res).filteredOn(r -> !r.function().equals("ex_outb")).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASS));
        // the correct build carries the same YMM values through the trap and back
        assertThat(run("ok")).allSatisfy(r -> assertThat(r.notes()).isEmpty());
    }

    @Test
    void withoutAvxStateTheYmmChecksSaySo() {
        System.setProperty("leafspec.harness.ymm", "off");
        try {
            List<CallerResult> res = run("vzeroupper");
            // the custom-convention functions pass on XMM alone, but every one of their results says YMM was not checked
            assertThat(res).filteredOn(r -> r.function().equals("ex_inb") || r.function().equals("ex_outb")).hasSize(4)
                    .allSatisfy(r -> assertThat(r.notes()).singleElement().asString().matches(
                            "ex_(inb|outb) \\[(normal|module-error)\\]: YMM0\\.\\.YMM15: upper halves \\(bits 255:128\\) NOT CHECKED: "
                                    + "the harness carries no YMM state here \\(no AVX on this CPU/OS, or -Dleafspec\\.harness\\.ymm=off\\), "
                                    + "so only XMM0\\.\\.15 were checked \\[CALLER-YMM\\]"));
            assertThat(res).filteredOn(r -> r.function().startsWith("ex_tdcall")).allSatisfy(r -> assertThat(r.notes()).isEmpty());
        } finally {
            System.clearProperty("leafspec.harness.ymm");
        }
    }

    @Test
    void pipelinedRunsGiveTheResultsOfSingleRuns() throws Exception {
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        Path bin = NativeHarness.locate(HOME).orElseThrow();
        for (String variant : List.of("ok", "r11-not-cleared", "r10-unchecked", "vzeroupper", "leaf-in-rcx")) {
            CallerChecker checker = new CallerChecker(catalogue, HOME, 10_000);
            try (NativeHarness h = new NativeHarness(bin, HOME.resolve("native/target/callers/libguest-" + variant + ".so"), 10_000)) {
                for (CallerSpec.Function f : spec.functions()) {
                    for (boolean err : new boolean[] {false, true}) {
                        CallerResult single = checker.runCase(h, spec, f, err);
                        List<CallerResult> piped = checker.runPipelined(h, spec, f, err, 5);
                        assertThat(piped).as(variant + " " + f.symbol()).hasSize(5).allSatisfy(r -> {
                            assertThat(r.status()).isEqualTo(single.status());
                            assertThat(r.messages()).isEqualTo(single.messages());
                            assertThat(r.traps()).isEqualTo(single.traps()).isPositive();
                        });
                        // and the harness is in step afterwards: a single run still gives the same result
                        assertThat(checker.runCase(h, spec, f, err).messages()).isEqualTo(single.messages());
                    }
                }
            }
        }
    }

    /**
     * A function that hangs, exits, aborts or prints to stdout is reported against itself (CALLER-FAULT with the reason),
     * the harness is restarted, and every other function still runs: the debug printf of ex_chatty goes to stderr and
     * its TDG.VP.INFO passes.
     */
    @Test
    void misbehavingFunctionsAreReportedOneByOneAndTheRunGoesOn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("misbehaving.caller.yaml");
        java.nio.file.Files.writeString(yaml, """
                caller-spec: 1
                name: misbehaving wrappers
                functions:
                  - { symbol: ex_hang, convention: sysv, issues: TDG.VP.INFO, returns: status, error-case: false }
                  - { symbol: ex_exit, convention: sysv, issues: TDG.VP.INFO, returns: status, error-case: false }
                  - { symbol: ex_chatty, convention: sysv, issues: TDG.VP.INFO, returns: status, error-case: false }
                  - { symbol: ex_abort, convention: sysv, issues: TDG.VP.INFO, returns: status, error-case: false }
                """);
        var r = CallerSpecReader.read(yaml, catalogue);
        assertThat(r.errors()).isEmpty();
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        List<CallerResult> res = new CallerChecker(catalogue, HOME, 1500)
                .certify(HOME.resolve("native/target/callers/libguest-misbehaving.so"), r.spec());
        res.forEach(System.out::println);
        assertThat(res).extracting(CallerResult::function).containsExactly("ex_hang", "ex_exit", "ex_chatty", "ex_abort");
        assertThat(res.get(0).messages()).singleElement().asString()
                .startsWith("ex_hang [normal]: RIP: the function did not return: no reply from the harness within 1500 ms")
                .endsWith("[CALLER-FAULT]");
        assertThat(res.get(1).messages()).singleElement().asString()
                .startsWith("ex_exit [normal]: RIP: the process ended while the function ran (exited (code 3))")
                .endsWith("[CALLER-FAULT]");
        assertThat(res.get(2).status()).as(res.get(2).toString()).isEqualTo(Status.PASS);
        assertThat(res.get(3).messages()).singleElement().asString()
                .startsWith("ex_abort [normal]: RIP: the process ended while the function ran (exited (code 134, signal 6))")
                .endsWith("[CALLER-FAULT]");
    }
}

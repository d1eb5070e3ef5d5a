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

/** Runs the example host-side SEAMCALL helper (examples/callers/host, built by native/build.sh) through the harness. */
class ExampleHostCallersTest {
    static final Path HOME = ExampleCallersTest.HOME;
    static Catalogue catalogue;
    static CallerSpec spec;

    @BeforeAll
    static void load() throws Exception {
        catalogue = SpecLoader.loadCatalogue(HOME.resolve("leaf-specs"));
        var r = CallerSpecReader.read(HOME.resolve("examples/callers/host/host-helpers.caller.yaml"), catalogue);
        assertThat(r.errors()).isEmpty();
        spec = r.spec();
    }

    static List<CallerResult> run(String variant) {
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        List<CallerResult> res = new CallerChecker(catalogue, HOME, 10_000)
                .certify(HOME.resolve("native/target/callers/libhost-" + variant + ".so"), spec);
        res.forEach(System.out::println);
        return res;
    }

    @Test
    void correctSeamcallHelperPasses() {
        List<CallerResult> res = run("ok");
        assertThat(res).hasSize(4).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS));
        assertThat(res).allSatisfy(r -> assertThat(r.traps()).isEqualTo(1));
    }

    @Test
    void fieldIdNotLoadedFails() {
        List<CallerResult> res = run("rdx-not-loaded");
        assertThat(res.stream().flatMap(r -> r.messages().stream())).contains(
                "ex_seamcall_ret [normal]: RDX: holds 0x5eedca1100000002 at the SEAMCALL, but the caller passed 0x800000100000004 "
                        + "(args[1].RDX) [CALLER-INPUT]",
                "ex_seamcall_ret [module-error]: RDX: holds 0x5eedca1100000002 at the SEAMCALL, but the caller passed 0x800000100000004 "
                        + "(args[1].RDX) [CALLER-INPUT]");
        assertThat(res).filteredOn(r -> r.function().equals("ex_seamcall_ret")).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.FAIL));
        assertThat(res).filteredOn(r -> !r.function().equals("ex_seamcall_ret")).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASS));
    }

    @Test
    void savedRegistersWrapperThatDoesNotSaveRbxFails() {
        List<CallerResult> res = run("rbx-not-saved");
        assertThat(res.stream().flatMap(r -> r.messages().stream())).containsExactly(
                "ex_seamcall_saved_ret [normal]: RBX: not preserved (SysV callee-saved): 0x5eedca1100000003 before the call, "
                        + "0x6e57000000000303 after return [CALLER-PRESERVE]",
                "ex_seamcall_saved_ret [module-error]: RBX: not preserved (SysV callee-saved): 0x5eedca1100000003 before the call, "
                        + "0x0 after return [CALLER-PRESERVE]");
    }

    @Test
    void savedRegistersWrapperThatDoesNotRestoreRbpFails() {
        List<CallerResult> res = run("rbp-not-restored");
        // normal case: the TD exit hands the host the guest's RBP (selected in the guest's bitmap)
        assertThat(res.stream().flatMap(r -> r.messages().stream())).contains(
                "ex_seamcall_saved_ret [normal]: RBP: not preserved (SysV callee-saved): 0x5eedca1100000005 before the call, "
                        + "0x6e57000000000505 after return [CALLER-PRESERVE]")
                .anySatisfy(m -> assertThat(m).startsWith("ex_seamcall_saved_ret [module-error]: RBP: not preserved").endsWith("[CALLER-PRESERVE]"));
        assertThat(res).filteredOn(r -> r.function().equals("ex_seamcall_ret")).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASS));
    }

    /** The TD entry really ran: the results the spec declares are checked against the TD exit, so a wrong mapping fails. */
    @Test
    void tdEntryResultsAreChecked() throws Exception {
        String yaml = java.nio.file.Files.readString(HOME.resolve("examples/callers/host/host-helpers.caller.yaml"))
                .replace("arg1.RBX: RBX", "arg1.RBX: RSI");
        var r = CallerSpecReader.read("swapped.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), catalogue);
        assertThat(r.errors()).isEmpty();
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        List<CallerResult> res = new CallerChecker(catalogue, HOME, 10_000).certify(HOME.resolve("native/target/callers/libhost-ok.so"), r.spec());
        assertThat(res.stream().flatMap(c -> c.messages().stream())).containsExactly(
                "ex_seamcall_saved_ret [normal]: RSI: args[1].RBX holds 0x6e57000000000303 after return, but the SEAMCALL returned "
                        + "0x6e57000000000606 in RSI [CALLER-RESULT]");
    }

    @Test
    void aSetupSeamcallThatFailsIsAHarnessError() throws Exception {
        String yaml = java.nio.file.Files.readString(HOME.resolve("examples/callers/host/host-helpers.caller.yaml"))
                .replace("TDH.MNG.CREATE: { RCX: 0x40000000, RDX: 33 }", "TDH.MNG.CREATE: { RCX: 0x40000000, RDX: 1 }");
        var r = CallerSpecReader.read("bad-setup.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), catalogue);
        assertThat(r.errors()).isEmpty();
        assumeTrue(NativeHarness.unavailableReason(HOME).isEmpty(), () -> NativeHarness.unavailableReason(HOME).get());
        List<CallerResult> res = new CallerChecker(catalogue, HOME, 10_000).certify(HOME.resolve("native/target/callers/libhost-ok.so"), r.spec());
        assertThat(res).filteredOn(c -> c.function().equals("ex_seamcall_saved_ret")).hasSize(2).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.messages()).singleElement().satisfies(m -> assertThat(m).contains("the fixture TDH.MNG.CREATE")
                    .contains("the caller spec's fixtures do not reach the state the function needs [CALLER-HARNESS]"));
        });
    }
}

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
        assertThat(res).hasSize(2).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS));
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
        assertThat(res).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.FAIL));
    }
}

package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SEAMCALL instruction's own failure mode: with no SEAM module loaded SEAMCALL completes VMfailInvalid —
 * RFLAGS.CF = 1 and no register written (RAX keeps the leaf number; Linux arch/x86/virt/vmx/tdx turns this into the
 * software value TDX_SEAMCALL_VMFAILINVALID, which is not a module status). Fixture {@code platform.seam}.
 */
public class SeamcallFailureSteps {
    private final World world;

    public SeamcallFailureSteps(World world) {
        this.world = world;
    }

    /** Fixture platform.seam, state unloaded: every following SEAMCALL fails VMfailInvalid. */
    @Given("the SEAM module is not loaded")
    public void notLoaded() {
        world.fixture("platform.seam", Map.of("state", "unloaded"));
    }

    /** RFLAGS bit 0 after the last call. */
    @Then("RFLAGS.CF is {int}")
    public void cfIs(int cf) {
        long got = world.after().rflags() & 1;
        assertThat(got).withFailMessage("%s: RFLAGS.CF (RFLAGS bit 0) expected %d, got %d (RFLAGS = %s)", world.where(), cf,
                got, Hex.of(world.after().rflags())).isEqualTo(cf);
    }

    /** VMfailInvalid writes no register: every GPR (RAX included) and XMM as before the call. */
    @Then("every register is unchanged except RFLAGS")
    public void unchangedExceptRflags() {
        RegisterFile b = world.before();
        RegisterFile a = world.after();
        for (Gpr g : Gpr.values()) {
            assertThat(a.get(g)).withFailMessage("%s: %s must be unchanged by a SEAMCALL that fails VMfailInvalid: expected %s, got %s",
                    world.where(), g, Hex.of(b.get(g)), Hex.of(a.get(g))).isEqualTo(b.get(g));
        }
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            final int n = i;
            assertThat(a.xmmLow(n) == b.xmmLow(n) && a.xmmHigh(n) == b.xmmHigh(n)).withFailMessage(
                    "%s: XMM%d must be unchanged by a SEAMCALL that fails VMfailInvalid: expected %s:%s, got %s:%s", world.where(), n,
                    Hex.of(b.xmmHigh(n)), Hex.of(b.xmmLow(n)), Hex.of(a.xmmHigh(n)), Hex.of(a.xmmLow(n))).isTrue();
        }
    }
}

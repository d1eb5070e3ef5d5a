package dev.leafspec.steps;

import io.cucumber.java.en.Given;

import java.util.Map;

/**
 * Host-side (SEAMCALL) setup steps: the platform fixtures of docs/fixtures.md ("platform.ready", "platform.lp").
 */
public class HostModelSteps {
    private final World world;

    public HostModelSteps(World world) {
        this.world = world;
    }

    /** Fixture platform.ready: the module is READY (TDH.SYS.INIT ... TDH.SYS.TDMR.INIT done). */
    @Given("an initialized TDX module")
    public void initializedModule() {
        world.fixture("platform.ready", Map.of());
    }

    /** Fixture platform.lp: the following SEAMCALLs run on logical processor {@code lp}. */
    @Given("the VMM runs on logical processor {int}")
    public void onLp(int lp) {
        world.fixture("platform.lp", Map.of("lp", Integer.toString(lp)));
    }
}

package dev.leafspec.steps;

import dev.leafspec.api.RegisterFile;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Setting up a TD migration export: a migratable host-built TD, the migration keys its Migration TD would write, host
 * memory for the page list; and the vector-state check after an AES-GCM leaf.
 */
public class MigrationSteps {
    private final World world;
    private final TdBuildSteps td;

    public MigrationSteps(World world, TdBuildSteps td) {
        this.world = world;
        this.td = td;
    }

    /** TD_PARAMS.ATTRIBUTES bit 29 (MIGRATABLE) for the TD built next (write it before {@code a TD built with ...}). */
    @Given("the VMM creates the TD with ATTRIBUTES.MIGRATABLE")
    public void migratable() {
        td.attributes |= 1L << 29;
    }

    /** Fixture migtd.keys on the TD: its Migration TD has written MIG_DEC_KEY/MIG_ENC_KEY (TDCS.MIG_DEC_KEY_SET). */
    @Given("the migration TD has set the TD's migration keys")
    public void keys() {
        Long tdr = td.names.get("TDR");
        if (tdr == null) throw new IllegalStateException("no TD was built in this scenario");
        world.fixture("migtd.keys", Map.of("tdr", "0x" + Long.toHexString(tdr)));
    }

    /** Fixture host.memory with 64-bit little-endian values (e.g. a migration page list of buffer HPAs). */
    @Given("host memory at {hex} holds the qwords {string}")
    public void qwords(Long hpa, String values) {
        world.fixture("host.memory", Map.of("hpa", "0x" + Long.toHexString(hpa), "qwords", values));
    }

    /** After a flow that ran AES-GCM the module zeroes XMM0-15 (tdx_vmm_dispatcher.c clear_xmms). */
    @Then("XMM0 to XMM15 are 0x0")
    public void xmmsZero() {
        RegisterFile a = world.after();
        for (int i = 0; i < RegisterFile.XMM_COUNT; i++) {
            final int n = i;
            assertThat(a.xmmLow(n) == 0 && a.xmmHigh(n) == 0).withFailMessage(
                    "%s: XMM%d must be 0x0 after a flow that ran AES-GCM, got %s:%s", world.where(), n,
                    Hex.of(a.xmmHigh(n)), Hex.of(a.xmmLow(n))).isTrue();
        }
    }
}

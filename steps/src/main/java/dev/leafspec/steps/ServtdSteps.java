package dev.leafspec.steps;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service-TD binding (TDH.SERVTD.BIND / PREBIND): a second host-built TD to act as the service TD, host memory for a
 * pre-bound hash, and the checks of BIND's outputs against TD_UUIDs read with TDH.MNG.RD.
 *
 * <p>The second TD is built with real SEAMCALLs on the module the first TD's build initialised ({@code a TD ...} first):
 * private pages from the top of the TDMR downward (0x7FFFF000, ...), HKIDs 63, 62, ..., TD_PARAMS at shared HPA
 * 0x30100000 (XFAM 3, EPTP WB + 4-level walk, TSC 100 x 25 MHz), TDCS/TDVPS page counts from TDH.SYS.RD, the key
 * configured on every package, every VCPU initialised, no private page, TDH.MR.FINALIZE (RUNNABLE). Its pages are
 * named {@code TDR2} and {@code TDVPR_TD2} in {@code the VMM calls ... on the TD with:} tables.
 */
public class ServtdSteps {
    static final long PARAMS2 = 0x3010_0000L, TDMR_TOP = 0x8000_0000L;
    static final long FIELD_TD_UUID = 0x8010000300000020L;
    static final long KEY_CONFIGURED = 0x0000081500000000L, LIFECYCLE_STATE_INCORRECT = 0xC000060700000000L;

    private final World world;
    private final TdBuildSteps td;
    private long nextTop = TDMR_TOP;
    private long nextHkid = 63;
    /** TD_PARAMS of the second TD when a scenario gives them (TdParamsSteps); MAX_VCPUS is set from the VCPU count. */
    byte[] params2;

    public ServtdSteps(World world, TdBuildSteps td) {
        this.world = world;
        this.td = td;
    }

    @Given("a second TD built with {int} VCPU(s)")
    public void secondTd(int vcpus) {
        if (!td.names.containsKey("TDR")) throw new IllegalStateException("a second TD needs a first one ('a TD ...' before it)");
        long tdr = alloc();
        ok("TDH.MNG.CREATE", "RCX", tdr, "RDX", nextHkid--);
        for (int lp = 0; ; lp++) {
            try {
                world.fixture("platform.lp", Map.of("lp", Integer.toString(lp)));
            } catch (IllegalArgumentException e) {
                break;
            }
            long s = call("TDH.MNG.KEY.CONFIG", "RCX", tdr) & 0xFFFFFFFF00000000L;
            if (s == LIFECYCLE_STATE_INCORRECT) break;
            if (s != 0 && s != KEY_CONFIGURED) fail("TDH.MNG.KEY.CONFIG", s);
        }
        world.fixture("platform.lp", Map.of("lp", "0"));
        long tdcsPages = sysRd(TdBuildSteps.FIELD_TDCS_BASE_SIZE) / 4096;
        for (int i = 0; i < tdcsPages; i++) ok("TDH.MNG.ADDCX", "RCX", alloc(), "RDX", tdr);
        byte[] p = new byte[1024];
        putLe(p, 8, 3, 8);
        putLe(p, 16, Math.max(vcpus, 1), 2);
        putLe(p, 24, 6 | (3 << 3), 8);
        putLe(p, 40, 100, 2);
        if (params2 != null) {
            p = params2.clone();
            putLe(p, 16, Math.max(vcpus, 1), 2);
        }
        world.fixture("host.memory", Map.of("hpa", hex(PARAMS2), "bytes", Hex.bytesOf(p)));
        ok("TDH.MNG.INIT", "RCX", tdr, "RDX", PARAMS2);
        long tdvpsPages = sysRd(TdBuildSteps.FIELD_TDVPS_BASE_SIZE) / 4096;
        for (int v = 0; v < vcpus; v++) {
            long tdvpr = alloc();
            if (v == 0) td.names.put("TDVPR_TD2", tdvpr);
            ok("TDH.VP.CREATE", "RCX", tdvpr, "RDX", tdr);
            for (int i = 1; i < tdvpsPages; i++) ok("TDH.VP.ADDCX", "RCX", alloc(), "RDX", tdvpr);
            ok("TDH.VP.INIT", "RCX", tdvpr, "RDX", 0);
        }
        ok("TDH.MR.FINALIZE", "RCX", tdr);
        td.names.put("TDR2", tdr);
    }

    /** Fixture host.memory: {@code length} bytes of {@code fill} at a host physical address (e.g. a PREBIND hash). */
    @Given("host memory at {hex} holds {int} bytes of {hex}")
    public void hostMemory(Long hpa, int length, Long fill) {
        world.fixture("host.memory", Map.of("hpa", hex(hpa), "fill", hex(fill), "length", Integer.toString(length)));
    }

    /**
     * RCX = (TDR | slot) + the second TD's TD_UUID bits 63:0 (service_td.h create_servtd_binding_handle), TD_UUID read
     * with TDH.MNG.RD after the call (the checked call stays the scenario's last call).
     */
    @Then("RCX is the binding handle of slot {int} for the second TD")
    public void bindingHandle(int slot) {
        RegisterFile got = world.after();
        long uuid0 = readUuid("TDR2")[0];
        long expected = ((td.names.get("TDR") & 0x000F_FFFF_FFFF_F000L) | slot) + uuid0;
        assertThat(got.gpr(1)).withFailMessage("%s: RCX (BINDING_HANDLE) expected %s = (TDR | slot %d) + the service TD's TD_UUID[63:0] %s, got %s",
                world.where(), Hex.of(expected), slot, Hex.of(uuid0), Hex.of(got.gpr(1))).isEqualTo(expected);
    }

    /** R10..R13 = the target TD's TD_UUID qwords 0..3 (read with TDH.MNG.RD). */
    @Then("R10 to R13 hold the TD's TD_UUID")
    public void targetUuid() {
        RegisterFile got = world.after();
        long[] uuid = readUuid("TDR");
        for (int i = 0; i < 4; i++) {
            assertThat(got.gpr(10 + i)).withFailMessage("%s: R%d expected TD_UUID[%d] %s, got %s", world.where(), 10 + i, i,
                    Hex.of(uuid[i]), Hex.of(got.gpr(10 + i))).isEqualTo(uuid[i]);
        }
    }

    /** Reads TD_UUID of the TD named {@code tdName} with TDH.MNG.RD, then restores the scenario's last call. */
    private long[] readUuid(String tdName) {
        LeafSpec savedLeaf = world.leaf;
        RegisterFile savedBefore = world.before, savedAfter = world.after;
        long[] u = new long[4];
        try {
            LeafSpec rd = world.catalogue.requireLeaf("TDH.MNG.RD");
            for (int e = 0; e < 4; e++) {
                world.call(rd, Instruction.SEAMCALL, world.prepare(rd, 0, Map.of("RCX", td.names.get(tdName), "RDX", FIELD_TD_UUID + e)));
                if (world.after().gpr(0) != 0) fail("TDH.MNG.RD TD_UUID", world.after().gpr(0));
                u[e] = world.after().gpr(8);
            }
        } finally {
            world.leaf = savedLeaf;
            world.before = savedBefore;
            world.after = savedAfter;
        }
        return u;
    }

    private long alloc() {
        nextTop -= 0x1000;
        return nextTop;
    }

    private long sysRd(long field) {
        LeafSpec rd = world.catalogue.requireLeaf("TDH.SYS.RD");
        world.call(rd, Instruction.SEAMCALL, world.prepare(rd, 0, Map.of("RDX", field)));
        if (world.after().gpr(0) != 0) fail("TDH.SYS.RD", world.after().gpr(0));
        return world.after().gpr(8);
    }

    private long call(String leafName, Object... regsAndValues) {
        LeafSpec leaf = world.catalogue.requireLeaf(leafName);
        Map<String, Long> v = new LinkedHashMap<>();
        for (int i = 0; i < regsAndValues.length; i += 2) v.put((String) regsAndValues[i], ((Number) regsAndValues[i + 1]).longValue());
        world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, 0, v));
        return world.after().gpr(0);
    }

    private void ok(String leafName, Object... regsAndValues) {
        long s = call(leafName, regsAndValues);
        if (s != 0) fail(leafName, s);
    }

    private static void fail(String leaf, long status) {
        throw new AssertionError(String.format("building the second TD: %s returned 0x%016X", leaf, status));
    }

    private static void putLe(byte[] b, int off, long v, int len) {
        for (int i = 0; i < len; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}

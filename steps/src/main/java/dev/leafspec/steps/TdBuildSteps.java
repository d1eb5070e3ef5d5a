package dev.leafspec.steps;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host-built TD: composite steps that build a TD through real SEAMCALLs ({@link World#call}), remember the HPAs
 * they used, and let later register tables name them ({@code TDR}, {@code TDVPR}, {@code TDVPR2}, {@code FREE_PAGE},
 * {@code SOURCE_PAGE}, {@code GPA_PAGE1}). See docs/steps.md "Host-built TDs".
 *
 * <p>Layout: TD_PARAMS at shared HPA 0x30000000 and source pages from 0x30001000 (written with fixture host.memory);
 * private pages are handed out from the TDMR of {@code platform.ready} in order, starting at 0x40000000. The sizes the
 * build needs come from the module itself (TDH.SYS.RD TDCS_BASE_SIZE and TDVPS_BASE_SIZE); TDH.MNG.KEY.CONFIG runs on
 * LP 0, 1, 2, ... until every package has the key (the module answers TDX_KEY_CONFIGURED for a package done already).
 */
public class TdBuildSteps {
    static final long PARAMS = 0x3000_0000L, SOURCE = 0x3000_1000L, TDMR_BASE = 0x4000_0000L;
    static final long FIELD_TDCS_BASE_SIZE = 0x9800000100000100L, FIELD_TDVPS_BASE_SIZE = 0x9800000100000200L;
    static final long FIELD_MRTD = 0x1310000300000000L;
    static final long KEY_CONFIGURED = 0x0000081500000000L, LIFECYCLE_STATE_INCORRECT = 0xC000060700000000L;

    private final World world;
    private long nextFree = TDMR_BASE;
    private long tdr;
    /** HKIDs handed to TDH.MNG.CREATE: 33, 34, ... (32 is the global private HKID of platform.ready) */
    private long nextHkid = 33;
    private final List<Long> tdvprs = new ArrayList<>();
    /** Register-table placeholders (TDR, TDVPR, GPA_PAGE1, ...; ServtdSteps adds TDR2, TDVPR_TD2). */
    final Map<String, Long> names = new LinkedHashMap<>();
    /** The MRTD the scenario expects, computed here from what it added. */
    private MessageDigest mrtd;
    /** TD_PARAMS.CONFIG_FLAGS of the TD to build (bit 2 NO_RBP_MOD; set by GuestProgramSteps). */
    long configFlags;
    /** TD_PARAMS.ATTRIBUTES of the TD to build (bit 29 MIGRATABLE; set by MigrationSteps). */
    long attributes;

    public TdBuildSteps(World world) {
        this.world = world;
    }

    // ------------------------------------------------------------------ Given

    @Given("a TD built with {int} VCPU(s) and {int} private page(s)")
    public void built(int vcpus, int pages) {
        buildUpTo("finalized", vcpus, pages);
    }

    @Given("a TD built with {int} VCPU(s) and {int} private page(s), not finalized")
    public void builtNotFinalized(int vcpus, int pages) {
        buildUpTo("measured", vcpus, pages);
    }

    /** Stages: created (TDH.MNG.CREATE), keyed (+ TDH.MNG.KEY.CONFIG per package), tdcs (+ TDH.MNG.ADDCX). */
    @Given("a TD that is {word}")
    public void partial(String stage) {
        buildUpTo(stage, 0, 0);
    }

    @Given("the TD's TDR page is locked by another flow")
    public void lockTdr() {
        world.fixture("host.lock", Map.of("hpa", hex(tdr)));
    }

    private void buildUpTo(String stage, int vcpus, int pages) {
        List<String> order = List.of("created", "keyed", "tdcs", "initialized", "measured", "finalized");
        int upTo = order.indexOf(stage.toLowerCase(Locale.ROOT));
        if (upTo < 0) throw new IllegalArgumentException("a TD that is " + stage + ": one of " + order);
        world.fixture("platform.ready", Map.of());
        tdr = alloc();
        names.put("TDR", tdr);
        ok("TDH.MNG.CREATE", "RCX", tdr, "RDX", nextHkid++);
        if (upTo < 1) return;
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
        if (upTo < 2) return;
        long tdcsPages = sysRd(FIELD_TDCS_BASE_SIZE) / 4096;
        for (int i = 0; i < tdcsPages; i++) ok("TDH.MNG.ADDCX", "RCX", alloc(), "RDX", tdr);
        if (upTo < 3) return;
        // TD_PARAMS: ATTRIBUTES 0, XFAM x87|SSE, MAX_VCPUS, EPTP_CONTROLS WB + 4-level walk, TSC 2.5 GHz (100 x 25 MHz)
        byte[] p = new byte[1024];
        putLe(p, 0, attributes, 8);
        putLe(p, 8, 3, 8);
        putLe(p, 16, Math.max(vcpus, 1), 2);
        putLe(p, 24, 6 | (3 << 3), 8);
        putLe(p, 32, configFlags, 8);
        putLe(p, 40, 100, 2);
        world.fixture("host.memory", Map.of("hpa", hex(PARAMS), "bytes", Hex.bytesOf(p)));
        ok("TDH.MNG.INIT", "RCX", tdr, "RDX", PARAMS);
        mrtd = sha384();
        long tdvpsPages = sysRd(FIELD_TDVPS_BASE_SIZE) / 4096;
        for (int v = 0; v < vcpus; v++) {
            long tdvpr = alloc();
            tdvprs.add(tdvpr);
            names.put(v == 0 ? "TDVPR" : "TDVPR" + (v + 1), tdvpr);
            ok("TDH.VP.CREATE", "RCX", tdvpr, "RDX", tdr);
            for (int i = 1; i < tdvpsPages; i++) ok("TDH.VP.ADDCX", "RCX", alloc(), "RDX", tdvpr);
            ok("TDH.VP.INIT", "RCX", tdvpr, "RDX", 0);
        }
        if (upTo < 4) return;
        if (pages > 0) {
            for (int level = 3; level >= 1; level--) ok("TDH.MEM.SEPT.ADD", "RCX", level, "RDX", tdr, "R8", alloc());
        }
        for (int i = 0; i < pages; i++) {
            long gpa = 0x1000L * i, src = SOURCE + 0x1000L * i;
            byte[] data = new byte[4096];
            for (int b = 0; b < data.length; b++) data[b] = (byte) (i * 31 + b);
            world.fixture("host.memory", Map.of("hpa", hex(src), "bytes", Hex.bytesOf(data)));
            ok("TDH.MEM.PAGE.ADD", "RCX", gpa, "RDX", tdr, "R8", alloc(), "R9", src);
            mrtd.update(block("MEM.PAGE.ADD", gpa));
            for (int c = 0; c < 16; c++) {
                ok("TDH.MR.EXTEND", "RCX", gpa + 256L * c, "RDX", tdr);
                mrtd.update(block("MR.EXTEND", gpa + 256L * c));
                mrtd.update(data, 256 * c, 256);
            }
            names.put("GPA_PAGE" + (i + 1), gpa);
        }
        names.put("SOURCE_PAGE", SOURCE);
        if (upTo < 5) return;
        ok("TDH.MR.FINALIZE", "RCX", tdr);
    }

    // ------------------------------------------------------------------ When

    /** A register table whose values may name the TD's pages: TDR, TDVPR, TDVPR2, FREE_PAGE, SOURCE_PAGE, GPA_PAGE1. */
    @When("the VMM calls {leaf} on the TD with:")
    public void callOnTd(LeafSpec leaf, DataTable table) {
        callOnTd(leaf, 0, table);
    }

    @When("the VMM calls {leaf} version {int} on the TD with:")
    public void callOnTd(LeafSpec leaf, int version, DataTable table) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (List<String> row : table.asLists()) {
            String reg = row.get(0).trim().toUpperCase(Locale.ROOT);
            if (reg.equals("REGISTER")) continue;
            v.put(reg, resolve(row.get(1)));
        }
        world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, version, v));
    }

    // ------------------------------------------------------------------ Then

    /**
     * Reads MRTD with TDH.MNG.RD (six 8-byte elements) and compares it with the SHA-384 this class computed from the
     * pages the scenario added: per page one 128-byte block "MEM.PAGE.ADD" | GPA, then per 256-byte chunk a block
     * "MR.EXTEND" | GPA followed by the chunk (TDX module ABI spec, TDH.MEM.PAGE.ADD / TDH.MR.EXTEND).
     */
    @Then("the TD's MRTD is the SHA-384 of what the VMM added and extended")
    public void mrtdMatches() {
        assertThat(mrtd).as("no TD was measured in this scenario").isNotNull();
        byte[] expected = mrtd.digest();
        LeafSpec rd = world.catalogue.requireLeaf("TDH.MNG.RD");
        byte[] got = new byte[48];
        for (int e = 0; e < 6; e++) {
            RegisterFile r = world.prepare(rd, 0, Map.of("RCX", tdr, "RDX", FIELD_MRTD + e));
            world.call(rd, Instruction.SEAMCALL, r);
            assertThat(world.after().gpr(0)).as("TDH.MNG.RD MRTD[%d]", e).isZero();
            putLe(got, 8 * e, world.after().gpr(8), 8);
        }
        assertThat(Hex.bytesOf(got)).as("MRTD").isEqualTo(Hex.bytesOf(expected));
    }

    // ------------------------------------------------------------------ helpers

    long resolve(String text) {
        String t = text.trim();
        String u = t.toUpperCase(Locale.ROOT);
        if (u.equals("FREE_PAGE")) return alloc();
        Long n = names.get(u);
        if (n != null) return n;
        if (Character.isLetter(t.charAt(0))) throw new IllegalArgumentException("unknown TD placeholder '" + t + "' (known: " + names.keySet() + ", FREE_PAGE)");
        return GuestSteps.value(t);
    }

    private long alloc() {
        long p = nextFree;
        nextFree += 0x1000;
        return p;
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
        for (int i = 0; i < regsAndValues.length; i += 2) {
            v.put((String) regsAndValues[i], ((Number) regsAndValues[i + 1]).longValue());
        }
        world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, 0, v));
        return world.after().gpr(0);
    }

    private void ok(String leafName, Object... regsAndValues) {
        long s = call(leafName, regsAndValues);
        if (s != 0) fail(leafName, s);
    }

    private static void fail(String leaf, long status) {
        throw new AssertionError(String.format("building the TD: %s returned 0x%016X", leaf, status));
    }

    private static byte[] block(String tag, long gpa) {
        byte[] b = new byte[128];
        byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, t.length);
        putLe(b, 16, gpa, 8);
        return b;
    }

    private static void putLe(byte[] b, int off, long v, int len) {
        for (int i = 0; i < len; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.leafspec.steps;

import dev.leafspec.api.Instruction;
import dev.leafspec.spec.model.LeafSpec;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TD_PARAMS written field by field, VCPUs and TDCS pages added step by step to a host-built TD, and the TD's
 * measurement-derived hashes (SERVTD_HASH, a service TD's TEE_INFO_HASH) recomputed here from what the scenario did
 * and what TDH.MNG.RD reports. Everything goes through SEAMCALLs and fixture {@code host.memory}.
 *
 * <p>TD_PARAMS layout (TDX module ABI spec TD_PARAMS; intel/tdx-module tdx_1.5 include/tdx_api_defs.h td_params_t):
 * ATTRIBUTES @0 (8), XFAM @8 (8), MAX_VCPUS @16 (2), NUM_L2_VMS @18 (1), MSR_CONFIG_CTLS @19 (1), reserved @20 (4),
 * EPTP_CONTROLS @24 (8), CONFIG_FLAGS @32 (8), TSC_FREQUENCY @40 (2), reserved @42 (38), MRCONFIGID @80,
 * MROWNER @128, MROWNERCONFIG @176 (48 each), IA32_ARCH_CAPABILITIES_CONFIG @224 (8), reserved @232 (24),
 * CPUID_CONFIG @256, reserved to 1024.
 */
public class TdParamsSteps {
    /** Field name → {offset, length}. */
    static final Map<String, int[]> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("ATTRIBUTES", new int[] {0, 8});
        FIELDS.put("XFAM", new int[] {8, 8});
        FIELDS.put("MAX_VCPUS", new int[] {16, 2});
        FIELDS.put("NUM_L2_VMS", new int[] {18, 1});
        FIELDS.put("MSR_CONFIG_CTLS", new int[] {19, 1});
        FIELDS.put("EPTP_CONTROLS", new int[] {24, 8});
        FIELDS.put("CONFIG_FLAGS", new int[] {32, 8});
        FIELDS.put("TSC_FREQUENCY", new int[] {40, 2});
        FIELDS.put("MRCONFIGID", new int[] {80, 48});
        FIELDS.put("MROWNER", new int[] {128, 48});
        FIELDS.put("MROWNERCONFIG", new int[] {176, 48});
    }

    static final long FIELD_ATTRIBUTES = 0x1110000300000000L, FIELD_XFAM = 0x1110000300000001L;
    static final long FIELD_MRTD = 0x1310000300000000L, FIELD_MRCONFIGID = 0x1310000300000010L,
            FIELD_MROWNER = 0x1310000300000018L, FIELD_MROWNERCONFIG = 0x1310000300000020L,
            FIELD_SERVTD_HASH = 0x9910000300000000L;

    private static final Pattern FILL = Pattern.compile("(\\d+) bytes of (0x[0-9a-fA-F]+)");

    private final World world;
    private final TdBuildSteps td;
    private final ServtdSteps servtd;

    public TdParamsSteps(World world, TdBuildSteps td, ServtdSteps servtd) {
        this.world = world;
        this.td = td;
        this.servtd = servtd;
    }

    /**
     * A 1024-byte TD_PARAMS at a shared HPA. Fields the table does not name hold what {@code a TD built with ...} uses:
     * XFAM 0x3 (x87, SSE), MAX_VCPUS 1, EPTP_CONTROLS 0x1E (WB, 4-level walk), TSC_FREQUENCY 100 (x 25 MHz), others 0.
     * Keys: a field name with a number (48-byte fields: {@code 48 bytes of 0x11}), or {@code byte N} for any byte.
     */
    @Given("host memory at {hex} holds TD_PARAMS with:")
    public void tdParams(Long hpa, DataTable table) {
        world.fixture("host.memory", Map.of("hpa", hex(hpa), "bytes", Hex.bytesOf(build(table))));
    }

    /**
     * The TD_PARAMS of {@code a second TD built with ...} (written before it): as {@code host memory at ... holds
     * TD_PARAMS with:}, MAX_VCPUS then set to the second TD's VCPU count.
     */
    @Given("the second TD is created with TD_PARAMS:")
    public void secondTdParams(DataTable table) {
        servtd.params2 = build(table);
    }

    static byte[] build(DataTable table) {
        byte[] p = new byte[1024];
        putLe(p, 8, 3, 8);
        putLe(p, 16, 1, 2);
        putLe(p, 24, 6 | (3 << 3), 8);
        putLe(p, 40, 100, 2);
        for (List<String> row : table.asLists()) {
            String key = row.get(0).trim().toUpperCase(Locale.ROOT), value = row.get(1).trim();
            if (key.equals("FIELD")) continue;
            if (key.startsWith("BYTE ")) {
                p[Integer.parseInt(key.substring(5).trim())] = (byte) GuestSteps.value(value);
                continue;
            }
            int[] f = FIELDS.get(key);
            if (f == null) throw new IllegalArgumentException("unknown TD_PARAMS field " + key + " (known: " + FIELDS.keySet() + ", byte N)");
            Matcher m = FILL.matcher(value);
            if (m.matches()) {
                if (Integer.parseInt(m.group(1)) != f[1]) throw new IllegalArgumentException(key + " has " + f[1] + " bytes");
                java.util.Arrays.fill(p, f[0], f[0] + f[1], (byte) Long.decode(m.group(2)).longValue());
            } else {
                putLe(p, f[0], GuestSteps.value(value), f[1]);
            }
        }
        return p;
    }

    /** TDH.MNG.ADDCX of n more pages (FREE_PAGE) to the TD; each must succeed. */
    @Given("the VMM adds {int} more TDCS page(s) to the TD")
    public void addTdcs(int n) {
        for (int i = 0; i < n; i++) ok("TDH.MNG.ADDCX", "RCX", td.resolve("FREE_PAGE"), "RDX", td.resolve("TDR"));
    }

    /**
     * TDH.VP.CREATE of a new VCPU (its TDVPR a FREE_PAGE, named {@code name} in later register tables), then
     * TDH.VP.ADDCX until it has {@code pages} TDVPS pages (the TDVPR counts); each call must succeed.
     */
    @Given("the VMM creates VCPU {word} of the TD with {int} TDVPS page(s)")
    public void createVcpu(String name, int pages) {
        long tdvpr = td.resolve("FREE_PAGE");
        ok("TDH.VP.CREATE", "RCX", tdvpr, "RDX", td.resolve("TDR"));
        td.names.put(name.toUpperCase(Locale.ROOT), tdvpr);
        addTdvps(pages - 1, name);
    }

    @Given("the VMM adds {int} TDVPS page(s) to {word}")
    public void addTdvps(int n, String name) {
        long tdvpr = td.resolve(name);
        for (int i = 0; i < n; i++) ok("TDH.VP.ADDCX", "RCX", td.resolve("FREE_PAGE"), "RDX", tdvpr);
    }

    /**
     * The service TD's TEE_INFO_HASH as TDH.SERVTD.BIND computes it (TDX module ABI spec TDH.SERVTD.BIND; tdx_1.5
     * helpers.c get_teeinfohash): SHA-384 of its 512-byte TDINFO_STRUCT — ATTRIBUTES @0, XFAM @8, MRTD @16,
     * MRCONFIGID @64, MROWNER @112, MROWNERCONFIG @160, RTMR0..3 @208 (zero: the service TD has not run), SERVTD_HASH
     * @400 — with the fields whose bit is set in {@code ignore} (SERVTD_ATTR bits 42:32 IGNORE_TDINFO: bit 0
     * ATTRIBUTES, 1 XFAM, 2 MRTD, 3 MRCONFIGID, 4 MROWNER, 5 MROWNERCONFIG, 6..9 RTMR0..3, 10 SERVTD_HASH) zero.
     * The values are read from TDR2 with TDH.MNG.RD; the hash is written to host memory (a TDH.SERVTD.PREBIND input).
     */
    @Given("host memory at {hex} holds the TEE_INFO_HASH of the second TD ignoring TDINFO fields {hex}")
    public void teeInfoHash(Long hpa, Long ignore) {
        long tdr2 = td.resolve("TDR2");
        byte[] info = new byte[512];
        if ((ignore & 1) == 0) putLe(info, 0, mngRd(tdr2, FIELD_ATTRIBUTES), 8);
        if ((ignore & 2) == 0) putLe(info, 8, mngRd(tdr2, FIELD_XFAM), 8);
        if ((ignore & 4) == 0) readInto(tdr2, FIELD_MRTD, info, 16);
        if ((ignore & 8) == 0) readInto(tdr2, FIELD_MRCONFIGID, info, 64);
        if ((ignore & 16) == 0) readInto(tdr2, FIELD_MROWNER, info, 112);
        if ((ignore & 32) == 0) readInto(tdr2, FIELD_MROWNERCONFIG, info, 160);
        if ((ignore & 1024) == 0) readInto(tdr2, FIELD_SERVTD_HASH, info, 400);
        byte[] hash = sha384().digest(info);
        world.fixture("host.memory", Map.of("hpa", hex(hpa), "bytes", Hex.bytesOf(hash)));
    }

    /**
     * TDH.MR.FINALIZE's SERVTD_HASH for one pre-bound or bound slot (tdx_1.5 tdh_mr_finalize.c servtd_hash_buff_t):
     * SHA-384 of the slot's 48-byte info hash, its type (2 bytes) and attributes (8 bytes), little-endian; read back
     * with TDH.MNG.RD (6 elements).
     */
    @Then("the TD's SERVTD_HASH is the SHA-384 of {int} bytes of {hex}, type {int} and attributes {hex}")
    public void servtdHash(int length, Long fill, int type, Long attributes) {
        byte[] e = new byte[58];
        java.util.Arrays.fill(e, 0, 48, (byte) fill.longValue());
        if (length != 48) throw new IllegalArgumentException("the info hash has 48 bytes");
        putLe(e, 48, type, 2);
        putLe(e, 50, attributes, 8);
        assertHash(sha384().digest(e), "SERVTD_HASH of one slot");
    }

    @Then("the TD's SERVTD_HASH is 48 bytes of 0x00")
    public void servtdHashZero() {
        assertHash(new byte[48], "SERVTD_HASH with no slot bound or pre-bound");
    }

    private void assertHash(byte[] expected, String what) {
        long tdr = td.resolve("TDR");
        byte[] got = new byte[48];
        readInto(tdr, FIELD_SERVTD_HASH, got, 0);
        assertThat(Hex.bytesOf(got)).withFailMessage("%s: TDH.MNG.RD SERVTD_HASH: expected %s (%s), got %s",
                world.where(), Hex.bytesOf(expected), what, Hex.bytesOf(got)).isEqualTo(Hex.bytesOf(expected));
    }

    // ------------------------------------------------------------------ helpers

    private void readInto(long tdr, long field, byte[] into, int off) {
        for (int e = 0; e < 6; e++) putLe(into, off + 8 * e, mngRd(tdr, field + e), 8);
    }

    private long mngRd(long tdr, long field) {
        LeafSpec rd = world.catalogue.requireLeaf("TDH.MNG.RD");
        world.call(rd, Instruction.SEAMCALL, world.prepare(rd, 0, Map.of("RCX", tdr, "RDX", field)));
        if (world.after().gpr(0) != 0) {
            throw new AssertionError(String.format("TDH.MNG.RD of field 0x%016X returned 0x%016X", field, world.after().gpr(0)));
        }
        return world.after().gpr(8);
    }

    private void ok(String leafName, Object... regsAndValues) {
        LeafSpec leaf = world.catalogue.requireLeaf(leafName);
        Map<String, Long> v = new LinkedHashMap<>();
        for (int i = 0; i < regsAndValues.length; i += 2) v.put((String) regsAndValues[i], (Long) regsAndValues[i + 1]);
        world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, 0, v));
        long s = world.after().gpr(0);
        if (s != 0) throw new AssertionError(String.format("%s returned 0x%016X", leafName, s));
    }

    static void putLe(byte[] b, int off, long v, int len) {
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

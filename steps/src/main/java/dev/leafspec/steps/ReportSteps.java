package dev.leafspec.steps;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps that read fields of a TDREPORT_STRUCT in guest memory by name, at their ABI offsets, and compute the
 * values TDG.MR.RTMR.EXTEND and TDG.MR.REPORT must produce (SHA-384 extension chains, TEE_INFO_HASH).
 *
 * <p>Layout (TDX module ABI spec "TDREPORT_STRUCT", "REPORTMACSTRUCT", "TDINFO_STRUCT"; intel/tdx-module
 * include/tdx_api_defs.h td_report_t, report_mac_struct_t, td_info_t; EDK2 MdePkg/Include/IndustryStandard/Tdx.h):
 * 1024 bytes = REPORTMACSTRUCT (0, 256) | TEE_TCB_INFO (256, 239) + 17 reserved | TDINFO (512, 512).
 * REPORTMACSTRUCT: REPORTTYPE 0 (TYPE, SUBTYPE, VERSION, reserved), reserved 4..15, CPUSVN 16, TEE_TCB_INFO_HASH 32,
 * TEE_INFO_HASH 80, REPORTDATA 128, reserved 192..223, MAC 224. TDINFO: ATTRIBUTES +0, XFAM +8, MRTD +16,
 * MRCONFIGID +64, MROWNER +112, MROWNERCONFIG +160, RTMR0..3 +208/+256/+304/+352, SERVTD_HASH +400, reserved +448.
 * TEE_INFO_HASH is the SHA-384 of the 512-byte TDINFO (intel/tdx-module helpers.c get_tdinfo_and_teeinfohash).
 */
public class ReportSteps {
    /** Size of a TDREPORT_STRUCT (tdx_api_defs.h SIZE_OF_TD_REPORT_STRUCT_IN_BYTES). */
    public static final int TDREPORT_SIZE = 1024;
    /** Size of an RTMR and of an extension value: SHA-384. */
    public static final int RTMR_SIZE = 48;

    /** Field name to {offset, length} inside the TDREPORT_STRUCT. */
    static final Map<String, int[]> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("REPORTMACSTRUCT", new int[] {0, 256});
        FIELDS.put("REPORTTYPE", new int[] {0, 4});
        FIELDS.put("REPORTTYPE.TYPE", new int[] {0, 1});
        FIELDS.put("REPORTTYPE.SUBTYPE", new int[] {1, 1});
        FIELDS.put("REPORTTYPE.VERSION", new int[] {2, 1});
        FIELDS.put("CPUSVN", new int[] {16, 16});
        FIELDS.put("TEE_TCB_INFO_HASH", new int[] {32, 48});
        FIELDS.put("TEE_INFO_HASH", new int[] {80, 48});
        FIELDS.put("REPORTDATA", new int[] {128, 64});
        FIELDS.put("MAC", new int[] {224, 32});
        FIELDS.put("TEE_TCB_INFO", new int[] {256, 239});
        FIELDS.put("TDINFO", new int[] {512, 512});
        FIELDS.put("ATTRIBUTES", new int[] {512, 8});
        FIELDS.put("XFAM", new int[] {520, 8});
        FIELDS.put("MRTD", new int[] {528, 48});
        FIELDS.put("MRCONFIGID", new int[] {576, 48});
        FIELDS.put("MROWNER", new int[] {624, 48});
        FIELDS.put("MROWNERCONFIG", new int[] {672, 48});
        for (int i = 0; i < 4; i++) FIELDS.put("RTMR" + i, new int[] {720 + 48 * i, 48});
        FIELDS.put("SERVTD_HASH", new int[] {912, 48});
    }

    private static final Pattern REPEATED = Pattern.compile("(\\d+) bytes of (0x[0-9a-fA-F]{1,2}|\\d+)");

    private final World world;

    public ReportSteps(World world) {
        this.world = world;
    }

    private static int[] field(String name) {
        int[] f = FIELDS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("the TDREPORT_STRUCT has no field " + name + " (known: " + String.join(", ", FIELDS.keySet()) + ")");
        }
        return f;
    }

    private byte[] readField(long report, String name) {
        int[] f = field(name);
        return MemorySteps.read(world, report + f[0], f[1]);
    }

    private void assertField(long report, String name, byte[] expected, String how) {
        int[] f = field(name);
        if (expected.length != f[1]) {
            throw new IllegalArgumentException(name + " is " + f[1] + " bytes; the expected value has " + expected.length);
        }
        byte[] got = readField(report, name);
        assertThat(Hex.bytesOf(got)).withFailMessage("%s TDREPORT at %s, %s (offset %d, %d bytes): expected %s%s, got %s",
                world.where(), Hex.of(report), name, f[0], f[1], Hex.bytesOf(expected), how, Hex.bytesOf(got))
                .isEqualTo(Hex.bytesOf(expected));
    }

    /** Parses "48 bytes of 0xAB" or a run of hex byte pairs. */
    static byte[] byteSpec(String text) {
        Matcher m = REPEATED.matcher(text.trim());
        if (m.matches()) {
            byte[] b = new byte[Integer.parseInt(m.group(1))];
            java.util.Arrays.fill(b, (byte) Hex.parse(m.group(2)));
            return b;
        }
        return Hex.bytes(text.trim());
    }

    static byte[] sha384(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-384");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Then("the TDREPORT at {hex} has {word} = {string}")
    public void fieldBytes(Long report, String name, String bytes) {
        assertField(report, name, Hex.bytes(bytes), "");
    }

    @Then("the TDREPORT at {hex} has {word} = {int} bytes of {hex}")
    public void fieldRepeated(Long report, String name, int count, Long value) {
        byte[] b = new byte[count];
        java.util.Arrays.fill(b, (byte) (long) value);
        assertField(report, name, b, "");
    }

    /** A field of at most 8 bytes read as a little-endian integer (ATTRIBUTES, XFAM, REPORTTYPE.TYPE, ...). */
    @Then("the TDREPORT at {hex} has {word} = {hex}")
    public void fieldNumber(Long report, String name, Long value) {
        int[] f = field(name);
        if (f[1] > 8) throw new IllegalArgumentException(name + " is " + f[1] + " bytes; compare it with a byte string");
        byte[] b = new byte[f[1]];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (value >>> (8 * i));
        if (f[1] < 8 && (value >>> (8 * f[1])) != 0) {
            throw new IllegalArgumentException(Hex.of(value) + " does not fit in the " + f[1] + " bytes of " + name);
        }
        assertField(report, name, b, " (" + Hex.of(value) + " little-endian)");
    }

    @Then("the TDREPORT at {hex} has {word} = the SHA-384 of its {word}")
    public void fieldIsHashOf(Long report, String name, String of) {
        assertField(report, name, sha384(readField(report, of)), " = SHA-384 of " + of);
    }

    /**
     * RTMR extension semantics (TDX module ABI spec TDG.MR.RTMR.EXTEND; tdg_mr_rtmr_extend.c): starting from the
     * RTMR's initial value, 48 zero bytes, each row extends it: RTMR = SHA-384(RTMR || 48-byte value).
     */
    @Then("the TDREPORT at {hex} has {word} = the SHA-384 chain from 48 zero bytes over:")
    public void fieldIsExtendChain(Long report, String name, DataTable values) {
        byte[] rtmr = new byte[RTMR_SIZE];
        StringBuilder how = new StringBuilder(" = 48 zero bytes");
        for (List<String> row : values.asLists()) {
            byte[] v = byteSpec(row.get(0));
            if (v.length != RTMR_SIZE) throw new IllegalArgumentException("an extension value is 48 bytes, not " + v.length + ": " + row.get(0));
            rtmr = sha384(rtmr, v);
            how.append(" extended with ").append(row.get(0).trim());
        }
        assertField(report, name, rtmr, how.toString());
    }

    @Given("the guest flips bit {int} of {word} in the TDREPORT at {hex}")
    public void flip(int bit, String name, Long report) {
        int[] f = field(name);
        if (bit < 0 || bit >= 8 * f[1]) throw new IllegalArgumentException(name + " has bits 0.." + (8 * f[1] - 1));
        long gpa = report + f[0] + bit / 8;
        byte[] b = MemorySteps.read(world, gpa, 1);
        b[0] ^= (byte) (1 << (bit % 8));
        MemorySteps.write(world, gpa, b);
    }
}

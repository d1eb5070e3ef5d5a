package dev.leafspec.steps;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.StatusCode;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Module-level SEAMCALL steps (TDH.SYS.*): the platform (fixture platform.config), module initialisation up to
 * TDH.SYS.CONFIG, TDMR_INFO entries in host memory (fixture host.memory), and checks of what TDH.SYS.INFO writes to
 * host memory (observation {@code host.memory.<hpa>}: 16 qwords in RAX..R15).
 *
 * <p>TDMR_INFO layout (tdx_1.5 include/tdx_api_defs.h tdmr_info_entry_t, 512 bytes, 64-bit little-endian words):
 * TDMR_BASE 0, TDMR_SIZE 8, PAMT_1G_BASE 16, PAMT_1G_SIZE 24, PAMT_2M_BASE 32, PAMT_2M_SIZE 40, PAMT_4K_BASE 48,
 * PAMT_4K_SIZE 56, then 16 reserved areas RESERVED[j].OFFSET 64 + 16 j and RESERVED[j].SIZE 72 + 16 j.
 *
 * <p>TDSYSINFO_STRUCT layout (tdx_api_defs.h td_sys_info_t, 1024 bytes).
 */
public class SysSteps {
    private static final long GB = 1L << 30;
    /** TDSYSINFO_STRUCT fields: name -> {offset, size} (td_sys_info_t). */
    private static final Map<String, int[]> SYSINFO = new LinkedHashMap<>();

    static {
        SYSINFO.put("ATTRIBUTES", new int[] {0, 4});
        SYSINFO.put("VENDOR_ID", new int[] {4, 4});
        SYSINFO.put("BUILD_DATE", new int[] {8, 4});
        SYSINFO.put("BUILD_NUM", new int[] {12, 2});
        SYSINFO.put("MINOR_VERSION", new int[] {14, 2});
        SYSINFO.put("MAJOR_VERSION", new int[] {16, 2});
        SYSINFO.put("SYS_RD", new int[] {18, 1});
        SYSINFO.put("MAX_TDMRS", new int[] {32, 2});
        SYSINFO.put("MAX_RESERVED_PER_TDMR", new int[] {34, 2});
        SYSINFO.put("PAMT_ENTRY_SIZE", new int[] {36, 2});
        SYSINFO.put("TDCS_BASE_SIZE", new int[] {48, 2});
        SYSINFO.put("TDVPS_BASE_SIZE", new int[] {52, 2});
        SYSINFO.put("TDVPS_XFAM_DEPENDENT_SIZE", new int[] {54, 1});
        SYSINFO.put("ATTRIBUTES_FIXED0", new int[] {64, 8});
        SYSINFO.put("ATTRIBUTES_FIXED1", new int[] {72, 8});
        SYSINFO.put("XFAM_FIXED0", new int[] {80, 8});
        SYSINFO.put("XFAM_FIXED1", new int[] {88, 8});
    }

    private final World world;
    private final TdBuildSteps td;
    /** TDMR_INFO entries this scenario wrote, by HPA (64 words each), so single fields can be changed. */
    private final Map<Long, long[]> tdmrInfos = new HashMap<>();
    private int repeatedCalls;

    public SysSteps(World world, TdBuildSteps td) {
        this.world = world;
        this.td = td;
    }

    // ------------------------------------------------------------------ platform and initialisation

    @Given("the platform has {int} logical processor(s) in {int} package(s)")
    public void platform(int lps, int packages) {
        world.fixture("platform.config", Map.of("LPS", Integer.toString(lps), "PACKAGES", Integer.toString(packages)));
    }

    @Given("the platform's CMRs are {string}")
    public void cmrs(String cmrs) {
        world.fixture("platform.config", Map.of("CMRS", cmrs));
    }

    @Given("the platform's private HKIDs start at {int}")
    public void privateHkids(int start) {
        world.fixture("platform.config", Map.of("PRIVATE_HKID_START", Integer.toString(start)));
    }

    /** TDH.SYS.INIT, then TDH.SYS.LP.INIT on LP {@code from} .. {@code to}; each must succeed; LP {@code from} is current afterwards. */
    @Given("TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors {int} to {int} succeeded")
    public void sysInitDone(int from, int to) {
        ok("TDH.SYS.INIT", Map.of());
        for (int lp = from; lp <= to; lp++) {
            world.fixture("platform.lp", Map.of("lp", Integer.toString(lp)));
            ok("TDH.SYS.LP.INIT", Map.of());
        }
        world.fixture("platform.lp", Map.of("lp", Integer.toString(from)));
    }

    // ------------------------------------------------------------------ TDMR_INFO in host memory

    /**
     * A TDMR_INFO of a {@code gb} GB TDMR at {@code base} with PAMTs of the minimum size (TDMR size / page size x 16
     * bytes, rounded up to 4 KB) one after the other from {@code pamt}: PAMT_1G, PAMT_2M, PAMT_4K; no reserved area.
     */
    @Given("the TDMR_INFO at {hex} describes {int} GB at {hex} with its PAMTs from {hex}")
    public void tdmrInfo(Long hpa, int gb, Long base, Long pamt) {
        long size = gb * GB;
        long s1 = pamtSize(size, GB), s2 = pamtSize(size, 2L << 20), s4 = pamtSize(size, 4096);
        long[] w = new long[64];
        w[0] = base;
        w[1] = size;
        w[2] = pamt;
        w[3] = s1;
        w[4] = pamt + s1;
        w[5] = s2;
        w[6] = pamt + s1 + s2;
        w[7] = s4;
        tdmrInfos.put(hpa, w);
        writeInfo(hpa);
    }

    @Given("the TDMR_INFO at {hex} has {word} = {hex}")
    public void tdmrInfoField(Long hpa, String field, Long value) {
        long[] w = tdmrInfos.get(hpa);
        if (w == null) throw new IllegalArgumentException("no TDMR_INFO written at " + Hex.of(hpa) + " in this scenario");
        w[fieldIndex(field)] = value;
        writeInfo(hpa);
    }

    @Given("the TDMR_INFO at {hex} has:")
    public void tdmrInfoFields(Long hpa, DataTable table) {
        for (Map.Entry<String, String> e : table.asMap().entrySet()) tdmrInfoField(hpa, e.getKey().trim(), Hex.parse(e.getValue().trim()));
    }

    private static long pamtSize(long tdmrSize, long page) {
        return ((tdmrSize / page) * 16 + 4095) & ~4095L;
    }

    private static int fieldIndex(String f) {
        String n = f.toUpperCase(Locale.ROOT);
        switch (n) {
            case "TDMR_BASE": return 0;
            case "TDMR_SIZE": return 1;
            case "PAMT_1G_BASE": return 2;
            case "PAMT_1G_SIZE": return 3;
            case "PAMT_2M_BASE": return 4;
            case "PAMT_2M_SIZE": return 5;
            case "PAMT_4K_BASE": return 6;
            case "PAMT_4K_SIZE": return 7;
            default:
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("RESERVED\\[(\\d+)]\\.(OFFSET|SIZE)").matcher(n);
                if (!m.matches() || Integer.parseInt(m.group(1)) > 15) {
                    throw new IllegalArgumentException("TDMR_INFO has no field " + f + " (TDMR_BASE, TDMR_SIZE, PAMT_1G_BASE ... PAMT_4K_SIZE, RESERVED[0..15].OFFSET/SIZE)");
                }
                return 8 + 2 * Integer.parseInt(m.group(1)) + (m.group(2).equals("SIZE") ? 1 : 0);
        }
    }

    private void writeInfo(long hpa) {
        StringBuilder q = new StringBuilder();
        for (long v : tdmrInfos.get(hpa)) q.append(q.length() == 0 ? "" : " ").append(Hex.of(v));
        world.fixture("host.memory", Map.of("hpa", Hex.of(hpa), "qwords", q.toString()));
    }

    // ------------------------------------------------------------------ repeated calls

    /** Calls the leaf with RCX = {@code rcx} again and again while it succeeds with RDX below {@code limit} (at most 100000 times). */
    @When("the VMM calls {leaf} with RCX = {hex} while RDX is below {hex}")
    public void repeatWhileBelow(LeafSpec leaf, Long rcx, Long limit) {
        repeatedCalls = 0;
        do {
            world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, 0, Map.of("RCX", rcx)));
            repeatedCalls++;
        } while (world.after().get(Gpr.RAX) == 0 && Long.compareUnsigned(world.after().get(Gpr.RDX), limit) < 0 && repeatedCalls < 100_000);
    }

    @Then("the call was made {int} times")
    public void callCount(int n) {
        assertThat(repeatedCalls).withFailMessage("%s: expected %d calls, made %d", world.where(), n, repeatedCalls).isEqualTo(n);
    }

    // ------------------------------------------------------------------ checks

    /** The status class (bits 63:32) and the detail (bits 31:0, e.g. TDMR index | PAMT level << 8) exactly. */
    @Then("{gpr} is {tdx} with detail {hex}")
    public void statusWithDetail(Gpr reg, String status, Long detail) {
        long got = world.after().get(reg);
        StatusCode code = world.catalogue.tdxStatus().get(status);
        assertThat(code.allValues().contains(got & 0xFFFF_FFFF_0000_0000L) && (got & 0xFFFF_FFFFL) == detail)
                .withFailMessage("%s %s: expected %s with detail %s, got %s", world.where(), reg, status, Hex.of(detail),
                        world.checker.describeStatus(got)).isTrue();
    }

    @Then("the TDSYSINFO_STRUCT at {hex} has {word} = {hex}")
    public void sysinfoField(Long hpa, String field, Long expected) {
        int[] f = SYSINFO.get(field);
        if (f == null) throw new IllegalArgumentException("TDSYSINFO_STRUCT has no field " + field + " " + SYSINFO.keySet());
        long got = 0;
        byte[] b = hostMemory(hpa + f[0], f[1]);
        for (int i = f[1] - 1; i >= 0; i--) got = (got << 8) | (b[i] & 0xFF);
        assertThat(got).withFailMessage("%s: TDSYSINFO_STRUCT.%s (offset %d, %d bytes): expected %s, got %s", world.where(),
                field, f[0], f[1], Hex.of(expected), Hex.of(got)).isEqualTo(expected);
    }

    @Then("the CMR_INFO at {hex} entry {int} is base {hex} size {hex}")
    public void cmrEntry(Long hpa, int i, Long base, Long size) {
        long[] q = qwords(hpa + 16L * i, 2);
        assertThat(q).withFailMessage("%s: CMR_INFO[%d] (16 bytes at %s): expected base %s size %s, got base %s size %s",
                world.where(), i, Hex.of(hpa + 16L * i), Hex.of(base), Hex.of(size), Hex.of(q[0]), Hex.of(q[1]))
                .containsExactly(base, size);
    }

    @Then("the {int} bytes of host memory at {hex} are all {hex}")
    public void hostBytes(int length, Long hpa, Long value) {
        byte[] b = hostMemory(hpa, length);
        for (int i = 0; i < length; i++) {
            int at = i;
            assertThat(b[i] & 0xFF).withFailMessage("%s: host memory at %s (byte %d of %d): expected %s, got %s", world.where(),
                    Hex.of(hpa + i), at, length, Hex.of(value), Hex.of(b[i] & 0xFF)).isEqualTo((int) (value & 0xFF));
        }
    }

    /** A TDSYSINFO_STRUCT field equals the global metadata field TDH.SYS.RD reads (the same module fact, two leaves). */
    @Then("the TDSYSINFO_STRUCT at {hex} has {word} as TDH.SYS.RD reads field {hex}")
    public void sysinfoFieldAsSysRd(Long hpa, String field, Long fieldId) {
        long[] rd = sysRd(fieldId);
        if (rd[0] != 0) throw new AssertionError(world.where() + ": TDH.SYS.RD of " + Hex.of(fieldId) + " returned " + world.checker.describeStatus(rd[0]));
        sysinfoField(hpa, field, rd[2]);
    }

    @Then("the host memory qwords at {hex} are {string}")
    public void hostQwords(Long hpa, String values) {
        String[] v = values.trim().split("[,\\s]+");
        long[] got = qwords(hpa, v.length);
        for (int i = 0; i < v.length; i++) {
            assertThat(got[i]).withFailMessage("%s: host memory qword %d at %s: expected %s, got %s", world.where(), i,
                    Hex.of(hpa + 8L * i), v[i], Hex.of(got[i])).isEqualTo(Hex.parse(v[i]));
        }
    }

    /**
     * The metadata list TDH.SYS.RDALL wrote at {@code hpa} (tdx_1.5 metadata_generic.c md_dump_list: a u64 header
     * LIST_BUFF_SIZE 15:0 | NUM_SEQUENCES 31:16, then sequences: a header naming the first element's FIELD_CODE with
     * LAST_ELEMENT_IN_FIELD 37:34 and LAST_FIELD_IN_SEQUENCE 46:38, followed by one u64 per element) holds, in order, exactly
     * the elements the TDH.SYS.RD chain reads from {@code first} (RDX = NEXT id) until it ends (all ones), with their
     * values (an element is identified by CLASS_CODE, FIELD_CODE and ELEMENT_SIZE_CODE: the NON_ARCH bit 63 of a later field
     * in a sequence is not in the list); LIST_BUFF_SIZE counts every byte written. Makes TDH.SYS.RD calls (the last call changes).
     */
    @Then("the metadata list at {hex} holds every element TDH.SYS.RD reads from field {hex} on")
    public void listMatchesSysRd(Long hpa, Long first) {
        long hdr = qwords(hpa, 1)[0];
        int size = (int) (hdr & 0xFFFF), seqs = (int) ((hdr >>> 16) & 0xFFFF);
        assertThat(size % 8 == 0 && size >= 8 && size <= 4096).withFailMessage("%s: metadata list LIST_BUFF_SIZE %d is not a qword count within the page",
                world.where(), size).isTrue();
        long[] q = qwords(hpa, size / 8);
        int pos = 1, seq = 0;
        long id = first;
        if ((first | (7L << 52)) == -1L) {
            long[] rd = sysRd(first);
            id = rd[1];
        }
        int element = 0;
        while (pos < q.length) {
            long sh = q[pos++];
            seq++;
            int elems = (int) ((sh >>> 34) & 0xF) + 1, fields = (int) ((sh >>> 38) & 0x1FF) + 1;
            long base = sh & ~((0x1FFFL << 34) | 0xFFFFFFL);
            int code = (int) (sh & 0xFFFFFF);
            for (int k = 0; k < elems * fields; k++, element++) {
                long elemId = base | (code + k);
                assertThat(pos).withFailMessage("%s: metadata list sequence %d (header %s) runs past LIST_BUFF_SIZE %d", world.where(),
                        seq, Hex.of(sh), size).isLessThan(q.length);
                // a sequence header carries its first field's id: later fields are identified by class, FIELD_CODE and size
                long ident = (0x3FL << 56) | (3L << 32) | 0xFFFFFFL;
                assertThat(elemId & ident).withFailMessage("%s: metadata list element %d is %s, but the TDH.SYS.RD chain is at %s", world.where(),
                        element, Hex.of(elemId), Hex.of(id)).isEqualTo(id & ident);
                long[] rd = sysRd(id);
                assertThat(rd[0]).withFailMessage("%s: TDH.SYS.RD of %s returned %s", world.where(), Hex.of(id), world.checker.describeStatus(rd[0])).isZero();
                assertThat(q[pos]).withFailMessage("%s: metadata list element %s holds %s, TDH.SYS.RD reads %s", world.where(), Hex.of(id),
                        Hex.of(q[pos]), Hex.of(rd[2])).isEqualTo(rd[2]);
                pos++;
                id = rd[1];
            }
        }
        assertThat(seq).withFailMessage("%s: metadata list NUM_SEQUENCES is %d, the list holds %d", world.where(), seqs, seq).isEqualTo(seqs);
        assertThat(id).withFailMessage("%s: the metadata list ends after %d elements, but TDH.SYS.RD goes on at %s", world.where(), element,
                Hex.of(id)).isEqualTo(-1L);
    }

    /**
     * TDR.TD_UUID (field 0x8010000300000020, 4 elements; tdh_mng_create.c fills it with RDSEED) of two host-built TDs,
     * read with TDH.MNG.RD: neither is all zero and they differ. Makes TDH.MNG.RD calls.
     */
    @Then("the TD_UUIDs of {word} and {word} are not zero and differ")
    public void uuidsDiffer(String tdr1, String tdr2) {
        long[] a = uuid(td.resolve(tdr1)), b = uuid(td.resolve(tdr2));
        assertThat(a).withFailMessage("%s: TD_UUID of %s is zero", world.where(), tdr1).isNotEqualTo(new long[4]);
        assertThat(b).withFailMessage("%s: TD_UUID of %s is zero", world.where(), tdr2).isNotEqualTo(new long[4]);
        assertThat(a).withFailMessage("%s: %s and %s have the same TD_UUID %s", world.where(), tdr1, tdr2, java.util.Arrays.toString(a))
                .isNotEqualTo(b);
    }

    private long[] uuid(long tdr) {
        LeafSpec rd = world.catalogue.requireLeaf("TDH.MNG.RD");
        long[] u = new long[4];
        for (int i = 0; i < 4; i++) {
            world.call(rd, Instruction.SEAMCALL, world.prepare(rd, 0, Map.of("RCX", tdr, "RDX", 0x8010000300000020L + i)));
            long s = world.after().get(Gpr.RAX);
            if (s != 0) throw new AssertionError(world.where() + ": TDH.MNG.RD of TD_UUID[" + i + "] returned " + world.checker.describeStatus(s));
            u[i] = world.after().get(Gpr.R8);
        }
        return u;
    }

    /** @return {status, RDX (next id), R8 (value)} of TDH.SYS.RD of {@code fieldId} */
    private long[] sysRd(long fieldId) {
        LeafSpec rd = world.catalogue.requireLeaf("TDH.SYS.RD");
        world.call(rd, Instruction.SEAMCALL, world.prepare(rd, 0, Map.of("RDX", fieldId)));
        return new long[] {world.after().get(Gpr.RAX), world.after().get(Gpr.RDX), world.after().get(Gpr.R8)};
    }

    // ------------------------------------------------------------------ helpers

    private long[] qwords(long hpa, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i += 16) {
            RegisterFile r;
            try {
                r = world.impl.observe("host.memory." + Hex.of(hpa + 8L * i));
            } catch (NotSupportedException e) {
                throw NotSupported.because(e.capability());
            }
            for (int k = 0; k < 16 && i + k < n; k++) out[i + k] = r.gpr(k);
        }
        return out;
    }

    /** {@code len} bytes from {@code hpa} (8-byte aligned reads through the observation). */
    private byte[] hostMemory(long hpa, int len) {
        long start = hpa & ~7L;
        int skip = (int) (hpa - start);
        long[] q = qwords(start, (skip + len + 7) / 8);
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            int k = skip + i;
            out[i] = (byte) (q[k / 8] >>> (8 * (k % 8)));
        }
        return out;
    }

    private void ok(String leafName, Map<String, Long> values) {
        LeafSpec leaf = world.catalogue.requireLeaf(leafName);
        world.call(leaf, Instruction.SEAMCALL, world.prepare(leaf, 0, values));
        long s = world.after().get(Gpr.RAX);
        if (s != 0) throw new AssertionError(String.format("%s: setup call %s returned %s", world.where(), leafName, world.checker.describeStatus(s)));
    }
}

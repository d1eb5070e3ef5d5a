package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import org.junit.jupiter.api.Test;

/** TDG.SYS.RDALL (leaf 12): intel/tdx-module tdx_1.5 tdg_sys_rdall.c, metadata_generic.c md_dump_list. */
class SysRdallTest extends EngineTestBase {
    static final long LIST = 0x100000L;
    static final long FIELD_ID_INCORRECT = 0xC0000C0000000000L;

    static long qword(byte[] b, int i) {
        long v = 0;
        for (int k = 7; k >= 0; k--) v = (v << 8) | (b[i * 8 + k] & 0xFF);
        return v;
    }

    @Test
    void dumpFromNullIdWritesTheWholeGuestReadableContext() {
        byte[] canary = new byte[4096];
        java.util.Arrays.fill(canary, (byte) 0xEE);
        m.writeGuestMemory(LIST, canary);
        RegisterFile before = filled().set(Gpr.RDX, LIST).set(Gpr.R8, -1L);
        RegisterFile r = tdcall(12, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8)).isEqualTo(-1L);
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);

        byte[] page = m.readGuestMemory(LIST, 4096);
        long[] expected = {
            168 | (8L << 16),                               // header: 168 bytes, 8 sequences
            0x0800000200000000L, 0x8086,                    // VENDOR_ID
            0x0800004100000003L, 5, 1,                      // MINOR_VERSION, MAJOR_VERSION
            0x0A00000200000000L, 0,                         // SYS_ATTRIBUTES
            0x0A00000000000001L, 1,                         // NUM_TDX_FEATURES
            0x0A00000300000008L, m.td.tdxFeatures0(),       // TDX_FEATURES0
            0xA000000300000000L, 0,                         // MIG_ATTRIBUTES
            0x200000C100000001L, 0, 0, 0, 0,                // MIN/MAX_EXPORT_VERSION, MIN/MAX_IMPORT_VERSION
            0xA200000100000000L, 0x807F,                    // GUEST_L2_GPA_ATTR_MASK
        };
        for (int i = 0; i < expected.length; i++) {
            assertThat(qword(page, i)).as("qword %d", i).isEqualTo(expected[i]);
        }
        assertThat(page[168]).as("rest of the page untouched").isEqualTo((byte) 0xEE);
        assertThat(page[4095]).isEqualTo((byte) 0xEE);
    }

    @Test
    void dumpFromAGivenField() {
        RegisterFile r = tdcall(12, 0, LIST, 0x0A00000300000008L, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        byte[] page = m.readGuestMemory(LIST, 64);
        assertThat(qword(page, 0)).isEqualTo(96 | (4L << 16));
        assertThat(qword(page, 1)).isEqualTo(0x0A00000300000008L);

        // a non-readable start field is skipped; its size code must still match its entry
        r = tdcall(12, 0, LIST, 0x0000000200000000L /* NUM_PKGS */, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(qword(m.readGuestMemory(LIST, 8), 0)).isEqualTo(168 | (8L << 16));
        // bits other than class, field code and element size are not checked
        assertThat(tdcall(12, 0, LIST, 0x0800000200000000L | (1L << 24) | (1L << 62), 0).get(Gpr.RAX)).isZero();
    }

    @Test
    void fieldIdErrors() {
        byte[] zeros = new byte[16];
        m.writeGuestMemory(LIST, zeros);
        RegisterFile r = tdcall(12, 0, LIST, 0, 0);
        assertThat(r.get(Gpr.RAX)).as("NUM_PKGS with size code 0").isEqualTo(FIELD_ID_INCORRECT);
        assertThat(r.get(Gpr.R8)).isEqualTo(-1L);
        assertThat(qword(m.readGuestMemory(LIST, 8), 0)).as("page untouched").isZero();
        assertThat(tdcall(12, 0, LIST, 0x0A00000300000077L, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
    }

    @Test
    void gpaErrors() {
        RegisterFile before = filled().set(Gpr.RDX, LIST + 8).set(Gpr.R8, -1L);
        RegisterFile r = tdcall(12, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RDX);
        assertThat(r.get(Gpr.R8)).isEqualTo(-1L);
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);
        r = tdcall(12, 0, LIST | (1L << 47), 0x0800000200000000L, 0);
        assertThat(r.get(Gpr.RAX)).as("shared").isEqualTo(OPERAND_INVALID_RDX);
        assertThat(r.get(Gpr.R8)).isEqualTo(-1L);
        assertThat(tdcall(12, 0, 1L << 48, -1L, 0).get(Gpr.RAX)).as("beyond GPAW").isEqualTo(OPERAND_INVALID_RDX);
    }

    @Test
    void unmappedPageCausesEptViolationThenVe() {
        RegisterFile before = filled().set(Gpr.RAX, 12).set(Gpr.RDX, 0x300000L).set(Gpr.R8, -1L);
        RegisterFile r = tdcall(12, before.copy());
        assertThat(m.observe("host.last-exit").get(Gpr.RAX)).isEqualTo(48);
        assertThat(m.observe("host.last-exit").get(Gpr.R8)).isEqualTo(0x300000L);
        assertThat(m.td.veValid).as("the host added a PENDING page: #VE").isTrue();
        assertOnlyChanged(before, r);
    }

    /** Decodes one list (header, sequences) into field ID → value pairs, element by element. */
    static void decode(byte[] page, int limit, java.util.Map<Long, Long> into) {
        long header = qword(page, 0);
        int size = (int) (header & 0xFFFF);
        int sequences = (int) ((header >>> 16) & 0xFFFF);
        assertThat(header >>> 32).as("header reserved bits").isZero();
        assertThat(size).as("LIST_BUFF_SIZE within the buffer").isBetween(8, limit);
        int q = 1;
        for (int s = 0; s < sequences; s++) {
            long seq = qword(page, q++);
            int elems = (int) ((seq >>> 34) & 0xF) + 1;
            int fields = (int) ((seq >>> 38) & 0x1FF) + 1;
            long base = seq & ~((0xFL << 34) | (0x1FFL << 38));
            for (int k = 0; k < elems * fields; k++) {
                assertThat(into.put(base + k, qword(page, q++))).as("field %x listed once", base + k).isNull();
            }
        }
        assertThat(q * 8).as("sequences fill LIST_BUFF_SIZE exactly").isEqualTo(size);
    }

    /**
     * md_dump_list with a buffer smaller than the dump: each call writes whole sequences of whole fields that fit,
     * answers TDX_METADATA_LIST_OVERFLOW with R8 = the field to continue from, and the chained lists together are
     * exactly the one-page dump.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {24, 32, 40, 48, 56, 64, 96, 160, 168})
    void smallBuffersOverflowAndChainToTheWholeDump(int bytes) {
        java.util.Map<Long, Long> whole = new java.util.LinkedHashMap<>();
        assertThat(tdcall(12, 0, LIST, -1L, 0).get(Gpr.RAX)).isZero();
        decode(m.readGuestMemory(LIST, 4096), 4096, whole);

        TdgSysRdall small = new TdgSysRdall(bytes);
        java.util.Map<Long, Long> chained = new java.util.LinkedHashMap<>();
        long next = -1L;
        int calls = 0;
        while (true) {
            assertThat(++calls).as("the chain ends").isLessThan(64);
            byte[] canary = new byte[4096];
            java.util.Arrays.fill(canary, (byte) 0xEE);
            m.writeGuestMemory(LIST, canary);
            RegisterFile r = filled().set(Gpr.RDX, LIST).set(Gpr.R8, next);
            long status = small.execute(m, r, 0);
            byte[] page = m.readGuestMemory(LIST, 4096);
            decode(page, bytes, chained);
            int used = (int) (qword(page, 0) & 0xFFFF);
            assertThat(page[used]).as("nothing written past LIST_BUFF_SIZE").isEqualTo((byte) 0xEE);
            if (status == 0) {
                assertThat(r.get(Gpr.R8)).isEqualTo(-1L);
                break;
            }
            assertThat(status).isEqualTo(TdgSysRdall.TDX_METADATA_LIST_OVERFLOW);
            assertThat(used + 8 * 5).as("overflow only when the next sequence could not fit").isGreaterThan(bytes - 8);
            next = r.get(Gpr.R8);
            assertThat(chained).as("R8 names the first field not yet listed").doesNotContainKey(next);
        }
        assertThat(new java.util.ArrayList<>(chained.entrySet())).isEqualTo(new java.util.ArrayList<>(whole.entrySet()));
        assertThat(calls).as("a buffer smaller than the dump needs more than one call").isEqualTo(bytes >= 168 ? 1 : calls);
        if (bytes < 168) assertThat(calls).isGreaterThan(1);
    }
}

package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import org.junit.jupiter.api.Test;

/**
 * TDG.VM.RD/WR on module 1.0 (niooss-ledger/tdx-module fd485aae tdg_vm_rd_wr.c) against 1.5, which must not change.
 */
class VmRdWr10Test extends EngineTestBase {
    static final long ATTRIBUTES_10 = 0x1100000000000000L;
    static final long ATTRIBUTES_15 = 0x1110000300000000L;
    static final long NOTIFY_ENABLES_10 = 0x9100000000000010L;
    static final long NOTIFY_ENABLES_15 = 0x9110000300000010L;
    static final long EPTP_10 = 0x1100000000000004L;
    static final long FIELD_NOT_WRITABLE_10 = 0xC000072000000000L;
    static final long FIELD_NOT_READABLE_10 = 0xC000072100000000L;
    static final long FIELD_ID_INCORRECT = 0xC0000C0000000000L;
    static final long METADATA_NOT_WRITABLE = 0xC0000C0100000000L;
    static final long METADATA_NOT_READABLE = 0xC0000C0200000000L;
    static final long VALUE_NOT_VALID = 0xC0000C0300000000L;

    void module10() {
        m.fixture("td.config", p("VERSION", "1.0", "ATTRIBUTES", "0x10000000", "MAX_VCPUS", "16", "GPAW", "52"));
    }

    @Test
    void rd10ReadsFieldsByTheirWhole64BitCode() {
        module10();
        RegisterFile before = filled().set(Gpr.RCX, 0).set(Gpr.RDX, ATTRIBUTES_10);
        RegisterFile r = tdcall(7, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8)).isEqualTo(0x10000000L);
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);
        assertThat(tdcall(7, 0, 0x1100000000000001L, 0, 0).get(Gpr.R8)).as("XFAM").isEqualTo(3);
        assertThat(tdcall(7, 0, 0x1100000000000002L, 0, 0).get(Gpr.R8)).as("MAX_VCPUS").isEqualTo(16);
        assertThat(tdcall(7, 0, 0x1100000000000003L, 0, 0).get(Gpr.R8)).as("GPAW").isEqualTo(1);
        assertThat(tdcall(7, 0, 0x110000000000000CL, 0, 0).get(Gpr.R8)).as("TSC_FREQUENCY").isEqualTo(100);
        assertThat(tdcall(7, 0, 0x9000000000000001L, 0, 0).get(Gpr.R8)).as("NUM_VCPUS").isEqualTo(4);
        assertThat(tdcall(7, 0, 0x1300000000000000L, 0, 0).get(Gpr.R8)).as("MRTD[0]").isEqualTo(Td.qword(m.td.mrtd, 0));
        assertThat(tdcall(7, 0, 0x1300000000000005L, 0, 0).get(Gpr.R8)).as("MRTD[5]").isEqualTo(Td.qword(m.td.mrtd, 5));
        m.td.rtmr[3][47] = (byte) 0xAB;
        assertThat(tdcall(7, 0, 0x1300000000000057L, 0, 0).get(Gpr.R8)).as("RTMR3[5]").isEqualTo(0xAB00000000000000L);
    }

    @Test
    void rd10NotifyEnablesIsMaskedToBit0() {
        m.fixture("td.field", p("field", "0x9110000300000010", "value", "0xFF"));
        module10();
        assertThat(tdcall(7, 0, NOTIFY_ENABLES_10, 0, 0).get(Gpr.R8)).isEqualTo(1);
    }

    @Test
    void rd10UnknownOrNon10CodeIsOperandInvalidRdx() {
        module10();
        long[] ids = {
                0x1100000000000FFFL, // unknown field code in a known class
                ATTRIBUTES_15, // 1.5-style id (element size and context code bits)
                0x1100000100000000L, // reserved bit 32
                0x1100000000000010L, // NOTIFY_ENABLES without NON_ARCH
                0x9000000000000003L, // unknown TD-management code
                0x8100000000000001L, // TDR HKID: class 1 has no handler in 1.0
                0x8000000000000001L, // TDR FATAL: class 0
                0x2000000000000000L, // MSR bitmaps (class 32)
                0x1300000000000006L, // just past MRTD
                0x1300000000000058L, // just past RTMR3
                0x9100000000000400L + 4 * 58, // just past CPUID_VALUES
                -1L,
        };
        for (long id : ids) {
            RegisterFile before = filled().set(Gpr.RCX, 0).set(Gpr.RDX, id);
            RegisterFile r = tdcall(7, before.copy());
            assertThat(r.get(Gpr.RAX)).as("0x%016X", id).isEqualTo(OPERAND_INVALID_RDX);
            assertThat(r.get(Gpr.R8)).isZero();
            assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);
        }
    }

    @Test
    void rd10KnownButUnreadableFieldIsFieldNotReadable() {
        module10();
        long[] ids = {EPTP_10, 0x110000000000000AL, 0x110000000000000BL, 0x9000000000000000L, 0x9000000000000002L,
                0x9000000000000010L, 0x9000000000000012L, 0x9100000000000400L, 0x9100000000000400L + 4 * 58 - 1,
                0x1100000000000800L, 0x1100000000000812L, 0x9200000000000000L, 0x9200000000000002L};
        for (long id : ids) {
            RegisterFile r = tdcall(7, 0, id, 0x55, 0);
            assertThat(r.get(Gpr.RAX)).as("0x%016X", id).isEqualTo(FIELD_NOT_READABLE_10);
            assertThat(r.get(Gpr.R8)).isZero();
        }
    }

    @Test
    void rd10ChecksRcxFirst() {
        module10();
        RegisterFile r = tdcall(7, 1, 0x1100000000000FFFL, 0x55, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(r.get(Gpr.R8)).isZero();
    }

    @Test
    void wr10AttributesIsFieldNotWritable() {
        module10();
        RegisterFile before = filled().set(Gpr.RCX, 0).set(Gpr.RDX, ATTRIBUTES_10).set(Gpr.R8, 1).set(Gpr.R9, 1);
        RegisterFile r = tdcall(8, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(FIELD_NOT_WRITABLE_10);
        assertThat(r.get(Gpr.R8)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);
        assertThat(m.td.attributes).isEqualTo(0x10000000L);
        assertThat(tdcall(8, 0, EPTP_10, 1, -1L).get(Gpr.RAX)).as("no readable check on write")
                .isEqualTo(FIELD_NOT_WRITABLE_10);
        assertThat(tdcall(8, 0, NOTIFY_ENABLES_10, 1, 2).get(Gpr.RAX)).as("R9 outside write mask")
                .isEqualTo(FIELD_NOT_WRITABLE_10);
        assertThat(m.td.notifyEnables).isZero();
    }

    @Test
    void wr10UnknownOrNon10CodeIsOperandInvalidRdx() {
        module10();
        for (long id : new long[] {0x9100000000000FFFL, NOTIFY_ENABLES_15, 0x8100000000000001L}) {
            RegisterFile r = tdcall(8, 0, id, 1, 1);
            assertThat(r.get(Gpr.RAX)).as("0x%016X", id).isEqualTo(OPERAND_INVALID_RDX);
            assertThat(r.get(Gpr.R8)).isZero();
        }
        assertThat(tdcall(8, 1, 0x9100000000000FFFL, 1, 1).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(m.td.notifyEnables).isZero();
    }

    @Test
    void wr10IgnoresMaskBitsOutsideTheWriteMask() {
        module10();
        RegisterFile before = filled().set(Gpr.RCX, 0).set(Gpr.RDX, NOTIFY_ENABLES_10).set(Gpr.R8, 3).set(Gpr.R9, 3);
        RegisterFile r = tdcall(8, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8)).as("old value").isZero();
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);
        assertThat(m.td.notifyEnables).isEqualTo(1);
        r = tdcall(8, 0, NOTIFY_ENABLES_10, 0, -1L);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8)).isEqualTo(1);
        assertThat(tdcall(7, 0, NOTIFY_ENABLES_10, 0, 0).get(Gpr.R8)).isZero();
    }

    @Test
    void wr10KeepsOtherBitsAndReturnsOldValueMaskedByReadMask() {
        m.fixture("td.field", p("field", "0x9110000300000010", "value", "0xF0"));
        module10();
        RegisterFile r = tdcall(8, 0, NOTIFY_ENABLES_10, 1, 1);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(m.td.notifyEnables).isEqualTo(0xF1);
    }

    @Test
    void module15Unchanged() {
        m.fixture("td.config", p("ATTRIBUTES", "0x10000000"));
        assertThat(tdcall(7, 0, ATTRIBUTES_15, 0, 0).get(Gpr.R8)).isEqualTo(0x10000000L);
        assertThat(tdcall(7, 0, ATTRIBUTES_10, 0, 0).get(Gpr.R8)).as("1.0 code accepted by 1.5").isEqualTo(0x10000000L);
        assertThat(tdcall(7, 0, 0x1100000000000FFFL, 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(7, 0, 0x8110000100000001L, 0, 0).get(Gpr.RAX)).isEqualTo(METADATA_NOT_READABLE);
        assertThat(tdcall(0x10007, 0, ATTRIBUTES_15, 0, 0).get(Gpr.RDX)).isEqualTo(0x1110000300000001L);
        RegisterFile r = tdcall(8, 0, ATTRIBUTES_15, 1, 1);
        assertThat(r.get(Gpr.RAX)).isEqualTo(METADATA_NOT_WRITABLE);
        assertThat(tdcall(8, 0, 0x9100000000000FFFL, 1, 1).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        r = tdcall(8, 0, NOTIFY_ENABLES_15, 3, 3);
        assertThat(r.get(Gpr.RAX)).isEqualTo(VALUE_NOT_VALID);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(m.td.notifyEnables).isZero();
        r = tdcall(8, 0, NOTIFY_ENABLES_10, 0, -1L);
        assertThat(r.get(Gpr.RAX)).as("Linux tdx_early_init write").isZero();
    }
}

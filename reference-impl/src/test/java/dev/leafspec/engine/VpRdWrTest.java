package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import org.junit.jupiter.api.Test;

/** TDG.VP.RD (leaf 9) and TDG.VP.WR (leaf 10): intel/tdx-module tdx_1.5 tdg_vp_rd_wr.c, metadata_vp.c. */
class VpRdWrTest extends EngineTestBase {
    static final long FIELD_ID_INCORRECT = 0xC0000C0000000000L;
    static final long NOT_READABLE = 0xC0000C0200000000L;
    static final long NOT_WRITABLE = 0xC0000C0100000000L;
    static final long VALUE_NOT_VALID = 0xC0000C0300000000L;
    static final long FIRST_FIELD = 0x00000C0B00000000L;

    static final long VCPU_INDEX = 0xA020000200000002L;
    static final long CPUID_SUPERVISOR_VE = 0xA020000000000007L;
    static final long CPUID_USER_VE = 0xA020000000000008L;
    static final long L2_CTLS = 0xA020000300000050L;
    static final long TSC_DEADLINE = 0xA020000300000058L;
    static final long CPUID_CONTROL = 0xA120000000000000L;
    static final long VCPU_STATE = 0xA020000000000000L;
    /** TD VMCS guest RIP (encoding 0x681E), CLASS 0, CONTEXT 2. */
    static final long VMCS_GUEST_RIP = 0x002000030000681EL;

    @Test
    void readVcpuIndexAndNextField() {
        m.fixture("td.config", p("VCPU_INDEX", "3"));
        RegisterFile before = filled().set(Gpr.RCX, 0).set(Gpr.RDX, VCPU_INDEX);
        RegisterFile r = tdcall(9, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8)).isEqualTo(3);
        assertThat(r.get(Gpr.RDX)).as("next readable: CPUID_SUPERVISOR_VE").isEqualTo(CPUID_SUPERVISOR_VE);
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.RDX, Gpr.R8);
        assertThat(tdcall(9, 0, VCPU_INDEX & ~(7L << 52), 0, 0).get(Gpr.R8)).as("context code ignored").isEqualTo(3);
    }

    @Test
    void nullFieldIdGivesFirstReadableField() {
        RegisterFile r = tdcall(9, 0, -1L, 0x55, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(FIRST_FIELD);
        assertThat(r.get(Gpr.RDX)).isEqualTo(VCPU_INDEX);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(tdcall(9, 0, -1L & ~(7L << 52), 0, 0).get(Gpr.RAX)).as("context code ignored").isEqualTo(FIRST_FIELD);
    }

    @Test
    void walkingNextFieldIdsVisitsEveryReadableElementOnce() {
        long id = tdcall(9, 0, -1L, 0, 0).get(Gpr.RDX);
        int count = 0;
        while (id != -1L) {
            RegisterFile r = tdcall(9, 0, id, 0, 0);
            assertThat(r.get(Gpr.RAX)).as("read 0x%x", id).isZero();
            id = r.get(Gpr.RDX);
            count++;
        }
        // VCPU_INDEX, 2 CPUID #VE flags, 4 L2_CTLS, 4 TSC_DEADLINE, 128 CPUID_CONTROL
        assertThat(count).isEqualTo(1 + 2 + 4 + 4 + 128);
        RegisterFile last = tdcall(9, 0, CPUID_CONTROL + 127, 0, 0);
        assertThat(last.get(Gpr.RDX)).isEqualTo(-1L);
        assertThat(tdcall(9, 0, L2_CTLS + 3, 0, 0).get(Gpr.RDX)).isEqualTo(TSC_DEADLINE);
        assertThat(tdcall(9, 0, L2_CTLS + 1, 0, 0).get(Gpr.RDX)).isEqualTo(L2_CTLS + 2);
    }

    @Test
    void readErrors() {
        RegisterFile r = tdcall(9, 1, VCPU_INDEX, 0x77, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(r.get(Gpr.RDX)).isEqualTo(-1L);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(tdcall(9, 1, -1L, 0, 0).get(Gpr.RAX)).as("RCX checked before the null id").isEqualTo(OPERAND_INVALID_RCX);

        r = tdcall(9, 0, VCPU_STATE, 0x77, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(NOT_READABLE);
        assertThat(r.get(Gpr.RDX)).isEqualTo(-1L);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(tdcall(9, 0, VMCS_GUEST_RIP, 0, 0).get(Gpr.RAX)).as("TD VMCS: no guest read mask").isEqualTo(NOT_READABLE);
        assertThat(tdcall(9, 0, 0x0020000300002001L, 0, 0).get(Gpr.RAX)).as("VMCS high access").isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, 0x0020000300006C02L, 0, 0).get(Gpr.RAX)).as("no such TD VMCS field").isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, 0x2420000300000000L | 0x681E, 0, 0).get(Gpr.RAX)).as("L2 VMCS 1: no L2 VM").isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, 0x2520000300000000L, 0, 0).get(Gpr.RAX)).as("L2 MSR bitmaps 1").isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, VCPU_INDEX | (1L << 24), 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, VCPU_INDEX | (1L << 34), 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, VCPU_INDEX | (1L << 38), 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, VCPU_INDEX | (1L << 62), 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, CPUID_CONTROL + 128, 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(9, 0, VCPU_INDEX | (1L << 51) | (1L << 50), 0, 0).get(Gpr.RAX))
                .as("WRITE_MASK_VALID and INC_SIZE ignored").isZero();
    }

    @Test
    void writeSharesStateWithCpuidveSet() {
        RegisterFile before = filled().set(Gpr.RCX, 0).set(Gpr.RDX, CPUID_SUPERVISOR_VE).set(Gpr.R8, 1).set(Gpr.R9, 0xFF);
        RegisterFile r = tdcall(10, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8)).as("old value").isZero();
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);
        assertThat(m.td.cpuidSupervisorVe).isEqualTo(1);
        assertThat(tdcall(5, 0, 0, 0, 0).get(Gpr.RAX)).isZero(); // TDG.VP.CPUIDVE.SET clears both
        assertThat(tdcall(9, 0, CPUID_SUPERVISOR_VE, 0, 0).get(Gpr.R8)).isZero();
        assertThat(tdcall(5, 2, 0, 0, 0).get(Gpr.RAX)).isZero();
        assertThat(tdcall(9, 0, CPUID_USER_VE, 0, 0).get(Gpr.R8)).isEqualTo(1);
    }

    @Test
    void writeMasksAndOldValue() {
        assertThat(tdcall(10, 0, CPUID_CONTROL + 5, 0x3, 0xFF).get(Gpr.RAX)).isZero();
        assertThat(tdcall(9, 0, CPUID_CONTROL + 5, 0, 0).get(Gpr.R8)).isEqualTo(3);
        RegisterFile r = tdcall(10, 0, CPUID_CONTROL + 5, 0x0, 0x1);
        assertThat(r.get(Gpr.RAX)).as("only bit 0 selected").isZero();
        assertThat(r.get(Gpr.R8)).isEqualTo(3);
        assertThat(m.td.cpuidControl[5]).isEqualTo((byte) 2);
        r = tdcall(10, 0, CPUID_CONTROL + 5, 0x6, 0x7);
        assertThat(r.get(Gpr.RAX)).as("bit 2 is not writable and differs").isEqualTo(VALUE_NOT_VALID);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(m.td.cpuidControl[5]).isEqualTo((byte) 2);
        assertThat(tdcall(10, 0, CPUID_CONTROL + 5, 0x1, 0x7).get(Gpr.RAX)).as("bit 2 requested with its current value").isZero();
        assertThat(m.td.cpuidControl[5]).isEqualTo((byte) 1);

        // whole-element write: bits above the element size must be 0
        assertThat(tdcall(10, 0, CPUID_SUPERVISOR_VE, 0x1FF, -1L).get(Gpr.RAX)).isEqualTo(VALUE_NOT_VALID);
        assertThat(tdcall(10, 0, CPUID_SUPERVISOR_VE, 0xFE, -1L).get(Gpr.RAX)).isZero();
        assertThat(tdcall(9, 0, CPUID_SUPERVISOR_VE, 0, 0).get(Gpr.R8)).isEqualTo(0xFE);

        assertThat(tdcall(9, 0, TSC_DEADLINE + 1, 0, 0).get(Gpr.R8)).as("TDH.VP.INIT value").isEqualTo(-1L);
        r = tdcall(10, 0, TSC_DEADLINE + 1, 0x1234, -1L);
        assertThat(r.get(Gpr.RAX)).as("no L2 VM: stored without conversion").isZero();
        assertThat(r.get(Gpr.R8)).isEqualTo(-1L);
        assertThat(tdcall(10, 0, L2_CTLS, 0x5, 0x7).get(Gpr.RAX)).isZero();
        assertThat(tdcall(9, 0, L2_CTLS, 0, 0).get(Gpr.R8)).isEqualTo(5);
    }

    @Test
    void writeErrors() {
        RegisterFile r = tdcall(10, 0, VCPU_INDEX, 1, -1L);
        assertThat(r.get(Gpr.RAX)).as("read-only").isEqualTo(NOT_WRITABLE);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(tdcall(10, 0, CPUID_CONTROL, 1, 0).get(Gpr.RAX)).as("empty mask").isEqualTo(NOT_WRITABLE);
        assertThat(tdcall(10, 0, CPUID_CONTROL, 4, 4).get(Gpr.RAX)).as("mask outside write mask").isEqualTo(NOT_WRITABLE);
        assertThat(tdcall(10, 0, 0, 0, 0).get(Gpr.RAX)).as("VPID: TD VMCS").isEqualTo(NOT_WRITABLE);
        assertThat(tdcall(10, 0, VMCS_GUEST_RIP, 0, -1L).get(Gpr.RAX)).isEqualTo(NOT_WRITABLE);
        r = tdcall(10, 0, -1L, 0, 0);
        assertThat(r.get(Gpr.RAX)).as("null id is not special for WR").isEqualTo(FIELD_ID_INCORRECT);
        assertThat(r.get(Gpr.RDX)).as("RDX not written").isEqualTo(-1L);
        r = tdcall(10, 2, CPUID_CONTROL, 1, 1);
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(r.get(Gpr.RDX)).isEqualTo(CPUID_CONTROL);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(m.td.cpuidControl[0]).isZero();
    }

    @Test
    void module10LacksTheLeaves() {
        m.fixture("td.config", p("VERSION", "1.0"));
        assertThat(tdcall(9, 0, VCPU_INDEX, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);
        assertThat(tdcall(10, 0, VCPU_INDEX, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);
    }
}

package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import org.junit.jupiter.api.Test;

class MetadataAndMiscLeavesTest extends EngineTestBase {
    static final long ATTRIBUTES = 0x1110000300000000L;
    static final long XFAM = 0x1110000300000001L;
    static final long MAX_VCPUS = 0x1110000200000002L;
    static final long NUM_VCPUS = 0x9010000200000001L;
    static final long CONFIG_FLAGS = 0x1110000300000016L;
    static final long TD_CTLS = 0x1110000300000017L;
    static final long NOTIFY_ENABLES = 0x9110000300000010L;
    static final long FATAL = 0x8010000000000001L;
    static final long FIELD_ID_INCORRECT = 0xC0000C0000000000L;
    static final long NOT_READABLE = 0xC0000C0200000000L;
    static final long NOT_WRITABLE = 0xC0000C0100000000L;
    static final long VALUE_NOT_VALID = 0xC0000C0300000000L;

    @Test
    void vmRd() {
        m.fixture("td.config", p("ATTRIBUTES", "0x40000000", "NO_RBP_MOD", "true", "MAX_VCPUS", "16"));
        RegisterFile before = filled().set(Gpr.RCX, 0).set(Gpr.RDX, ATTRIBUTES);
        RegisterFile r = tdcall(7, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8)).isEqualTo(0x40000000L);
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);
        assertThat(tdcall(7, 0, CONFIG_FLAGS, 0, 0).get(Gpr.R8)).isEqualTo(4);
        assertThat(tdcall(7, 0, MAX_VCPUS, 0, 0).get(Gpr.R8)).isEqualTo(16);
        assertThat(tdcall(7, 0, NUM_VCPUS, 0, 0).get(Gpr.R8)).isEqualTo(4);
        assertThat(tdcall(7, 0, XFAM & ~(7L << 52), 0, 0).get(Gpr.R8)).as("context code ignored").isEqualTo(3);

        r = tdcall(7, 0, FATAL, 0, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(NOT_READABLE);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(tdcall(7, 0, 0x1110000300000050L, 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(7, 0, ATTRIBUTES | (1L << 24), 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(7, 0, ATTRIBUTES | (1L << 34), 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        r = tdcall(7, 1, ATTRIBUTES, 0, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(r.get(Gpr.R8)).isZero();
    }

    @Test
    void vmRdVersion1() {
        RegisterFile r = tdcall(0x10007, 0, XFAM, 0, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RDX)).isEqualTo(MAX_VCPUS);
        r = tdcall(0x10007, 0, -1L, 0, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(0x00000C0B00000000L);
        assertThat(r.get(Gpr.RDX)).as("first guest-readable TD field: TD_UUID").isEqualTo(0x8010000300000020L);
        r = tdcall(0x10007, 0, FATAL, 0, 0);
        assertThat(r.get(Gpr.RDX)).isEqualTo(-1L);
    }

    @Test
    void vmWr() {
        RegisterFile r = tdcall(8, 0, NOTIFY_ENABLES, 1, -1L);
        assertThat(r.get(Gpr.RAX)).as("bit 0 writable; other requested bits unchanged").isZero();
        assertThat(r.get(Gpr.R8)).as("old value").isZero();
        assertThat(tdcall(7, 0, NOTIFY_ENABLES, 0, 0).get(Gpr.R8)).isEqualTo(1);
        assertThat(tdcall(8, 0, NOTIFY_ENABLES, 3, -1L).get(Gpr.RAX)).isEqualTo(VALUE_NOT_VALID);
        assertThat(tdcall(8, 0, NOTIFY_ENABLES, 3, 1).get(Gpr.RAX)).as("mask limits the write").isZero();
        r = tdcall(8, 0, ATTRIBUTES, 1, -1L);
        assertThat(r.get(Gpr.RAX)).isEqualTo(NOT_WRITABLE);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(tdcall(8, 0, NOTIFY_ENABLES, 1, 0).get(Gpr.RAX)).isEqualTo(NOT_WRITABLE);
        assertThat(tdcall(8, 0, TD_CTLS, 1, 1).get(Gpr.RAX)).as("PENDING_VE_DISABLE fixed").isEqualTo(VALUE_NOT_VALID);
        m.fixture("td.config", p("FLEXIBLE_PENDING_VE", "true"));
        assertThat(tdcall(8, 0, TD_CTLS, 1, 1).get(Gpr.RAX)).isZero();
        assertThat(m.td.pendingVeDisable()).isTrue();
        assertThat(tdcall(8, 0, 0x1110000300000050L, 1, 1).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        assertThat(tdcall(8, 2, NOTIFY_ENABLES, 1, 1).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
    }

    @Test
    void tdFieldFixture() {
        m.fixture("td.field", p("field", "0x1110000300000000", "value", "0x30000000"));
        assertThat(tdcall(7, 0, ATTRIBUTES, 0, 0).get(Gpr.R8)).isEqualTo(0x30000000L);
        assertThat(tdcall(1, filled()).get(Gpr.RDX)).isEqualTo(0x30000000L);
    }

    @Test
    void sysRd() {
        RegisterFile r = tdcall(11, 0, 0x0A00000300000008L, 0, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.R8) & (1L << 18)).as("NO_RBP_MOD").isNotZero();
        assertThat(r.get(Gpr.RDX)).as("next: MIG_ATTRIBUTES").isEqualTo(0xA000000300000000L);
        assertThat(tdcall(11, 0, 0x0800000100000004L, 0, 0).get(Gpr.R8)).isEqualTo(1);
        assertThat(tdcall(11, 0, 0x0800000100000003L, 0, 0).get(Gpr.R8)).isEqualTo(5);
        r = tdcall(11, 0, 0x0000000200000000L, 0, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(NOT_READABLE);
        assertThat(r.get(Gpr.RDX)).isEqualTo(-1L);
        assertThat(r.get(Gpr.R8)).isZero();
        assertThat(tdcall(11, 0, 0x0A00000300000077L, 0, 0).get(Gpr.RAX)).isEqualTo(FIELD_ID_INCORRECT);
        r = tdcall(11, 0, -1L, 0, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(0x00000C0B00000000L);
        assertThat(r.get(Gpr.RDX)).isEqualTo(0x0800000200000000L);
    }

    @Test
    void veinfoGet() {
        RegisterFile before = filled();
        RegisterFile r = tdcall(3, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(0xC000070400000000L);
        for (Gpr g : new Gpr[] {Gpr.RCX, Gpr.RDX, Gpr.R8, Gpr.R9, Gpr.R10}) assertThat(r.get(g)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.R8, Gpr.R9, Gpr.R10);
        m.fixture("td.ve", p("exit-reason", "48", "exit-qualification", "0x181", "gla", "0x7000", "gpa", "0xFEC00000",
                "instruction-length", "3", "instruction-info", "0x10"));
        r = tdcall(3, filled());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RCX)).isEqualTo(48);
        assertThat(r.get(Gpr.RDX)).isEqualTo(0x181);
        assertThat(r.get(Gpr.R8)).isEqualTo(0x7000);
        assertThat(r.get(Gpr.R9)).isEqualTo(0xFEC00000L);
        assertThat(r.get(Gpr.R10)).isEqualTo((0x10L << 32) | 3);
        assertThat(tdcall(3, filled()).get(Gpr.RAX)).as("read once").isEqualTo(0xC000070400000000L);
    }

    @Test
    void cpuidveSet() {
        assertThat(tdcall(5, 3, 0, 0, 0).get(Gpr.RAX)).isZero();
        assertThat(m.td.cpuidSupervisorVe).isEqualTo(1);
        assertThat(m.td.cpuidUserVe).isEqualTo(1);
        assertThat(tdcall(5, 4, 0, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(5, 1L << 63, 0, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
    }

    @Test
    void l2Leaves() {
        assertThat(tdcall(25, 1L << 52, 0x100100L, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(25, 1L << 52, 0x100080L, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RDX);
        assertThat(tdcall(25, 1L << 52, (1L << 47) | 0x100100L, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RDX);
        assertThat(tdcall(26, 0, 0, 0, 0).get(Gpr.RAX)).isZero();
        assertThat(tdcall(26, 1, 0, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(26, 2, 0, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(27, 1L << 52, 0, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
    }
}

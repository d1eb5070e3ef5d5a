package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import org.junit.jupiter.api.Test;

/**
 * TDG.MEM.PAGE.ATTR.WR (tdg_mem_page_attr_wr.c), TDG.SERVTD.RD/WR (tdg_servtd_rd_wr.c) and the host's
 * TDG.VP.VMCALL&lt;MigTD&gt; (td-shim tdx-tdcall).
 */
class AttrWrServtdMigTdTest extends EngineTestBase {
    static final long PAGE_SIZE_MISMATCH = 0xC0000B0B00000000L;
    static final long CROSS_TD_TRAP = 0x9000000900000000L;
    static final long PAGE_METADATA_INCORRECT_TDR = 0xC000030000000080L;
    static final long OPERAND_INVALID_TDR = 0xC000010000000080L;

    // ---- TDG.MEM.PAGE.ATTR.WR ------------------------------------------------------------------

    @Test
    void attrWrWithZeroAttributesSucceedsAndChangesNothing() {
        RegisterFile before = filled().set(Gpr.RCX, 0x100000L).set(Gpr.RDX, 0).set(Gpr.R8, 0);
        RegisterFile r = tdcall(24, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RCX)).isEqualTo(0x100000L);
        assertThat(r.get(Gpr.RDX)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.RCX, Gpr.RDX);
        assertThat(m.observe("host.last-exit")).isNull();
    }

    @Test
    void attrWrOnPendingPageSetsPendingBit() {
        m.fixture("td.pending-page", p("gpa", "0x400000", "level", "2M"));
        RegisterFile r = tdcall(24, 0x400000L | 1, 0, 0, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RCX)).isEqualTo(0x400000L | 1 | (1L << 62));
    }

    @Test
    void attrWrOperandErrorsInSourceOrder() {
        RegisterFile r = tdcall(24, 0x100000L | 3, 1, 1, 0);
        assertThat(r.get(Gpr.RAX)).as("VM0 RDX before VM0 R8 and RCX").isEqualTo(OPERAND_INVALID_RDX);
        assertThat(r.get(Gpr.RCX)).isZero();
        assertThat(r.get(Gpr.RDX)).isZero();
        assertThat(tdcall(24, 0x100000L | 3, 1L << 16, 1L << 15, 0).get(Gpr.RAX)).as("VM0 R8 (INVEPT bit) before VM1 RDX").isEqualTo(OPERAND_INVALID_R8);
        assertThat(tdcall(24, 0x100000L | 3, 0x8001L << 16, 0, 0).get(Gpr.RAX)).as("VM1 does not exist").isEqualTo(OPERAND_INVALID_RDX);
        assertThat(tdcall(24, 0x100000L | 3, 0, 1L << 63, 0).get(Gpr.RAX)).as("VM3 INVEPT").isEqualTo(OPERAND_INVALID_R8);
        assertThat(tdcall(24, 0x100000L | 3, 0, 0, 0).get(Gpr.RAX)).as("level 3").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(24, 0x100000L | 8, 0, 0, 0).get(Gpr.RAX)).as("reserved bit 3").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(24, 0x100000L | 1, 0, 0, 0).get(Gpr.RAX)).as("not 2M aligned").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(24, 0x100000L | (1L << 47), 0, 0, 0).get(Gpr.RAX)).as("shared").isEqualTo(OPERAND_INVALID_RCX);
        r = tdcall(24, 0x100000L | (1L << 52), 0, 0, 0);
        assertThat(r.get(Gpr.RAX)).as("reserved bit 52").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(r.get(Gpr.RCX)).isZero();
    }

    @Test
    void attrWrLevelMismatch() {
        RegisterFile r = tdcall(24, 0x000000L | 1, 0, 0, 0);
        // 0..0x1FFFFF holds 4K pages at 0x100000.. only: the 2M entry is not a leaf
        assertThat(r.get(Gpr.RAX)).isEqualTo(PAGE_SIZE_MISMATCH | 1);
        assertThat(r.get(Gpr.RCX)).isZero();
        assertThat(r.get(Gpr.RDX)).isZero();
    }

    @Test
    void attrWrInsideLargerPageMakesTheHostSplitIt() {
        m.fixture("td.private-page", p("gpa", "0x40000000", "level", "1G"));
        RegisterFile r = tdcall(24, 0x40201000L, 0, 0, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RCX)).isEqualTo(0x40201000L);
        RegisterFile exit = m.observe("host.last-exit");
        assertThat(exit.get(Gpr.RAX)).isEqualTo(48);
        assertThat(exit.get(Gpr.RDX) & 0xF).as("EEQ type ATTR_WR").isEqualTo(5);
        assertThat(exit.get(Gpr.R8)).isEqualTo(0x40201000L);
        assertThat(m.td.memory.find(0x40201000L).level).isZero();
    }

    @Test
    void attrWrOnUnmappedGpaGetsAPendingPageFromTheHost() {
        RegisterFile r = tdcall(24, 0x700000L, 0, 0, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RCX)).isEqualTo(0x700000L | (1L << 62));
        assertThat(m.observe("host.last-exit").get(Gpr.RAX)).isEqualTo(48);
    }

    // ---- TDG.SERVTD.RD / WR ----------------------------------------------------------------------

    @Test
    void servtdBindingSlotOutOfRange() {
        // handle 0 decodes to slot (0 - TD_UUID[63:0]) & 0xFFF = 0xB0F with the model's TD_UUID
        RegisterFile before = filled().set(Gpr.RCX, 0).set(Gpr.RDX, 0x9910000300000000L);
        RegisterFile r = tdcall(18, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(r.get(Gpr.RDX)).isEqualTo(-1L);
        assertThat(r.get(Gpr.R8)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.RDX, Gpr.R8);
        assertThat(m.observe("host.last-exit")).isNull();

        long uuid0 = m.td.tdUuid[0];
        before = filled().set(Gpr.RCX, uuid0 + 1).set(Gpr.RDX, -1L);
        r = tdcall(20, before.copy());
        assertThat(r.get(Gpr.RAX)).as("slot 1 >= MAX_SERVTDS").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(r.get(Gpr.R8)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.R8);
    }

    @Test
    void servtdSlotZeroWithoutABoundTargetIsACrossTdTrap() {
        long uuid0 = m.td.tdUuid[0];
        long tdr = 0x12345000L;
        RegisterFile before = filled().set(Gpr.RCX, tdr + uuid0).set(Gpr.RDX, 0x9910000300000000L);
        RegisterFile r = tdcall(18, before.copy());
        assertThat(r.get(Gpr.RAX)).isEqualTo(PAGE_METADATA_INCORRECT_TDR);
        assertThat(r.get(Gpr.RDX)).isEqualTo(-1L);
        assertThat(r.get(Gpr.R8)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX, Gpr.RDX, Gpr.R8);
        RegisterFile exit = m.observe("host.last-exit");
        assertThat(exit.get(Gpr.RAX)).isEqualTo(CROSS_TD_TRAP);
        assertThat(exit.get(Gpr.RCX)).isZero();
        assertThat(exit.get(Gpr.RDX)).isEqualTo(PAGE_METADATA_INCORRECT_TDR);
        assertThat(exit.get(Gpr.R8)).isEqualTo(tdr);
        assertThat(exit.get(Gpr.R12)).isZero();

        r = tdcall(20, (1L << 47) + uuid0, 0, 0, 0);
        assertThat(r.get(Gpr.RAX)).as("HKID bits set in the TDR HPA").isEqualTo(OPERAND_INVALID_TDR);
        assertThat(m.observe("host.last-exit").get(Gpr.R8)).isEqualTo(1L << 47);
    }

    @Test
    void tdUuidIsReadableAndDrivesTheHandleDecoding() {
        long uuid0 = tdcall(7, 0, 0x8010000300000020L, 0, 0).get(Gpr.R8);
        assertThat(uuid0).isEqualTo(m.td.tdUuid[0]).isNotZero();
        m.fixture("td.field", p("field", "0x8010000300000020", "value", "0x1000"));
        assertThat(tdcall(18, 0x1000L + 0x5000L, 0, 0, 0).get(Gpr.RAX)).isEqualTo(PAGE_METADATA_INCORRECT_TDR);
    }

    // ---- TDG.VP.VMCALL<MigTD> ------------------------------------------------------------------

    static final long SHARED_BUF = (1L << 47) | 0x400000L;

    RegisterFile migtd(long r12, long r13, long r14, long r15, long rbx, long rdi) {
        RegisterFile r = filled();
        long sel = (1L << 3) | (1L << 7) | (0x3FL << 10);
        r.set(Gpr.RCX, sel).set(Gpr.R10, 0).set(Gpr.R11, 0x10006).set(Gpr.R12, r12).set(Gpr.R13, r13)
                .set(Gpr.R14, r14).set(Gpr.R15, r15).set(Gpr.RBX, rbx).set(Gpr.RDI, rdi);
        tdcall(0, r);
        assertThat(r.get(Gpr.RAX)).isZero();
        return r;
    }

    @Test
    void migTdValidCalls() {
        byte[] hdr = new byte[12];
        m.writeGuestMemory(SHARED_BUF, hdr);
        RegisterFile r = migtd(0x10001, 0x1000, SHARED_BUF, 0, 0, 0);
        assertThat(r.get(Gpr.R10)).as("WaitForRequest").isZero();
        assertThat(m.readGuestMemory(SHARED_BUF, 12)).as("no request queued: buffer unchanged").containsOnly(0);
        assertThat(m.host.migTdLastFunction).isEqualTo(1);
        assertThat(migtd(0x10002, 7, 0x0100, 0x1000, SHARED_BUF, 0x40).get(Gpr.R10)).as("ReportStatus").isZero();
        assertThat(m.host.migTdLastRequestId).isEqualTo(7);
        assertThat(migtd(0x10003, 7, 0x1000, SHARED_BUF, 0x40, 0).get(Gpr.R10)).as("Send").isZero();
        assertThat(migtd(0x10004, 7, 0x1000, SHARED_BUF, 0, 0).get(Gpr.R10)).as("Receive").isZero();
        assertThat(m.capabilities().supportsLeaf("TDG.VP.VMCALL<MigTD>")).isTrue();
    }

    @Test
    void migTdInvalidOperands() {
        long inv = TdVmcallStatus.INVALID_OPERAND;
        assertThat(migtd(0x10000, 0x1000, SHARED_BUF, 0, 0, 0).get(Gpr.R10)).as("function 0").isEqualTo(inv);
        assertThat(migtd(0x10005, 0x1000, SHARED_BUF, 0, 0, 0).get(Gpr.R10)).as("function 5").isEqualTo(inv);
        assertThat(migtd(0x20001, 0x1000, SHARED_BUF, 0, 0, 0).get(Gpr.R10)).as("version 2").isEqualTo(inv);
        assertThat(migtd(0x00001, 0x1000, SHARED_BUF, 0, 0, 0).get(Gpr.R10)).as("version 0").isEqualTo(inv);
        assertThat(migtd(0x1010001, 0x1000, SHARED_BUF, 0, 0, 0).get(Gpr.R10)).as("reserved bit 24").isEqualTo(inv);
        assertThat(migtd(0x10001, 0x1000, SHARED_BUF, 31, 0, 0).get(Gpr.R10)).as("vector 31").isEqualTo(inv);
        assertThat(migtd(0x10001, 0x1000, SHARED_BUF, 32, 0, 0).get(Gpr.R10)).as("vector 32").isZero();
        assertThat(migtd(0x10001, 0x1000, SHARED_BUF + 8, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.ALIGN_ERROR);
        assertThat(migtd(0x10001, 0x1000, 0x400000L, 0, 0, 0).get(Gpr.R10)).as("private buffer").isEqualTo(inv);
        assertThat(migtd(0x10002, 7, 0x0D00, 0x1000, SHARED_BUF, 0).get(Gpr.R10)).as("reserved status").isEqualTo(inv);
        assertThat(migtd(0x10002, 7, 0xFF00, 0x1000, SHARED_BUF, 0).get(Gpr.R10)).isZero();
        assertThat(migtd(0x10003, 7, 0x1000, SHARED_BUF, 5, 0).get(Gpr.R10)).as("Send vector in RBX").isEqualTo(inv);
        assertThat(migtd(0x10002, 7, 0, 0x1000, SHARED_BUF, 5).get(Gpr.R10)).as("ReportStatus vector in RDI").isEqualTo(inv);
        assertThat(m.host.migTdLastFunction).isEqualTo(2);
    }
}

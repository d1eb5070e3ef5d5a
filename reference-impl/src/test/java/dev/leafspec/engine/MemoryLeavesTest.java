package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

class MemoryLeavesTest extends EngineTestBase {
    static final long ALREADY_ACCEPTED = 0x00000B0A00000000L;
    static final long SIZE_MISMATCH = 0xC0000B0B00000000L;

    @Test
    void rtmrExtend() throws Exception {
        byte[] data = new byte[48];
        for (int i = 0; i < 48; i++) data[i] = (byte) i;
        m.writeGuestMemory(0x100040L, data);
        RegisterFile before = filled().set(Gpr.RCX, 0x100040L).set(Gpr.RDX, 2);
        RegisterFile r = tdcall(2, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX);
        byte[] cat = new byte[96];
        System.arraycopy(data, 0, cat, 48, 48);
        byte[] expected = MessageDigest.getInstance("SHA-384").digest(cat);
        assertThat(m.td.rtmr[2]).isEqualTo(expected);
        // visible through TDG.VM.RD RTMR[2] element 0
        RegisterFile rd = tdcall(7, 0, 0x1310000300000040L + 12, 0, 0);
        assertThat(rd.get(Gpr.R8)).isEqualTo(Td.qword(expected, 0));

        assertThat(tdcall(2, 0x100020L, 0, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(2, (1L << 47) | 0x100040L, 0, 0, 0).get(Gpr.RAX)).as("shared").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(2, 0x100040L, 4, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RDX);
        assertThat(tdcall(2, 0x100021L, 4, 0, 0).get(Gpr.RAX)).as("GPA checked first").isEqualTo(OPERAND_INVALID_RCX);
    }

    @Test
    void rtmrExtendOnUnmappedGpaExitsToHostThenTakesVe() {
        RegisterFile before = filled().set(Gpr.RCX, 0x500000L).set(Gpr.RDX, 0);
        before.set(Gpr.RAX, 2);
        RegisterFile r = tdcall(2, before.copy());
        RegisterFile exit = m.observe("host.last-exit");
        assertThat(exit.get(Gpr.RAX)).as("EPT violation exit").isEqualTo(48);
        assertThat(exit.get(Gpr.R8)).isEqualTo(0x500000L);
        // host added a PENDING page; the re-executed TDCALL took a #VE: registers unchanged
        assertOnlyChanged(before, r);
        RegisterFile ve = tdcall(3, filled());
        assertThat(ve.get(Gpr.RAX)).isZero();
        assertThat(ve.get(Gpr.RCX)).isEqualTo(48);
        assertThat(ve.get(Gpr.R9)).isEqualTo(0x500000L);
    }

    @Test
    void reportAndVerify() {
        byte[] rd = new byte[64];
        for (int i = 0; i < 64; i++) rd[i] = (byte) (0x80 + i);
        m.writeGuestMemory(0x101040L, rd);
        RegisterFile before = filled().set(Gpr.RCX, 0x102000L).set(Gpr.RDX, 0x101040L).set(Gpr.R8, 0);
        RegisterFile r = tdcall(4, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX);
        byte[] rep = m.readGuestMemory(0x102000L, 1024);
        assertThat(rep[0]).isEqualTo((byte) 0x81);
        assertThat(java.util.Arrays.copyOfRange(rep, 128, 192)).isEqualTo(rd);
        assertThat(java.util.Arrays.copyOfRange(rep, 512 + 16, 512 + 64)).isEqualTo(m.td.mrtd);
        assertThat(java.util.Arrays.copyOfRange(rep, 512 + 208, 512 + 256)).isEqualTo(m.td.rtmr[0]);

        assertThat(tdcall(22, 0x102000L, 0, 0, 0).get(Gpr.RAX)).isZero();
        rep[130] ^= 1;
        m.writeGuestMemory(0x102000L, rep);
        assertThat(tdcall(22, 0x102000L, 0, 0, 0).get(Gpr.RAX)).isEqualTo(0xC000100100000000L);
        assertThat(tdcall(22, 0x102080L, 0, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        m.fixture("td.config", p("VERIFYREPORT", "false"));
        assertThat(tdcall(22, 0x102000L, 0, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RAX);

        assertThat(tdcall(4, 0x102200L, 0x101040L, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(4, 0x102000L, 0x101020L, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RDX);
        assertThat(tdcall(4, 0x102000L, 0x101040L, 1, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_R8);
        assertThat(tdcall(4, 0x102000L, 1L << 52, 0, 0).get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RDX);
        // shared output buffer is allowed
        assertThat(tdcall(4, (1L << 47) | 0x600000L, 0x101040L, 0, 0).get(Gpr.RAX)).isZero();
        assertThat(m.readGuestMemory((1L << 47) | 0x600000L, 1)[0]).isEqualTo((byte) 0x81);
    }

    @Test
    void pageAccept4k() {
        m.fixture("td.pending-page", p("gpa", "0x300000", "level", "4K"));
        RegisterFile before = filled().set(Gpr.RCX, 0x300000L);
        RegisterFile r = tdcall(6, before.copy());
        assertThat(r.get(Gpr.RAX)).isZero();
        assertOnlyChanged(before, r, Gpr.RAX);
        assertThat(m.readGuestMemory(0x300000L, 16)).containsOnly(0);
        assertThat(tdcall(6, 0x300000L, 0, 0, 0).get(Gpr.RAX)).isEqualTo(ALREADY_ACCEPTED);
        assertThat(tdcall(6, 0x100000L, 0, 0, 0).get(Gpr.RAX)).isEqualTo(ALREADY_ACCEPTED);
        assertThat(m.observe("host.last-exit")).isNull();
    }

    @Test
    void pageAccept2mAndMismatches() {
        m.fixture("td.pending-page", p("gpa", "0x400000", "level", "2M"));
        assertThat(tdcall(6, 0x400000L | 1, 0, 0, 0).get(Gpr.RAX)).isZero();
        assertThat(tdcall(6, 0x401000L, 0, 0, 0).get(Gpr.RAX)).as("4K inside accepted 2M").isEqualTo(ALREADY_ACCEPTED | 1);
        assertThat(tdcall(6, 0x400000L | 1, 0, 0, 0).get(Gpr.RAX)).isEqualTo(ALREADY_ACCEPTED | 1);
        assertThat(tdcall(6, 0x000000L | 1, 0, 0, 0).get(Gpr.RAX)).as("2M over mapped 4K pages")
                .isEqualTo(SIZE_MISMATCH | 1);
        assertThat(tdcall(6, 0x200000L | 1, 0, 0, 0).get(Gpr.RAX)).as("2M over no page: host adds 4K, then mismatch")
                .isEqualTo(SIZE_MISMATCH | 1);
        assertThat(m.observe("host.last-exit").get(Gpr.RAX)).isEqualTo(48);
    }

    @Test
    void pageAcceptInputValidation() {
        for (long rcx : new long[] {0x300000L | 2, 0x300000L | 3, 0x300008L, 0x300800L, 0x301000L | 1,
                (1L << 47) | 0x300000L, 1L << 52, 1L << 63, 1L << 48}) {
            RegisterFile before = filled().set(Gpr.RCX, rcx);
            RegisterFile r = tdcall(6, before.copy());
            assertThat(r.get(Gpr.RAX)).as("RCX 0x%x", rcx).isEqualTo(OPERAND_INVALID_RCX);
            assertOnlyChanged(before, r, Gpr.RAX);
        }
        m.fixture("td.config", p("GPAW", "52"));
        assertThat(tdcall(6, 1L << 48, 0, 0, 0).get(Gpr.RAX)).as("GPAW 52: valid, no page -> host adds it")
                .isZero();
    }

    @Test
    void pageAcceptNoPendingPageExitsToHost() {
        RegisterFile r = tdcall(6, 0x700000L, 0, 0, 0);
        RegisterFile exit = m.observe("host.last-exit");
        assertThat(exit).isNotNull();
        assertThat(exit.get(Gpr.RAX)).isEqualTo(48);
        assertThat(exit.get(Gpr.RDX) & 0xF).as("EEQ type ACCEPT").isEqualTo(1);
        assertThat(exit.get(Gpr.R8)).isEqualTo(0x700000L);
        assertThat(r.get(Gpr.RAX)).isZero();
    }

    @Test
    void pageAccept2mInsidePending1gIsSplitByHost() {
        m.fixture("td.pending-page", p("gpa", "0x40000000", "level", "1G"));
        assertThat(tdcall(6, 0x40000000L | 2, 0, 0, 0).get(Gpr.RAX)).as("1G not acceptable in 1.5").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(tdcall(6, 0x40200000L | 1, 0, 0, 0).get(Gpr.RAX)).isZero();
        assertThat(m.observe("host.last-exit")).isNotNull();
    }

    @Test
    void pendingPageOperandInjectsVe() {
        m.fixture("td.pending-page", p("gpa", "0x300000", "level", "4K"));
        RegisterFile before = filled().set(Gpr.RCX, 0x300000L).set(Gpr.RDX, 0).set(Gpr.RAX, 2);
        RegisterFile r = tdcall(2, before.copy());
        assertOnlyChanged(before, r);
        assertThat(m.observe("host.last-exit")).isNull();
        assertThat(m.td.veValid).isTrue();
        assertThat(m.td.veGpa).isEqualTo(0x300000L);
    }

    @Test
    void attrRd() {
        RegisterFile r = tdcall(23, 0x100123L, 0, 0, 0);
        assertThat(r.get(Gpr.RAX)).isZero();
        assertThat(r.get(Gpr.RCX)).isEqualTo(0x100000L);
        assertThat(r.get(Gpr.RDX)).isZero();
        m.fixture("td.pending-page", p("gpa", "0x400000", "level", "2M"));
        r = tdcall(23, 0x401000L, 0, 0, 0);
        assertThat(r.get(Gpr.RCX)).isEqualTo(0x400000L | 1 | (1L << 62));
        r = tdcall(23, (1L << 47) | 0x100000L, 0, 0, 0);
        assertThat(r.get(Gpr.RAX)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(r.get(Gpr.RCX)).isZero();
        assertThat(r.get(Gpr.RDX)).isZero();
    }

    @Test
    void guestMemoryAccess() {
        m.writeGuestMemory(0x1FFFF0L, new byte[] {1, 2, 3});
        assertThat(m.readGuestMemory(0x1FFFF0L, 3)).containsExactly(1, 2, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.readGuestMemory(0x1FFFF0L, 32))
                .isInstanceOf(IllegalArgumentException.class);
        m.fixture("td.config", p("GPAW", "52"));
        m.writeGuestMemory((1L << 51) | 0x1000L, new byte[] {9});
        assertThat(m.readGuestMemory((1L << 51) | 0x1000L, 1)).containsExactly(9);
        m.fixture("td.private-page", p("gpa", "0x800000", "level", "2M"));
        m.writeGuestMemory(0x9FFFF0L, new byte[] {7});
        assertThat(m.readGuestMemory(0x9FFFF0L, 1)).containsExactly(7);
    }
}

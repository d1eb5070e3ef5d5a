package dev.leafspec.engine;

import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TDH.VP.ENTER running guest programs on a host-built TD, and TDH.MEM.PAGE.AUG. */
class VpEnterTest extends SeamTestBase {
    static final long CPUID_BITMAP = 0xFC00; // R10..R15
    static final long GUEST_RBX = 0x6E57_0000_0000_0303L, GUEST_RBP = 0x6E57_0000_0000_0505L, GUEST_R14 = 0x6E57_0000_0000_0E0EL;

    /** The same TD as {@link #buildTd} with TD_PARAMS.CONFIG_FLAGS = {@code flags}, finalized. */
    void buildTdWithFlags(long flags) {
        m.fixture("platform.ready", Map.of());
        ok(SeamcallDispatcher.TDH_MNG_CREATE, TDR, 33, 0, 0);
        ok(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0);
        m.fixture("platform.lp", Map.of("lp", "2"));
        ok(SeamcallDispatcher.TDH_MNG_KEY_CONFIG, TDR, 0, 0, 0);
        m.fixture("platform.lp", Map.of("lp", "0"));
        for (int i = 1; i <= 6; i++) ok(SeamcallDispatcher.TDH_MNG_ADDCX, TDR + i * 0x1000L, TDR, 0, 0);
        m.fixture("host.memory", Map.of("hpa", Long.toString(PARAMS), "qwords", "0 3 1 0x1E " + flags + " 0x19"));
        ok(SeamcallDispatcher.TDH_MNG_INIT, TDR, PARAMS, 0, 0);
        ok(SeamcallDispatcher.TDH_VP_CREATE, VP, TDR, 0, 0);
        for (int i = 1; i <= 5; i++) ok(SeamcallDispatcher.TDH_VP_ADDCX, VP + i * 0x1000L, VP, 0, 0);
        ok(SeamcallDispatcher.TDH_VP_INIT, VP, 0, 0, 0);
        ok(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 3, TDR, SEPT3, 0);
        ok(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 2, TDR, SEPT2, 0);
        ok(SeamcallDispatcher.TDH_MEM_SEPT_ADD, 1, TDR, SEPT1, 0);
        m.fixture("host.memory", Map.of("hpa", Long.toString(SRC), "fill", "0xAB"));
        ok(SeamcallDispatcher.TDH_MEM_PAGE_ADD, 0, TDR, PAGE0, SRC);
        ok(SeamcallDispatcher.TDH_MR_FINALIZE, TDR, 0, 0, 0);
    }

    void program(String... calls) {
        Map<String, String> p = new HashMap<>();
        p.put("tdvpr", Long.toString(VP));
        p.put("initial", "RBX=" + GUEST_RBX + " RBP=" + GUEST_RBP + " R14=" + GUEST_R14 + " XMM4=0x44 XMM3=0x33");
        for (int i = 0; i < calls.length; i++) p.put("call." + (i + 1), calls[i]);
        m.fixture("guest.program", p);
    }

    RegisterFile enter(RegisterFile host) {
        host.gpr(0, SeamcallDispatcher.TDH_VP_ENTER);
        host.gpr(1, VP);
        m.call(Instruction.SEAMCALL, host);
        return host;
    }

    @Test
    void cpuidExitShowsOnlySelectedRegistersAndResumeRestoresTheOthers() {
        buildTd(true);
        program("RAX=0 RCX=" + CPUID_BITMAP + " R10=0 R11=10 R12=1 R13=0");
        RegisterFile before = filled();
        RegisterFile h = enter(before.copy());
        assertThat(h.gpr(0)).isEqualTo(77);
        assertThat(h.gpr(1)).isEqualTo(CPUID_BITMAP);
        assertThat(h.gpr(10)).isZero();
        assertThat(h.gpr(11)).isEqualTo(10);
        assertThat(h.gpr(12)).isEqualTo(1);
        assertThat(h.gpr(14)).isEqualTo(GUEST_R14);
        for (int i : new int[] {2, 3, 5, 6, 7, 8, 9}) assertThat(h.gpr(i)).as("GPR %d", i).isZero();
        assertThat(h.gpr(4)).as("RSP").isEqualTo(before.gpr(4));
        for (int x = 0; x < 16; x++) assertThat(h.xmmLow(x) | h.xmmHigh(x)).as("XMM%d", x).isZero();

        for (int i = 2; i < 16; i++) if (i != 4) h.gpr(i, 0xBAD0_0000_0000_0000L | i); // a hostile host writes everything
        h.gpr(10, 0);
        h.gpr(12, 0xA);
        h.xmm(4, 0xBAD, 0xBAD);
        RegisterFile h2 = enter(h);
        assertThat(h2.gpr(0)).as("end of program: HLT").isEqualTo(77);
        assertThat(h2.gpr(1)).isEqualTo(GuestRun.HLT_BITMAP);
        assertThat(h2.gpr(11)).isEqualTo(12);

        RegisterFile g = m.observe("guest.call.1");
        assertThat(g.gpr(0)).isZero();
        assertThat(g.gpr(1)).isEqualTo(CPUID_BITMAP);
        assertThat(g.gpr(12)).isEqualTo(0xA);
        assertThat(g.gpr(13)).isEqualTo(0xBAD0_0000_0000_000DL);
        assertThat(g.gpr(3)).isEqualTo(GUEST_RBX);
        assertThat(g.gpr(5)).isEqualTo(GUEST_RBP);
        assertThat(g.xmmLow(4)).isEqualTo(0x44);
        assertThat(m.observe("guest.last-call")).isEqualTo(g); // the HLT has not completed
    }

    @Test
    void rbpIsClobberedOnVmcallExitsWithoutNoRbpModAndKeptWithIt() {
        buildTd(true);
        program("RAX=0 RCX=" + CPUID_BITMAP + " R10=0 R11=10 R12=1 R13=0");
        assertThat(enter(filled()).gpr(5)).isZero();

        m.reset();
        buildTdWithFlags(4);
        program("RAX=0 RCX=" + (CPUID_BITMAP | 0x20) + " R10=0 R11=10", "RAX=0 RCX=" + CPUID_BITMAP + " R10=0 R11=10 R12=1");
        RegisterFile before = filled();
        RegisterFile h = enter(before.copy());
        assertThat(h.gpr(5)).as("RBP under NO_RBP_MOD").isEqualTo(before.gpr(5));
        assertThat(m.observe("guest.call.1").gpr(0)).as("selecting RBP under NO_RBP_MOD").isEqualTo(OPERAND_INVALID_RCX);
    }

    @Test
    void acceptOfAnUnaugmentedGpaExitsWithEptViolationThenAugAndAcceptSucceed() {
        buildTdWithFlags(4);
        program("RAX=6 RCX=0x5000");
        RegisterFile before = filled();
        RegisterFile h = enter(before.copy());
        assertThat(h.gpr(0)).isEqualTo(48);
        assertThat(h.gpr(8)).isEqualTo(0x5000);
        assertThat(h.gpr(1)).isEqualTo(2);
        assertThat(h.gpr(2) & 0xF).as("EEQ type ACCEPT").isEqualTo(1);
        assertThat(h.gpr(5)).as("RBP after an async exit, even with NO_RBP_MOD").isZero();
        assertThat(m.observe("guest.last-call")).isNull();

        long page = TDR + 0x40000;
        RegisterFile aug = seam(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x5000, TDR, page, 0);
        assertThat(aug.gpr(0)).isZero();
        assertThat(aug.gpr(1)).isZero();
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x5000, TDR, page + 0x1000, 0))
                .isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | 1);
        assertThat(seam(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x5000, TDR, page + 0x1000, 0).gpr(2)).isEqualTo(2 << 8);
        assertThat(m.seam.pageType(page)).isEqualTo(SeamHost.PT_REG);

        h = enter(filled());
        assertThat(h.gpr(11)).as("HLT").isEqualTo(12);
        assertThat(m.observe("guest.call.1").gpr(0)).isZero();
        assertThat(m.seam.tds.get(TDR).sept.get(SeamHost.septKey(0x5000, 0)).state).isEqualTo(SeamHost.SEPT_MAPPED);
        // the guest sees the page TDH.MEM.PAGE.ADD added: TDG.MEM.PAGE.ACCEPT of GPA 0 is ALREADY_ACCEPTED
        program("RAX=6 RCX=0");
        enter(filled());
        assertThat(m.observe("guest.call.1").gpr(0)).isEqualTo(TdxStatus.TDX_PAGE_ALREADY_ACCEPTED);
    }

    @Test
    void pageAugErrors() {
        buildTd(false);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x5002, TDR, TDR + 0x40000, 0)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x5008, TDR, TDR + 0x40000, 0)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x0000_8000_0000_0000L, TDR, TDR + 0x40000, 0))
                .as("shared GPA").isEqualTo(OPERAND_INVALID_RCX);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0, TDR, TDR + 0x40000, 0)).as("GPA 0 holds an added page")
                .isEqualTo(SeamStatus.TDX_EPT_ENTRY_STATE_INCORRECT | 1);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x200000, TDR, TDR + 0x40000, 0)).as("no level-1 SEPT page")
                .isEqualTo(SeamStatus.TDX_EPT_WALK_FAILED | 1);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x5000, TDR, TDR, 0))
                .isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | 8);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x5000, VP, TDR + 0x40000, 0))
                .isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | 2);
        assertThat(status(SeamcallDispatcher.TDH_MEM_PAGE_AUG, 0x5000, TDR, TDR + 0x40000, 0)).as("before finalize").isZero();
    }

    @Test
    void vpEnterErrorsChangeOnlyRax() {
        buildTd(false);
        RegisterFile before = filled();
        before.gpr(0, SeamcallDispatcher.TDH_VP_ENTER);
        before.gpr(1, VP);
        RegisterFile r = before.copy();
        m.call(Instruction.SEAMCALL, r);
        assertThat(r.gpr(0)).as("not finalized").isEqualTo(SeamStatus.TDX_OP_STATE_INCORRECT);
        r.gpr(0, before.gpr(0));
        assertThat(r).isEqualTo(before);
        ok(SeamcallDispatcher.TDH_MR_FINALIZE, TDR, 0, 0, 0);
        assertThat(status(0, VP | 1, 0, 0, 0)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(status(0, VP | (1L << 54), 0, 0, 0)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(status(0, VP | TdhVpEnter.HOST_RECOVERABILITY_HINT, 0, 0, 0)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(status(0, VP | TdhVpEnter.RESUME_L1, 0, 0, 0)).isEqualTo(OPERAND_INVALID_RCX);
        assertThat(status(0, TDR, 0, 0, 0)).isEqualTo(SeamStatus.TDX_PAGE_METADATA_INCORRECT | 1);
        assertThat(status(0, 0x1000, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_ADDR_RANGE_ERROR | 1);
        m.fixture("host.lock", Map.of("hpa", Long.toString(TDR)));
        assertThat(status(0, VP, 0, 0, 0)).isEqualTo(TdxStatus.TDX_OPERAND_BUSY | 128);
        m.seam.lockedPages.clear();
        m.fixture("platform.lp", Map.of("lp", "1"));
        assertThat(status(0, VP, 0, 0, 0)).isEqualTo(SeamStatus.TDX_VCPU_ASSOCIATED);
        m.fixture("platform.lp", Map.of("lp", "0"));
        assertThat(status(0, VP, 0, 0, 0)).as("no program: HLT exit").isEqualTo(77);
    }

    @Test
    void selectedXmmsPassBothWays() {
        buildTd(true);
        program("RAX=0 RCX=" + (0x1C00 | (1L << 19)) + " R10=0 R11=10 R12=0 XMM3=0x00112233445566778899AABBCCDDEEFF");
        RegisterFile h = enter(filled());
        assertThat(h.xmmLow(3)).isEqualTo(0x8899AABBCCDDEEFFL);
        assertThat(h.xmmHigh(3)).isEqualTo(0x0011223344556677L);
        assertThat(h.xmmLow(4) | h.xmmHigh(4)).isZero();
        h.xmm(3, 0x1234, 0x5678);
        h.xmm(4, 0xBAD, 0xBAD);
        enter(h);
        RegisterFile g = m.observe("guest.call.1");
        assertThat(g.xmmLow(3)).isEqualTo(0x1234);
        assertThat(g.xmmHigh(3)).isEqualTo(0x5678);
        assertThat(g.xmmLow(4)).isEqualTo(0x44);
    }

    @Test
    void guestSideTdComesFromTdParams() {
        buildTdWithFlags(4);
        enter(filled());
        Td g = m.seam.tds.get(TDR).guest;
        assertThat(g.noRbpMod).isTrue();
        assertThat(g.xfam).isEqualTo(3);
        assertThat(g.maxVcpus).isEqualTo(1);
        assertThat(g.memory.find(0).state).isEqualTo(GuestMemory.MAPPED);
        assertThat(g.memory.read(0, 1)[0]).isEqualTo((byte) 0xAB);
        assertThat(g.memory.find(0x100000)).as("none of the default TD's pages").isNull();
        assertThat(m.td.memory.find(0x100000)).as("the default TD is unchanged").isNotNull();
    }
}

package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.RegisterFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@link TdxModule#reset()} must give the state of a freshly constructed engine (the SPI's reset contract: every
 * scenario starts from the same TD, host and platform, whatever the previous scenario did). A probe — a fixed
 * sequence of TDCALLs, TDG.VP.VMCALLs, SEAMCALLs, guest-memory reads and observations — runs on a fresh engine and on
 * one that was dirtied through every fixture and many state-changing calls, then reset; the probes must agree.
 */
class ResetTest extends EngineTestBase {
    private static final long SHARED = 1L << 47;
    private static final long VMCALL_SEL = 0xFC00L; // R10..R15

    @Test
    void resetAfterEveryKindOfChangeGivesAFreshEngine() {
        List<String> fresh = probe(new TdxModule());
        TdxModule dirty = new TdxModule();
        dirty(dirty);
        assertThat(probe(dirty)).as("the probe sees the changes before reset").isNotEqualTo(fresh);
        dirty.reset();
        List<String> afterReset = probe(dirty);
        for (int i = 0; i < fresh.size(); i++) {
            assertThat(afterReset.get(i)).as("probe step %d after reset", i).isEqualTo(fresh.get(i));
        }
        assertThat(afterReset).hasSameSizeAs(fresh);
    }

    @Test
    void resetTwiceIsStillFresh() {
        List<String> fresh = probe(new TdxModule());
        TdxModule e = new TdxModule();
        dirty(e);
        e.reset();
        dirty(e);
        e.reset();
        assertThat(probe(e)).isEqualTo(fresh);
    }

    private static void dirty(TdxModule e) {
        e.fixture("td.field", p("field", "0x1310000300000010", "value", "0x1234")); // MRCONFIGID
        e.fixture("td.field", p("field", "0x1310000300000000", "value", "0x99"));   // MRTD
        e.fixture("td.field", p("field", "0x8010000300000020", "value", "0x77"));   // TD_UUID
        e.fixture("td.field", p("field", "0x111000010000000C", "value", "0x55"));   // TSC_FREQUENCY
        e.fixture("td.field", p("field", "0x9110000300000010", "value", "0x1"));    // NOTIFY_ENABLES
        e.fixture("td.pending-page", p("gpa", "0x400000", "level", "2M"));
        e.fixture("td.private-page", p("gpa", "0x300000"));
        e.fixture("td.ve", p("exit-reason", "48", "exit-qualification", "0x81", "gla", "0x1000", "gpa", "0x2000",
                "instruction-length", "3", "instruction-info", "0"));
        e.fixture("host.answer", p("subfunction", "MapGPA", "status", "RETRY", "R11", "0x123000"));
        e.fixture("host.cpuid", p("leaf", "0x0", "subleaf", "0", "eax", "0x1F", "ebx", "1", "ecx", "2", "edx", "3"));
        e.fixture("host.msr", p("msr", "0x1B", "value", "0xFEE00900"));
        e.fixture("host.port", p("port", "0x80", "value", "0x5A", "size", "1"));
        e.fixture("host.mmio", p("gpa", "0x0000800000F00000", "value", "0xABCD", "size", "4"));
        e.fixture("host.quote", p("status", "SUCCESS", "quote", "AABBCC"));
        e.fixture("host.unsupported", p("subfunction", "Service"));
        e.fixture("platform.ready", Map.of());
        e.writeGuestMemory(0x100000, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        e.writeGuestMemory(0x101000, new byte[] {9, 9, 9});
        e.writeGuestMemory(0x0000800000180000L, new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        RegisterFile r = filled();
        r.set(Gpr.RCX, 0x100000).set(Gpr.RDX, 1);
        call(e, 2, r); // TDG.MR.RTMR.EXTEND RTMR1
        vmcall(e, GhciSubfunction.MAP_GPA, SHARED | 0x1F0000, 0x1000, 0, 0);
        vmcall(e, GhciSubfunction.SETUP_EVENT_NOTIFY_INTERRUPT, 0x40, 0, 0, 0);
        vmcall(e, GhciSubfunction.REPORT_FATAL_ERROR, 0x1000, 0, 0, 0);
        vmcall(e, GhciSubfunction.IO, 1, 1, 0x70, 0x0A); // out 0x70 <- 0x0A (CMOS index)
        e.fixture("td.config", p("GPAW", "52", "ATTRIBUTES", "0x10000000", "MAX_VCPUS", "3", "NUM_VCPUS", "2",
                "VCPU_INDEX", "1", "NO_RBP_MOD", "true", "XFAM", "0x7", "FLEXIBLE_PENDING_VE", "true",
                "PENDING_VE_DISABLE", "true", "VERIFYREPORT", "false", "SEALING", "true", "ENABLE_HW_KEYS", "true",
                "SEALING_SUPPORTED", "false"));
    }

    /** Everything a guest and the host can observe, as text lines. */
    private static List<String> probe(TdxModule e) {
        List<String> out = new ArrayList<>();
        out.add("VP.INFO " + regs(call(e, 1, filled())));
        out.add("VEINFO.GET " + regs(call(e, 3, filled())));
        for (long field : new long[] {0x1110000300000000L, 0x1110000300000001L, 0x1110000200000002L, 0x1110000000000003L,
                0x111000010000000CL, 0x9110000300000010L, 0x1110000300000016L, 0x1110000300000017L, 0x9010000200000001L,
                0x1310000300000000L, 0x1310000300000010L, 0x8010000300000020L, 0x1310000300000046L}) {
            RegisterFile r = filled();
            r.set(Gpr.RCX, 0).set(Gpr.RDX, field);
            out.add("VM.RD " + Long.toHexString(field) + " " + regs(call(e, 7, r)));
        }
        RegisterFile sys = filled();
        sys.set(Gpr.RDX, 0x0A00000300000008L); // TDX_FEATURES0
        out.add("SYS.RD " + regs(call(e, 11, sys)));
        RegisterFile rep = filled();
        rep.set(Gpr.RCX, 0x102000).set(Gpr.RDX, 0x100400).set(Gpr.R8, 0);
        out.add("MR.REPORT " + regs(call(e, 4, rep)));
        out.add("TDREPORT " + mem(e, 0x102000, 1024));
        RegisterFile acc = filled();
        acc.set(Gpr.RCX, 0x300000);
        out.add("PAGE.ACCEPT 0x300000 " + regs(call(e, 6, acc)));
        out.add("CPUID 0 " + regs(vmcall(e, GhciSubfunction.CPUID, 0, 0, 0, 0)));
        out.add("RDMSR 0x1B " + regs(vmcall(e, GhciSubfunction.RDMSR, 0x1B, 0, 0, 0)));
        out.add("IN 0x71 " + regs(vmcall(e, GhciSubfunction.IO, 1, 0, 0x71, 0)));
        out.add("IN 0x80 " + regs(vmcall(e, GhciSubfunction.IO, 1, 0, 0x80, 0)));
        out.add("MMIO " + regs(vmcall(e, GhciSubfunction.REQUEST_MMIO, 4, 0, SHARED | 0xF00000, 0)));
        out.add("MapGPA " + regs(vmcall(e, GhciSubfunction.MAP_GPA, SHARED | 0x1E0000, 0x1000, 0, 0)));
        out.add("GetQuote " + regs(vmcall(e, GhciSubfunction.GET_QUOTE, SHARED | 0x180000, 0x1000, 0, 0)));
        out.add("Service " + regs(vmcall(e, GhciSubfunction.SERVICE, SHARED | 0x181000, SHARED | 0x182000, 0, 0)));
        out.add("GetTdVmCallInfo " + regs(vmcall(e, GhciSubfunction.GET_TD_VM_CALL_INFO, 0, 0, 0, 0)));
        out.add("host.last-exit " + regs(e.observe("host.last-exit")));
        out.add("private memory " + mem(e, 0x100000, 0xE0000).hashCode());
        out.add("shared memory " + mem(e, SHARED | 0x180000, 64));
        RegisterFile seam = filled();
        seam.set(Gpr.RAX, 34).set(Gpr.RDX, 0x0800000100000004L); // TDH.SYS.RD MAJOR_VERSION
        e.call(Instruction.SEAMCALL, seam);
        out.add("TDH.SYS.RD " + regs(seam));
        return out;
    }

    private static RegisterFile call(TdxModule e, long leaf, RegisterFile r) {
        r.set(Gpr.RAX, leaf);
        e.call(Instruction.TDCALL, r);
        return r;
    }

    private static RegisterFile vmcall(TdxModule e, long sub, long r12, long r13, long r14, long r15) {
        RegisterFile r = filled();
        r.set(Gpr.RCX, VMCALL_SEL).set(Gpr.R10, 0).set(Gpr.R11, sub).set(Gpr.R12, r12).set(Gpr.R13, r13)
                .set(Gpr.R14, r14).set(Gpr.R15, r15);
        return call(e, 0, r);
    }

    private static String regs(RegisterFile r) {
        if (r == null) return "null";
        StringBuilder sb = new StringBuilder();
        for (Gpr g : Gpr.values()) sb.append(g).append('=').append(Long.toHexString(r.get(g))).append(' ');
        for (int x = 0; x < 16; x++) sb.append("X").append(x).append('=').append(Long.toHexString(r.xmmLow(x)))
                .append(':').append(Long.toHexString(r.xmmHigh(x))).append(' ');
        return sb.append("RFLAGS=").append(Long.toHexString(r.rflags())).toString();
    }

    /** Guest memory as hex, or the reason it cannot be read (e.g. a GPA that is not shared under GPAW 52). */
    private static String mem(TdxModule e, long gpa, int length) {
        try {
            return hex(e.readGuestMemory(gpa, length));
        } catch (IllegalArgumentException ex) {
            return "unreadable: " + ex.getMessage();
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x));
        return sb.toString();
    }
}

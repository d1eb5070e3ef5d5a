package dev.leafspec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leafspec.api.Gpr;
import dev.leafspec.api.RegisterFile;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HostVmmTest extends EngineTestBase {
    static final long SEL = (1L << 10) | (1L << 11) | (1L << 12) | (1L << 13) | (1L << 14) | (1L << 15);
    static final long SHARED = 1L << 47;

    RegisterFile vmcall(long r11, long r12, long r13, long r14, long r15) {
        RegisterFile r = filled();
        r.set(Gpr.RCX, SEL).set(Gpr.R10, 0).set(Gpr.R11, r11).set(Gpr.R12, r12).set(Gpr.R13, r13)
                .set(Gpr.R14, r14).set(Gpr.R15, r15);
        tdcall(0, r);
        assertThat(r.get(Gpr.RAX)).isZero();
        return r;
    }

    @Test
    void cpuidTable() {
        m.fixture("host.cpuid", p("leaf", "0x1", "subleaf", "0", "eax", "0x806F8", "ebx", "0x100800", "ecx", "0xFFFA3203", "edx", "0x178BFBFF"));
        RegisterFile r = vmcall(GhciSubfunction.CPUID, 1, 0, 0, 0);
        assertThat(r.get(Gpr.R10)).isZero();
        assertThat(r.get(Gpr.R12)).isEqualTo(0x806F8);
        assertThat(r.get(Gpr.R13)).isEqualTo(0x100800);
        assertThat(r.get(Gpr.R14)).isEqualTo(0xFFFA3203L);
        assertThat(r.get(Gpr.R15)).isEqualTo(0x178BFBFFL);
        r = vmcall(GhciSubfunction.CPUID, 0x7, 0, 0, 0);
        assertThat(r.get(Gpr.R12)).isZero();
        assertThat(r.get(Gpr.R15)).isZero();
    }

    @Test
    void portIoCmosAndConfiguredPort() {
        RegisterFile r = vmcall(GhciSubfunction.IO, 1, 1, 0x70, 0x0A);
        assertThat(r.get(Gpr.R10)).isZero();
        r = vmcall(GhciSubfunction.IO, 1, 0, 0x71, 0);
        assertThat(r.get(Gpr.R11)).isEqualTo(0x26);
        vmcall(GhciSubfunction.IO, 1, 1, 0x70, 0x20);
        vmcall(GhciSubfunction.IO, 1, 1, 0x71, 0x5A);
        assertThat(vmcall(GhciSubfunction.IO, 1, 0, 0x71, 0).get(Gpr.R11)).isEqualTo(0x5A);

        m.fixture("host.port", p("port", "0x3F8", "value", "0x12345678", "size", "4"));
        assertThat(vmcall(GhciSubfunction.IO, 2, 0, 0x3F8, 0).get(Gpr.R11)).isEqualTo(0x5678);
        assertThat(vmcall(GhciSubfunction.IO, 4, 0, 0x3F8, 0).get(Gpr.R11)).isEqualTo(0x12345678);
        assertThat(vmcall(GhciSubfunction.IO, 1, 0, 0x3F8, 0).get(Gpr.R11)).isEqualTo(0x78);
        vmcall(GhciSubfunction.IO, 2, 1, 0x3F8, 0xFFFF_ABCDL);
        assertThat(vmcall(GhciSubfunction.IO, 4, 0, 0x3F8, 0).get(Gpr.R11)).isEqualTo(0xABCD);
        assertThat(vmcall(GhciSubfunction.IO, 4, 0, 0x1234, 0).get(Gpr.R11)).as("unclaimed port").isEqualTo(0xFFFFFFFFL);
        assertThat(vmcall(GhciSubfunction.IO, 3, 0, 0x70, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        assertThat(vmcall(GhciSubfunction.IO, 1, 2, 0x70, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }

    @Test
    void msrs() {
        m.fixture("host.msr", p("msr", "0x1B", "value", "0xFEE00900"));
        RegisterFile r = vmcall(GhciSubfunction.RDMSR, 0x1B, 0, 0, 0);
        assertThat(r.get(Gpr.R10)).isZero();
        assertThat(r.get(Gpr.R11)).isEqualTo(0xFEE00900L);
        assertThat(vmcall(GhciSubfunction.WRMSR, 0x1B, 0xFEE00800L, 0, 0).get(Gpr.R10)).isZero();
        assertThat(vmcall(GhciSubfunction.RDMSR, 0x1B, 0, 0, 0).get(Gpr.R11)).isEqualTo(0xFEE00800L);
        assertThat(vmcall(GhciSubfunction.RDMSR, 0x99, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        assertThat(vmcall(GhciSubfunction.WRMSR, 0x99, 1, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }

    @Test
    void mmio() {
        long gpa = SHARED | 0xFEC00000L;
        m.fixture("host.mmio", p("gpa", String.valueOf(gpa), "value", "0x11223344", "size", "4"));
        RegisterFile r = vmcall(GhciSubfunction.REQUEST_MMIO, 4, 0, gpa, 0);
        assertThat(r.get(Gpr.R10)).isZero();
        assertThat(r.get(Gpr.R11)).isEqualTo(0x11223344L);
        assertThat(vmcall(GhciSubfunction.REQUEST_MMIO, 2, 0, gpa, 0).get(Gpr.R11)).isEqualTo(0x3344);
        vmcall(GhciSubfunction.REQUEST_MMIO, 4, 1, gpa, 0xCAFEL);
        assertThat(vmcall(GhciSubfunction.REQUEST_MMIO, 4, 0, gpa, 0).get(Gpr.R11)).isEqualTo(0xCAFE);
        assertThat(vmcall(GhciSubfunction.REQUEST_MMIO, 4, 0, 0xFEC00000L, 0).get(Gpr.R10))
                .as("private GPA").isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        assertThat(vmcall(GhciSubfunction.REQUEST_MMIO, 3, 0, gpa, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        assertThat(vmcall(GhciSubfunction.REQUEST_MMIO, 4, 5, gpa, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }

    @Test
    void simpleInstructions() {
        assertThat(vmcall(GhciSubfunction.HLT, 0, 0, 0, 0).get(Gpr.R10)).isZero();
        assertThat(vmcall(GhciSubfunction.WBINVD, 0, 0, 0, 0).get(Gpr.R10)).isZero();
        assertThat(vmcall(GhciSubfunction.WBINVD, 2, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        assertThat(vmcall(GhciSubfunction.PCONFIG, 0, 0, 0, 0).get(Gpr.R10)).isZero();
        assertThat(vmcall(GhciSubfunction.PCONFIG, 1, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }

    @Test
    void getTdVmCallInfo() {
        RegisterFile r = vmcall(GhciSubfunction.GET_TD_VM_CALL_INFO, 0, 7, 7, 7);
        assertThat(r.get(Gpr.R10)).isZero();
        assertThat(new long[] {r.get(Gpr.R11), r.get(Gpr.R12), r.get(Gpr.R13), r.get(Gpr.R14)}).containsOnly(0L);
        assertThat(vmcall(GhciSubfunction.GET_TD_VM_CALL_INFO, 2, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }

    @Test
    void mapGpa() {
        RegisterFile r = vmcall(GhciSubfunction.MAP_GPA, SHARED | 0x100000L, 0x2000, 0, 0);
        assertThat(r.get(Gpr.R10)).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.readGuestMemory(0x100000L, 8))
                .as("converted to shared: private page gone").isInstanceOf(IllegalArgumentException.class);
        assertThat(m.readGuestMemory(0x102000L, 8)).hasSize(8);
        r = vmcall(GhciSubfunction.MAP_GPA, SHARED | 0x100800L, 0x1000, 0, 0);
        assertThat(r.get(Gpr.R10)).isEqualTo(TdVmcallStatus.ALIGN_ERROR);
        assertThat(r.get(Gpr.R11)).isEqualTo(SHARED | 0x100800L);
        r = vmcall(GhciSubfunction.MAP_GPA, 0x200000L, 0x1800, 0, 0);
        assertThat(r.get(Gpr.R10)).isEqualTo(TdVmcallStatus.ALIGN_ERROR);
        r = vmcall(GhciSubfunction.MAP_GPA, SHARED - 0x1000, 0x2000, 0, 0);
        assertThat(r.get(Gpr.R10)).as("range crosses the SHARED bit").isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        r = vmcall(GhciSubfunction.MAP_GPA, 0x1000, 0, 0, 0);
        assertThat(r.get(Gpr.R10)).as("size 0 wraps").isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        r = vmcall(GhciSubfunction.MAP_GPA, 1L << 48, 0x1000, 0, 0);
        assertThat(r.get(Gpr.R10)).as("beyond GPAW").isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }

    @Test
    void mapGpaRetryScriptedByFixture() {
        m.fixture("host.answer", p("subfunction", "MapGPA", "status", "TDG.VP.VMCALL_RETRY", "R11", "0x101000", "times", "1"));
        RegisterFile r = vmcall(GhciSubfunction.MAP_GPA, 0x100000L, 0x2000, 0, 0);
        assertThat(r.get(Gpr.R10)).isEqualTo(TdVmcallStatus.RETRY);
        assertThat(r.get(Gpr.R11)).isEqualTo(0x101000);
        r = vmcall(GhciSubfunction.MAP_GPA, 0x101000L, 0x1000, 0, 0);
        assertThat(r.get(Gpr.R10)).as("answer used once").isZero();
    }

    @Test
    void getQuote() {
        long buf = SHARED | 0x300000L;
        byte[] hdr = new byte[24];
        hdr[0] = 1;
        hdr[16] = 16;
        m.writeGuestMemory(buf, hdr);
        RegisterFile r = vmcall(GhciSubfunction.GET_QUOTE, buf, 0x1000, 0, 0);
        assertThat(r.get(Gpr.R10)).isZero();
        byte[] out = m.readGuestMemory(buf, 24);
        assertThat(Td.qword(out, 1)).as("no quote service by default").isEqualTo(0x8000000000000001L);

        m.fixture("host.quote", p("status", "0", "quote", "0xA1A2A3A4"));
        vmcall(GhciSubfunction.GET_QUOTE, buf, 0x1000, 0, 0);
        out = m.readGuestMemory(buf, 28);
        assertThat(Td.qword(out, 0)).isEqualTo(1);
        assertThat(Td.qword(out, 1)).isZero();
        assertThat(out[16]).isEqualTo((byte) 16);
        assertThat(out[20]).as("out_len").isEqualTo((byte) 4);
        assertThat(java.util.Arrays.copyOfRange(out, 24, 28)).containsExactly(0xA1, 0xA2, 0xA3, 0xA4);
        assertThat(vmcall(GhciSubfunction.GET_QUOTE, 0x300000L, 0x1000, 0, 0).get(Gpr.R10))
                .as("private GPA").isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }

    @Test
    void fatalErrorEventNotifyService() {
        assertThat(vmcall(GhciSubfunction.REPORT_FATAL_ERROR, 0x1234, 0, 0, 0).get(Gpr.R10)).isZero();
        assertThat(m.host.fatalErrorCode).isEqualTo(0x1234);
        assertThat(vmcall(GhciSubfunction.SETUP_EVENT_NOTIFY_INTERRUPT, 32, 0, 0, 0).get(Gpr.R10)).isZero();
        assertThat(vmcall(GhciSubfunction.SETUP_EVENT_NOTIFY_INTERRUPT, 255, 0, 0, 0).get(Gpr.R10)).isZero();
        assertThat(vmcall(GhciSubfunction.SETUP_EVENT_NOTIFY_INTERRUPT, 31, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        assertThat(vmcall(GhciSubfunction.SETUP_EVENT_NOTIFY_INTERRUPT, 256, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);

        long cmd = SHARED | 0x400000L;
        long rsp = SHARED | 0x401000L;
        byte[] guid = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        m.writeGuestMemory(cmd, guid);
        assertThat(vmcall(GhciSubfunction.SERVICE, cmd, rsp, 0, 0).get(Gpr.R10)).isZero();
        byte[] out = m.readGuestMemory(rsp, 24);
        assertThat(java.util.Arrays.copyOfRange(out, 0, 16)).isEqualTo(guid);
        assertThat(out[16]).isEqualTo((byte) 24);
        assertThat(java.util.Arrays.copyOfRange(out, 20, 24)).containsExactly(0xFE, 0xFF, 0xFF, 0xFF);
        assertThat(vmcall(GhciSubfunction.SERVICE, 0x400000L, rsp, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }

    @Test
    void unknownVendorAndConfiguredUnsupported() {
        assertThat(vmcall(0x12345, 0, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.SUBFUNC_UNSUPPORTED);
        RegisterFile r = filled().set(Gpr.RCX, SEL).set(Gpr.R10, 1).set(Gpr.R11, GhciSubfunction.HLT);
        tdcall(0, r);
        assertThat(r.get(Gpr.R10)).as("vendor-specific").isEqualTo(TdVmcallStatus.SUBFUNC_UNSUPPORTED);
        m.fixture("host.answer", p("subfunction", "0x5", "selector-r10", "1", "status", "0", "R12", "0x99"));
        r = filled().set(Gpr.RCX, SEL).set(Gpr.R10, 1).set(Gpr.R11, 5);
        tdcall(0, r);
        assertThat(r.get(Gpr.R10)).isZero();
        assertThat(r.get(Gpr.R12)).isEqualTo(0x99);
        m.fixture("host.unsupported", p("subfunction", "Instruction.HLT"));
        assertThat(vmcall(GhciSubfunction.HLT, 0, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.SUBFUNC_UNSUPPORTED);
    }

    @Test
    void hostAnswerOverridesModel() {
        m.fixture("host.answer", p("subfunction", "TDG.VP.VMCALL<Instruction.CPUID>", "status", "TDG.VP.VMCALL_INVALID_OPERAND"));
        assertThat(vmcall(GhciSubfunction.CPUID, 0, 0, 0, 0).get(Gpr.R10)).isEqualTo(TdVmcallStatus.INVALID_OPERAND);
        assertThat(vmcall(GhciSubfunction.CPUID, 0, 0, 0, 0).get(Gpr.R10)).as("always").isEqualTo(TdVmcallStatus.INVALID_OPERAND);
    }
}

package dev.leafspec.engine;

import dev.leafspec.api.Capabilities;
import dev.leafspec.api.Identity;
import dev.leafspec.api.Instruction;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;
import dev.leafspec.api.Role;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The LeafSpec reference engine: a deterministic model of the Intel TDX module as a TD guest sees it
 * through TDCALL, plus a scriptable host VMM ({@link HostVmm}) that answers TDG.VP.VMCALL.
 *
 * <p><b>RAX decode</b> (intel/tdx-module {@code src/td_dispatcher/tdx_td_dispatcher.c td_call},
 * {@code include/tdx_api_defs.h tdx_leaf_and_version_t}): bits 15:0 leaf number, 23:16 version,
 * 63:24 reserved. Reserved bits set, an unknown leaf (or a leaf the modelled module version lacks), or a
 * version other than 0 (TDG.VM.RD also accepts 1 on module 1.5) give
 * RAX = TDX_OPERAND_INVALID (0xC000010000000000) with operand id RAX (0) in bits 31:0; no other register changes.
 * The leaf's status is written to RAX; every GPR that is not an output of the leaf is unchanged, and
 * the XMM registers are unchanged except those TDG.VP.VMCALL passes from the host.
 *
 * <p><b>Memory operands.</b> A leaf's guest-physical memory operand that is not mapped makes the module
 * do an EPT-violation TD exit (exit reason 48) to the host; the host model adds the page
 * (TDH.MEM.PAGE.AUG, as KVM does) and the TDCALL is re-executed. An access to a PENDING page injects a
 * #VE (exit reason 48 in the VE information area) and the TDCALL returns with every register unchanged
 * (helpers.c check_walk_and_map_guest_side_gpa).
 *
 * <p><b>SEAMCALL</b> (the host side) goes to {@link SeamcallDispatcher} over the host-side state {@link SeamHost}:
 * the module lifecycle (TDH.SYS.*), the PAMT and the TD build leaves. A fresh {@link #reset()} leaves the module
 * uninitialised (SYSINIT_PENDING); fixture {@code platform.ready} initialises it in one step. The guest-side TD used by
 * TDCALL is independent of the host-side TDs.
 */
public final class TdxModule implements LeafImplementation {
    /** Internal leaf results that are not completion statuses. */
    static final long SIGNAL_EPT_VIOLATION = 0xFFFFFFFFFFFFFF01L;
    static final long SIGNAL_PENDING = 0xFFFFFFFFFFFFFF02L;
    static final long SIGNAL_VE_INJECTED = 0xFFFFFFFFFFFFFF03L;

    /** RFLAGS.CF (bit 0), set by a SEAMCALL that fails VMfailInvalid; the VMX status flags CF|PF|AF|ZF|SF|OF. */
    static final long RFLAGS_CF = 1L, RFLAGS_VM_STATUS = 0x8D5L;

    /** VMX basic exit reasons used in TD-exit and #VE information. */
    static final long EXIT_REASON_EPT_VIOLATION = 48;
    static final long EXIT_REASON_TDCALL = 77;

    /** TDCALL leaf numbers (tdx_api_defs.h tdcall_leaf_opcode_t). */
    public static final int TDG_VP_VMCALL = 0, TDG_VP_INFO = 1, TDG_MR_RTMR_EXTEND = 2, TDG_VP_VEINFO_GET = 3,
            TDG_MR_REPORT = 4, TDG_VP_CPUIDVE_SET = 5, TDG_MEM_PAGE_ACCEPT = 6, TDG_VM_RD = 7, TDG_VM_WR = 8,
            TDG_VP_RD = 9, TDG_VP_WR = 10, TDG_SYS_RD = 11, TDG_SYS_RDALL = 12, TDG_SERVTD_RD = 18,
            TDG_SERVTD_WR = 20, TDG_MR_VERIFYREPORT = 22, TDG_MEM_PAGE_ATTR_RD = 23, TDG_MEM_PAGE_ATTR_WR = 24,
            TDG_VP_ENTER = 25, TDG_VP_INVEPT = 26, TDG_VP_INVVPID = 27,
            TDG_MR_KEY_GET = 29;

    private static final int NUM_LEAVES = 30;
    /** Highest leaf number of TDX module 1.0 (TDG.VM.WR). */
    private static final int LAST_LEAF_1_0 = TDG_VM_WR;

    private static final Identity IDENTITY = new Identity("LeafSpec reference engine", "0.1.0", "TDX LeafSpec project");
    private static final Capabilities CAPABILITIES = buildCapabilities();

    /**
     * The guest-side TD the TDCALL leaves act on: the default TD of the TDCALL scenarios, or, while TDH.VP.ENTER runs a
     * guest program ({@link #guestTdcall}), the guest side of a host-built TD ({@link HostTdGuest}).
     */
    Td td = new Td();
    /** The default guest-side TD (fixtures td.*, plain TDCALL scenarios). */
    private final Td defaultTd = td;
    final HostVmm host = new HostVmm(td);
    /** The VCPU run TDH.VP.ENTER entered last (observations guest.last-call, guest.call.N), or null. */
    GuestRun lastRun;
    /** Host-side (SEAMCALL) state of the module. */
    final SeamHost seam = new SeamHost();
    private final SeamcallDispatcher seamcall = new SeamcallDispatcher();
    private final Leaf[] leaves = new Leaf[NUM_LEAVES];
    private final boolean[] mayFault = new boolean[NUM_LEAVES];
    private final RegisterFile entry = new RegisterFile();
    /** The host VMM's register image (LP-scope VMM state); persists across exits like the host's own registers. */
    final RegisterFile hostRegs = new RegisterFile();
    RegisterFile lastExit;
    RegisterFile lastAnswer;

    private long faultGpa;
    private long faultQualification;
    private long faultExtQualification;
    /** The pending EPT violation asks the host to split a larger page whatever its state (TDG.MEM.PAGE.ATTR.WR). */
    private boolean faultSplitAny;

    public TdxModule() {
        leaves[TDG_VP_VMCALL] = new TdgVpVmcall();
        leaves[TDG_VP_INFO] = new TdgVpInfo();
        leaves[TDG_MR_RTMR_EXTEND] = new TdgMrRtmrExtend();
        leaves[TDG_VP_VEINFO_GET] = new TdgVpVeinfoGet();
        leaves[TDG_MR_REPORT] = new TdgMrReport();
        leaves[TDG_VP_CPUIDVE_SET] = new TdgVpCpuidveSet();
        leaves[TDG_MEM_PAGE_ACCEPT] = new TdgMemPageAccept();
        leaves[TDG_VM_RD] = new TdgVmRd();
        leaves[TDG_VM_WR] = new TdgVmWr();
        leaves[TDG_VP_RD] = new TdgVpRdWr(false);
        leaves[TDG_VP_WR] = new TdgVpRdWr(true);
        leaves[TDG_SYS_RD] = new TdgSysRd();
        leaves[TDG_SYS_RDALL] = new TdgSysRdall();
        leaves[TDG_SERVTD_RD] = new TdgServtdRdWr(false);
        leaves[TDG_SERVTD_WR] = new TdgServtdRdWr(true);
        leaves[TDG_MR_VERIFYREPORT] = new TdgMrVerifyreport();
        leaves[TDG_MEM_PAGE_ATTR_RD] = new TdgMemPageAttrRd();
        leaves[TDG_MEM_PAGE_ATTR_WR] = new TdgMemPageAttrWr();
        leaves[TDG_VP_ENTER] = new TdgVpEnter();
        leaves[TDG_VP_INVEPT] = new TdgVpInvept();
        leaves[TDG_VP_INVVPID] = new TdgVpInvvpid();
        // TDG.MR.KEY.GET exists from TDX module 1.5.34 (not 1.5.01); the engine has no minor version and accepts
        // it whenever it models 1.5 (leaves above TDG.VM.WR are rejected on 1.0 below).
        leaves[TDG_MR_KEY_GET] = new TdgMrKeyGet();
        for (int l : new int[] {TDG_MR_RTMR_EXTEND, TDG_MR_REPORT, TDG_MEM_PAGE_ACCEPT, TDG_SYS_RDALL,
                TDG_MR_VERIFYREPORT, TDG_MEM_PAGE_ATTR_RD, TDG_MEM_PAGE_ATTR_WR, TDG_MR_KEY_GET}) {
            mayFault[l] = true;
        }
        seam.module = this;
        reset();
    }

    private static Capabilities buildCapabilities() {
        Set<String> l = new LinkedHashSet<>();
        for (String s : new String[] {"TDG.VP.VMCALL", "TDG.VP.INFO", "TDG.MR.RTMR.EXTEND", "TDG.VP.VEINFO.GET",
                "TDG.MR.REPORT", "TDG.VP.CPUIDVE.SET", "TDG.MEM.PAGE.ACCEPT", "TDG.VM.RD", "TDG.VM.WR",
                "TDG.VP.RD", "TDG.VP.WR", "TDG.SYS.RD", "TDG.SYS.RDALL", "TDG.SERVTD.RD", "TDG.SERVTD.WR",
                "TDG.MR.VERIFYREPORT", "TDG.MEM.PAGE.ATTR.RD", "TDG.MEM.PAGE.ATTR.WR", "TDG.VP.ENTER",
                "TDG.VP.INVEPT", "TDG.VP.INVVPID", "TDG.MR.KEY.GET"}) {
            l.add(s);
        }
        for (String n : GhciSubfunction.NAMES) l.add("TDG.VP.VMCALL<" + n + ">");
        for (String n : SeamcallDispatcher.modelledNames()) l.add(n);
        return new Capabilities(Set.of(Role.MODULE_TDCALL, Role.VMM_TDVMCALL, Role.MODULE_SEAMCALL), Set.of("1.0", "1.5"), l,
                Set.of("NO_RBP_MOD", "vector-state", "host-view", "guest-memory"));
    }

    @Override
    public Identity identity() {
        return IDENTITY;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void reset() {
        td = defaultTd;
        lastRun = null;
        td.reset();
        host.reset();
        seam.reset();
        hostRegs.clear();
        lastExit = null;
        lastAnswer = null;
    }

    /**
     * Executes one TDCALL or SEAMCALL. See the class comment for the RAX decode.
     * @throws NotSupportedException for leaves (or leaf paths) that are not modelled
     */
    @Override
    public void call(Instruction instruction, RegisterFile regs) {
        if (instruction == Instruction.SEAMCALL) {
            lastExit = null;
            lastAnswer = null;
            if (!seam.seamLoaded) {
                // VMfailInvalid (fixture platform.seam, state unloaded): CF = 1, RAX and every other register unchanged
                regs.rflags(regs.rflags() | RFLAGS_CF);
                return;
            }
            // VMsucceed: CF, PF, AF, ZF, SF and OF cleared
            regs.rflags(regs.rflags() & ~RFLAGS_VM_STATUS);
            seamcall.call(seam, regs);
            return;
        }
        if (instruction != Instruction.TDCALL) {
            throw new NotSupportedException("instruction " + instruction);
        }
        lastExit = null;
        lastAnswer = null;
        long rax = regs.gpr(0);
        int leafNo = (int) (rax & 0xFFFF);
        int version = (int) ((rax >>> 16) & 0xFF);
        if (badRax(rax)) {
            regs.gpr(0, TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX);
            return;
        }
        Leaf leaf = leaves[leafNo];
        if (mayFault[leafNo]) {
            entry.copyFrom(regs);
        }
        long status = leaf.execute(this, regs, version);
        if (status == SIGNAL_EPT_VIOLATION || status == SIGNAL_PENDING) {
            status = resolveFaults(leaf, regs, version, status);
            if (status == SIGNAL_VE_INJECTED) return;
        }
        regs.gpr(0, status);
    }

    /** The TDCALL RAX decode: reserved bits, unknown leaf (or one the modelled version lacks), unsupported version. */
    private boolean badRax(long rax) {
        int leafNo = (int) (rax & 0xFFFF);
        int version = (int) ((rax >>> 16) & 0xFF);
        return (rax >>> 24) != 0 || leafNo >= NUM_LEAVES || leaves[leafNo] == null
                || (leafNo > LAST_LEAF_1_0 && !td.is15())
                || (version > 0 && (leafNo != TDG_VM_RD || !td.is15()));
    }

    /**
     * Runs one guest TDCALL other than TDG.VP.VMCALL on guest-side TD {@code t} for {@link TdhVpEnter}: no host model is
     * involved. @return the completion status (also for a rejected RAX), {@link #SIGNAL_EPT_VIOLATION} when the module
     * must do an EPT-violation TD exit (registers restored; {@link #faultGpa()} etc. describe it; the guest re-executes
     * the TDCALL after the next TD entry), or {@link #SIGNAL_VE_INJECTED} when a #VE was injected (registers unchanged)
     */
    long guestTdcall(Td t, RegisterFile regs) {
        Td saved = td;
        td = t;
        try {
            long rax = regs.gpr(0);
            if (badRax(rax)) return TdxStatus.TDX_OPERAND_INVALID | TdxStatus.OPERAND_ID_RAX;
            int leafNo = (int) (rax & 0xFFFF);
            Leaf leaf = leaves[leafNo];
            RegisterFile start = regs.copy();
            long status = leaf.execute(this, regs, (int) ((rax >>> 16) & 0xFF));
            if (status == SIGNAL_PENDING) {
                regs.copyFrom(start);
                if (!td.pendingVeDisable()) {
                    injectVe();
                    return SIGNAL_VE_INJECTED;
                }
                return SIGNAL_EPT_VIOLATION;
            }
            if (status == SIGNAL_EPT_VIOLATION) regs.copyFrom(start);
            return status;
        } finally {
            td = saved;
        }
    }

    long faultGpa() {
        return faultGpa;
    }

    long faultQualification() {
        return faultQualification;
    }

    long faultExtQualification() {
        return faultExtQualification;
    }

    private long resolveFaults(Leaf leaf, RegisterFile regs, int version, long status) {
        for (int attempt = 0; attempt < 4; attempt++) {
            regs.copyFrom(entry);
            if (status == SIGNAL_PENDING && !td.pendingVeDisable()) {
                injectVe();
                return SIGNAL_VE_INJECTED;
            }
            recordEptViolationExit();
            if (status == SIGNAL_PENDING) {
                throw new NotSupportedException("TDCALL memory operand on a PENDING page with PENDING_VE_DISABLE"
                        + " (the TD exits to the host on every retry)");
            }
            if (!host.resolveEptViolation(faultGpa, faultSplitAny)) {
                throw new NotSupportedException(String.format(
                        "EPT-violation TD exit at GPA 0x%x that the host VMM model cannot resolve", faultGpa));
            }
            status = leaf.execute(this, regs, version);
            if (status != SIGNAL_EPT_VIOLATION && status != SIGNAL_PENDING) return status;
        }
        throw new NotSupportedException("repeated EPT-violation TD exits");
    }

    /** tdx_inject_ve: fills the VE information area (exit reason 48, qualification, GPA) and delivers #VE. */
    private void injectVe() {
        if (td.veValid) {
            throw new NotSupportedException("#VE while VE_INFO is valid (the module would inject #DF)");
        }
        td.veValid = true;
        td.veExitReason = EXIT_REASON_EPT_VIOLATION;
        td.veExitQualification = faultQualification;
        td.veGla = 0;
        td.veGpa = faultGpa;
        td.veInstLenAndInfo = 0;
    }

    /** td_exit.c: the host sees RAX = exit reason (status TDX_SUCCESS), RCX = exit qualification, RDX = extended exit qualification, R8 = GPA. */
    private void recordEptViolationExit() {
        hostRegs.clear();
        hostRegs.gpr(0, EXIT_REASON_EPT_VIOLATION);
        hostRegs.gpr(1, faultQualification);
        hostRegs.gpr(2, faultExtQualification);
        hostRegs.gpr(8, faultGpa);
        lastExit = hostRegs.copy();
        lastAnswer = null;
    }

    // ---- helpers for leaves ---------------------------------------------------------------------

    /**
     * Guest-side access check for a memory operand (helpers.c check_walk_and_map_guest_side_gpa).
     * @return TDX_SUCCESS, TDX_OPERAND_INVALID (the caller adds the operand id), or a SIGNAL_* value
     */
    long guestAccess(long gpa, boolean privateOnly, boolean write) {
        switch (td.memory.checkGuestAccess(gpa, privateOnly)) {
            case GuestMemory.ACCESS_OK:
                return TdxStatus.TDX_SUCCESS;
            case GuestMemory.ACCESS_INVALID:
                return TdxStatus.TDX_OPERAND_INVALID;
            case GuestMemory.ACCESS_PENDING:
                faultGpa = gpa;
                faultQualification = write ? 2 : 1;
                faultExtQualification = 6; // VMX_EEQ_PENDING_EPT_VIOLATION
                return SIGNAL_PENDING;
            default:
                return eptViolation(gpa, write ? 2 : 1, 0);
        }
    }

    /** Requests an EPT-violation TD exit (exit qualification bit 0 data read, bit 1 data write). */
    long eptViolation(long gpa, long qualification, long extQualification) {
        faultSplitAny = false;
        faultGpa = gpa;
        faultQualification = qualification;
        faultExtQualification = extQualification;
        return SIGNAL_EPT_VIOLATION;
    }

    /**
     * Like {@link #eptViolation}, for a walk that stopped at a larger page the host is expected to demote
     * whatever its state (tdg_mem_page_attr_wr.c: "the host VMM is expected to demote the page and re-enter").
     */
    long eptViolationSplit(long gpa, long qualification, long extQualification) {
        long s = eptViolation(gpa, qualification, extQualification);
        faultSplitAny = true;
        return s;
    }

    /**
     * A cross-TD trap TD exit (td_exit.c async_tdexit_cross_td, status TDX_CROSS_TD_TRAP 0x9000000900000000, a
     * trap-like exit because bit 60 HOST_RECOVERABILITY_HINT is set): the host sees RAX = TDX_CROSS_TD_TRAP,
     * RCX = 0 (exit qualification, VM 0), RDX = the detailed status, R8 = the target TDR HPA and
     * R9..R15, RBX, RBP, RSI, RDI = 0. The host model resumes the VCPU at once; the guest continues after the
     * TDCALL with RAX = the detailed status (written to the guest RAX before the exit).
     * @return the guest's RAX
     */
    long crossTdTrap(long crossTdStatus, long targetTdrPa) {
        hostRegs.clear();
        hostRegs.gpr(0, TDX_CROSS_TD_TRAP);
        hostRegs.gpr(2, crossTdStatus);
        hostRegs.gpr(8, targetTdrPa);
        lastExit = hostRegs.copy();
        lastAnswer = null;
        return crossTdStatus;
    }

    /** TD-exit status of a cross-TD trap (tdx_error_codes_defs.h TDX_CROSS_TD_TRAP). */
    static final long TDX_CROSS_TD_TRAP = 0x9000000900000000L;

    static boolean isSignal(long status) {
        return status == SIGNAL_EPT_VIOLATION || status == SIGNAL_PENDING;
    }

    // ---- fixtures, observations, memory --------------------------------------------------------

    @Override
    public void fixture(String name, Map<String, String> params) {
        Fixtures.apply(this, name, params);
    }

    @Override
    public RegisterFile observe(String name) {
        switch (name) {
            case "host.last-exit":
                return lastExit == null ? null : lastExit.copy();
            case "host.last-answer":
                return lastAnswer == null ? null : lastAnswer.copy();
            case "guest.last-call":
                return lastRun == null ? null : lastRun.loggedCall(lastRun.log.size());
            default:
                if (name.startsWith("host.memory.")) {
                    // 128 bytes of host physical memory: GPR i (RAX = 0 ... R15 = 15) = the qword at HPA + 8 i
                    long hpa = Params.parseNumber(name.substring(12), "hpa");
                    RegisterFile m = new RegisterFile();
                    for (int i = 0; i < 16; i++) m.gpr(i, seam.read64(hpa + 8L * i));
                    return m;
                }
                if (name.startsWith("guest.call.")) {
                    return lastRun == null ? null : lastRun.loggedCall((int) Params.parseNumber(name.substring(11), "call"));
                }
                throw new NotSupportedException("observation " + name);
        }
    }

    /** Implements LeafImplementation.readGuestMemory (no @Override so the engine also compiles against an older installed SPI). */
    public byte[] readGuestMemory(long gpa, int length) {
        return td.memory.read(gpa, length);
    }

    /** Implements LeafImplementation.writeGuestMemory. */
    public void writeGuestMemory(long gpa, byte[] data) {
        td.memory.write(gpa, data);
    }
}

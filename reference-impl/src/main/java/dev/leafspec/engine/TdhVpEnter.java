package dev.leafspec.engine;

import dev.leafspec.api.NotSupportedException;
import dev.leafspec.api.RegisterFile;

/**
 * TDH.VP.ENTER (SEAMCALL leaf 0, version 0): enters a TD VCPU, runs its guest program ({@link GuestRun}) on the
 * TD's guest side ({@link HostTdGuest}) until the guest needs the host, and returns on that TD exit.
 * Sources: intel/tdx-module tdx_1.5 {@code src/td_transitions/tdh_vp_enter.c}, {@code td_exit.c},
 * {@code src/td_dispatcher/vm_exits/tdg_vp_vmcall.c}, {@code include/tdx_api_defs.h} (vcpu_and_flags_t),
 * {@code src/common/helpers/helpers.c} (check_and_associate_vcpu, associate_vcpu),
 * {@code include/auto_gen/op_state_lookup.c} (TDH.VP.ENTER allowed in OP_STATE RUNNABLE).
 *
 * <p><b>Input</b> RCX (64 bits): 11:0 reserved (0), 51:12 TDVPR HPA, 52 HOST_RECOVERABILITY_HINT, 53 RESUME_L1,
 * 63:54 reserved (0). After a TDG.VP.VMCALL exit, the GPRs RDX..R15 (RSP excepted) and XMM0-15 the guest's bitmap selects
 * are the host's answer.
 *
 * <p><b>Errors before entry</b>, in the source's order; RAX only changes (status with operand id in bits 31:0):
 * reserved RCX bits → TDX_OPERAND_INVALID (RCX); TDVPR HPA misaligned / HKID bits / above MAX_PA → TDX_OPERAND_INVALID
 * (RCX), outside a TDMR → TDX_OPERAND_ADDR_RANGE_ERROR (RCX), PAMT entry locked → TDX_OPERAND_BUSY (RCX), not a TDVPR
 * page → TDX_PAGE_METADATA_INCORRECT (RCX); owner TDR locked → TDX_OPERAND_BUSY (TDR, 128); TD fatal → TDX_TD_FATAL,
 * keys not configured → TDX_TD_KEYS_NOT_CONFIGURED, TDCS missing → TDX_TDCS_NOT_ALLOCATED; OP_STATE not RUNNABLE (before
 * TDH.MR.FINALIZE) → TDX_OP_STATE_INCORRECT; TDVPS pages incomplete → TDX_TDCX_NUM_INCORRECT; VCPU not initialised →
 * TDX_VCPU_STATE_INCORRECT; associated with another LP → TDX_VCPU_ASSOCIATED; HOST_RECOVERABILITY_HINT while the last
 * TD exit was not trap-like → TDX_OPERAND_INVALID (RCX); RESUME_L1 while the VCPU is in L1 (always: no L2 VMs are
 * modelled) → TDX_OPERAND_INVALID (RCX). Not modelled: BOOT_NT4, IA32_TSC_ADJUST, TSC rollback, MONITOR_FSM, TD epoch
 * and SEPT lock contention, the TD-entry stepping filter.
 *
 * <p><b>Entry</b> associates the VCPU with the current LP. After a TDG.VP.VMCALL exit the host's selected GPRs and
 * XMMs are copied into the guest, whose RAX becomes TDX_SUCCESS (0) and RCX the bitmap (save_regs_after_tdvmcall).
 *
 * <p><b>TD exits</b> (RAX bits 63:32 the exit class, 0 = TDX_SUCCESS; bits 31:0 the VMX basic exit reason):
 * <ul>
 *   <li>TDG.VP.VMCALL: RAX = 77 (TDCALL); RCX = the bitmap (15:0 GPRs, 31:16 XMMs; 33:32 VM index 0); selected GPRs the
 *       guest's values, unselected RDX..R15 = 0, except RBP when the TD has CONFIG_FLAGS.NO_RBP_MOD: then RBP is the
 *       host's own (unchanged; the guest may not select it). XMM0-15 are reset to INIT (0) and the selected ones then
 *       hold the guest's values.</li>
 *   <li>EPT violation (a TDCALL memory operand with no page, e.g. TDG.MEM.PAGE.ACCEPT of a GPA the host has not
 *       TDH.MEM.PAGE.AUG'ed): RAX = 48, RCX = exit qualification (bit 1 write), RDX = extended exit qualification
 *       (type in 3:0, e.g. 1 ACCEPT with level info in 63:32), R8 = the GPA, R9 = 0 (interruption information);
 *       RBX, RSI, RDI, R10-R15 = 0 and RBP = 0 (tdx_1.5 async_tdexit_internal zeroes RBP whatever NO_RBP_MOD says;
 *       1.0 left it unchanged); XMM0-15 = 0. The guest re-executes the TDCALL at the next entry.</li>
 * </ul>
 * RSP is never changed. The program's end is a TDG.VP.VMCALL&lt;Instruction.HLT&gt; exit ({@link GuestRun}).
 */
final class TdhVpEnter implements SeamLeaf {
    static final long HOST_RECOVERABILITY_HINT = 1L << 52, RESUME_L1 = 1L << 53;
    /** Bound on guest calls run in one entry without a TD exit (a program of only non-exiting calls is finite anyway). */
    private static final int MAX_CALLS_PER_ENTRY = 100_000;

    @Override
    public long execute(SeamHost h, RegisterFile r, int version) {
        long rcx = r.gpr(1);
        if ((rcx & 0xFFFL) != 0 || (rcx >>> 54) != 0) return invalidRcx();
        long tdvpr = rcx & 0x000F_FFFF_FFFF_F000L;
        long s = h.checkPage(tdvpr, SeamStatus.OP_RCX, SeamHost.PT_TDVPR);
        if (s != 0) return s;
        SeamHost.VcpuCtx v = h.vcpus.get(tdvpr);
        SeamHost.TdCtx td = h.tds.get(v.tdr);
        if (h.lockedPages.contains(v.tdr >>> 12)) return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_BUSY, SeamStatus.OP_TDR);
        s = SeamHost.checkTdUsable(td);
        if (s != 0) return s;
        if (td.opState != SeamHost.OP_RUNNABLE) return SeamStatus.TDX_OP_STATE_INCORRECT;
        if (v.pages != SeamHost.MIN_TDVPS_PAGES + SeamHost.TDVPS_PAGES_PER_L2_VM * td.numL2Vms) {
            return SeamStatus.TDX_TDCX_NUM_INCORRECT;
        }
        if (!v.initialized) return SeamStatus.TDX_VCPU_STATE_INCORRECT;
        if (v.assocLp >= 0 && v.assocLp != h.currentLp) return SeamStatus.TDX_VCPU_ASSOCIATED;
        GuestRun run = v.run != null ? v.run : (v.run = new GuestRun());
        if ((rcx & HOST_RECOVERABILITY_HINT) != 0 && run.lastExit != GuestRun.EXIT_ASYNC_TRAP) return invalidRcx();
        if ((rcx & RESUME_L1) != 0) return invalidRcx();
        if (h.module == null) throw new NotSupportedException("TDH.VP.ENTER without the guest-side engine");
        v.assocLp = h.currentLp;
        h.module.lastRun = run;
        Td g = HostTdGuest.of(td);
        g.vcpuIndex = v.index;
        HostTdGuest.syncIn(h, td, g);
        try {
            return run(h.module, g, run, v, r);
        } finally {
            HostTdGuest.syncOut(h, td, g);
        }
    }

    private static long invalidRcx() {
        return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, SeamStatus.OP_RCX);
    }

    /** Runs the guest from its current state to the next TD exit; writes the host's exit registers; returns RAX. */
    static long run(TdxModule m, Td g, GuestRun run, SeamHost.VcpuCtx v, RegisterFile host) {
        if (run.regs == null) run.start(v.initialRcx);
        if (run.lastExit == GuestRun.EXIT_TDVMCALL) {
            TdgVpVmcall.fromHost(host, run.regs, run.vmcallControl);
            run.regs.gpr(0, TdxStatus.TDX_SUCCESS);
            run.complete();
        }
        run.lastExit = GuestRun.EXIT_NONE;
        long hostRsp = host.gpr(4);
        for (int i = 0; i < MAX_CALLS_PER_ENTRY; i++) {
            run.loadNextCall();
            RegisterFile regs = run.regs;
            long rax = regs.gpr(0);
            if (rax == TdxModule.TDG_VP_VMCALL) {
                long control = regs.gpr(1);
                boolean noRbpMod = g.effectiveNoRbpMod();
                long s = TdgVpVmcall.checkControl(control, noRbpMod);
                if (s != TdxStatus.TDX_SUCCESS) {
                    regs.gpr(0, s);
                    run.complete();
                    continue;
                }
                TdgVpVmcall.toHost(regs, host, control, noRbpMod);
                host.gpr(4, hostRsp);
                run.vmcallControl = control;
                run.lastExit = GuestRun.EXIT_TDVMCALL;
                return host.gpr(0);
            }
            long s = m.guestTdcall(g, regs);
            if (s == TdxModule.SIGNAL_EPT_VIOLATION) {
                asyncExit(host, TdxModule.EXIT_REASON_EPT_VIOLATION, m.faultQualification(), m.faultExtQualification(),
                        m.faultGpa(), 0);
                run.lastExit = GuestRun.EXIT_ASYNC_FAULT;
                return host.gpr(0);
            }
            if (s != TdxModule.SIGNAL_VE_INJECTED) regs.gpr(0, s);
            run.complete();
        }
        throw new NotSupportedException("a guest program that runs more than " + MAX_CALLS_PER_ENTRY + " calls without a TD exit");
    }

    /**
     * td_exit.c async_tdexit_internal (tdx_1.5): RAX = class | exit reason, RCX = exit qualification (VM 0), RDX =
     * extended qualification, R8 = GPA, R9 = interruption information, RBX, RBP, RSI, RDI, R10-R15 = 0; XMM0-15 reset to
     * INIT (0). RSP untouched.
     */
    static void asyncExit(RegisterFile host, long exitReason, long qualification, long extQualification, long gpa,
                          long interruptionInfo) {
        host.gpr(0, TdxStatus.TDX_SUCCESS | (exitReason & 0xFFFFFFFFL));
        host.gpr(1, qualification);
        host.gpr(2, extQualification);
        host.gpr(8, gpa);
        host.gpr(9, interruptionInfo);
        for (int i : new int[] {3, 5, 6, 7, 10, 11, 12, 13, 14, 15}) host.gpr(i, 0);
        for (int x = 0; x < RegisterFile.XMM_COUNT; x++) host.xmm(x, 0, 0);
    }
}

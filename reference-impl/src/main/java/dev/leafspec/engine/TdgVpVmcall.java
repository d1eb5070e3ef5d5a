package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.VMCALL (leaf 0): a trap-like TD exit to the host VMM passing selected registers
 * (intel/tdx-module {@code src/td_dispatcher/vm_exits/tdg_vp_vmcall.c} and, for the return path,
 * {@code src/td_transitions/tdh_vp_enter.c save_regs_after_tdvmcall}; GHCI spec "TDG.VP.VMCALL").
 *
 * <p>RCX is the selection bitmap: bits 15:0 select GPRs by encoding (bit n selects GPR n), bits 31:16
 * select XMM0..XMM15, bits 63:32 are reserved and must be 0. RAX (bit 0), RCX (bit 1) and RSP (bit 4) can
 * never be selected; RBP (bit 5) cannot be selected when the TD runs with CONFIG_FLAGS.NO_RBP_MOD
 * (module 1.5). Violations: RAX = TDX_OPERAND_INVALID with operand id RCX (0xC000010000000001) and no TD
 * exit.
 *
 * <p>The host sees: RAX = 77 (exit reason TDCALL, TDX_SUCCESS class), RCX = the bitmap bits 31:0
 * (td_exit_qualification_t; VM index bits 33:32 = 0 for the L1 TD), each selected GPR with the guest
 * value, each unselected GPR = 0 except RBP under NO_RBP_MOD, which keeps the host's own RBP
 * ("avoid modifying RBP"), selected XMMs with guest values and unselected XMMs = 0 (scrubbed).
 *
 * <p>On return: RAX = TDX_SUCCESS, RCX = the bitmap (unchanged), selected GPRs RDX..R15 and selected
 * XMMs carry what the host wrote; every unselected GPR and XMM keeps the guest's value whatever the host wrote.
 *
 * <p>The two halves ({@link #toHost} at the TD exit, {@link #fromHost} at the next TD entry) are shared with
 * {@link TdhVpEnter}, where the host VMM is the SEAMCALL caller instead of the {@link HostVmm} model.
 */
final class TdgVpVmcall implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long control = regs.gpr(1);
        boolean noRbpMod = m.td.effectiveNoRbpMod();
        long s = checkControl(control, noRbpMod);
        if (s != TdxStatus.TDX_SUCCESS) return s;
        RegisterFile h = m.hostRegs;
        toHost(regs, h, control, noRbpMod);
        m.lastExit = h.copy();
        m.host.handleTdvmcall(h);
        m.lastAnswer = h.copy();
        fromHost(h, regs, control);
        return TdxStatus.TDX_SUCCESS;
    }

    /** @return TDX_SUCCESS, or TDX_OPERAND_INVALID (RCX) for a forbidden selection or reserved bits 63:32 */
    static long checkControl(long control, boolean noRbpMod) {
        int gprSelect = (int) (control & 0xFFFF);
        int forbidden = 0x1 | 0x2 | 0x10 | (noRbpMod ? 0x20 : 0);
        if ((gprSelect & forbidden) != 0 || (control >>> 32) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        return TdxStatus.TDX_SUCCESS;
    }

    /**
     * The TD-exit half (tdg_vp_vmcall.c copy_gprs_data_from_td_to_vmm, td_exit.c td_vmexit_to_vmm): writes the host
     * image: RAX = 77, RCX = bitmap 31:0, RDX..R15 selected = guest value / unselected = 0 (RBP untouched under
     * NO_RBP_MOD; RSP, never selectable, is 0 in the module's GPR image
     * as in the source, and the SEAMCALL caller keeps its real RSP); XMM0-15 reset to INIT (0) then the selected ones loaded with the guest's values.
     */
    static void toHost(RegisterFile guest, RegisterFile h, long control, boolean noRbpMod) {
        int gprSelect = (int) (control & 0xFFFF);
        int xmmSelect = (int) ((control >>> 16) & 0xFFFF);
        h.gpr(0, TdxModule.EXIT_REASON_TDCALL);
        h.gpr(1, control & 0xFFFFFFFFL);
        for (int i = 2; i < 16; i++) {
            if ((gprSelect & (1 << i)) != 0) {
                h.gpr(i, guest.gpr(i));
            } else if (!(noRbpMod && i == 5)) {
                h.gpr(i, 0);
            }
        }
        for (int x = 0; x < 16; x++) {
            if ((xmmSelect & (1 << x)) != 0) {
                h.xmm(x, guest.xmmLow(x), guest.xmmHigh(x));
            } else {
                h.xmm(x, 0, 0);
            }
        }
    }

    /**
     * The TD-entry half (tdh_vp_enter.c save_regs_after_tdvmcall, save_xmms_by_mask): selected GPRs RDX..R15 and
     * selected XMMs take the host's values; RCX = the bitmap; RAX is left to the caller (TDX_SUCCESS).
     */
    static void fromHost(RegisterFile h, RegisterFile guest, long control) {
        int gprSelect = (int) (control & 0xFFFF);
        int xmmSelect = (int) ((control >>> 16) & 0xFFFF);
        for (int i = 2; i < 16; i++) {
            if ((gprSelect & (1 << i)) != 0) guest.gpr(i, h.gpr(i));
        }
        for (int x = 0; x < 16; x++) {
            if ((xmmSelect & (1 << x)) != 0) guest.xmm(x, h.xmmLow(x), h.xmmHigh(x));
        }
        guest.gpr(1, control);
    }
}

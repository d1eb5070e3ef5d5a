package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.VP.INFO (leaf 1): TD execution environment information (intel/tdx-module
 * {@code src/td_dispatcher/vm_exits/tdg_vp_info.c}; TDX module ABI spec "TDG.VP.INFO").
 * <ul>
 * <li>RCX[5:0] = GPAW, the effective GPA width (48 or 52); the SHARED bit is GPA bit GPAW-1. RCX[63:6] = 0.</li>
 * <li>RDX = the TD's ATTRIBUTES (64 bits).</li>
 * <li>R8[31:0] = NUM_VCPUS, R8[63:32] = MAX_VCPUS.</li>
 * <li>R9[31:0] = VCPU_INDEX, R9[63:32] = 0.</li>
 * <li>R10 bit 0 = TDG.SYS.RD available (module 1.5; 0 on 1.0), bits 63:1 = 0.</li>
 * <li>R11 = 0 (reserved).</li>
 * </ul>
 * Always TDX_SUCCESS. The hot path: no allocation.
 */
final class TdgVpInfo implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        Td td = m.td;
        regs.gpr(1, td.gpaw);
        regs.gpr(2, td.attributes);
        regs.gpr(8, ((long) td.maxVcpus << 32) | (td.numVcpus & 0xFFFFFFFFL));
        regs.gpr(9, td.vcpuIndex & 0xFFFFFFFFL);
        regs.gpr(10, td.version >= 15 ? 1 : 0);
        regs.gpr(11, 0);
        return TdxStatus.TDX_SUCCESS;
    }
}

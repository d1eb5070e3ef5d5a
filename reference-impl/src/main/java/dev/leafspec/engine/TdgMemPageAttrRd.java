package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

/**
 * TDG.MEM.PAGE.ATTR.RD (leaf 23, module 1.5): reads the mapping and attributes of a private page
 * (intel/tdx-module {@code src/td_dispatcher/vm_exits/tdg_mem_page_attr_rd.c}).
 * <ul>
 * <li>RCX = GPA (bits 11:0 ignored); not a valid private GPA → TDX_OPERAND_INVALID operand RCX with
 *     RCX = RDX = 0.</li>
 * <li>Success: RCX = GPA aligned to the page's level | LEVEL in bits 2:0 | PENDING in bit 62
 *     (gpa_mapping_and_flags_t); RDX = attributes, 16 bits per VM: 0 for the L1 VM (sept_get_gpa_attr)
 *     and 0 for the absent L2 VMs.</li>
 * <li>No page at the GPA: EPT-violation TD exit (no status).</li>
 * </ul>
 */
final class TdgMemPageAttrRd implements Leaf {
    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        long gpa = regs.gpr(1);
        if (!m.td.memory.isValidGpa(gpa, true)) {
            regs.gpr(1, 0);
            regs.gpr(2, 0);
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        GuestMemory.Leaf leaf = m.td.memory.find(gpa);
        if (leaf == null) {
            return m.eptViolation(gpa & ~0xFFFL, 0, 0);
        }
        long out = leaf.base | leaf.level | (leaf.state == GuestMemory.PENDING ? 1L << 62 : 0);
        regs.gpr(1, out);
        regs.gpr(2, 0);
        return TdxStatus.TDX_SUCCESS;
    }
}

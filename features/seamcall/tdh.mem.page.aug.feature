@area:seamcall @leaf:TDH.MEM.PAGE.AUG
Feature: TDH.MEM.PAGE.AUG adds a PENDING 4 KB or 2 MB page to a TD
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_page_aug.c: RCX is checked by verify_page_info_input
  (LEVEL 0 or 1 (LVL_PT .. LVL_PD), bits 11:3 and 63:52 reserved, GPA aligned to the level; TDX_OPERAND_INVALID, RCX);
  the entry must be FREE (sept_state_lookup row 6); the page in R8 must be aligned to the level's size and every 4 KB
  page of it free (PT_NDA) (check_and_lock_explicit_private_hpa, operand R8); the pages become PT_REG of the TD and the
  entry PENDING, and the TDR's child count (CHLDCNT, TDR field 0x8010000300000004, read with TDH.MNG.RD) grows by
  1 << (9 x level): 16 child pages after the build, 17 with one more SEPT page, 529 with a 2 MB page. PAMT types (TDH.PHYMEM.PAGE.RDMD RCX): PT_NDA 0, PT_REG 3, PT_EPT 8. Layout: docs/steps.md.

  @rule:TDH.MEM.PAGE.AUG-4
  Scenario Outline: RCX <rcx> is refused
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | <rcx>     |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_OPERAND_INVALID with operand RCX

    Examples:
      | rcx              |
      | 0x1040           |
      | 0x10000000001000 |
      | 0x200002         |
      | 0x201001         |

  @rule:TDH.MEM.PAGE.AUG-5 @rule:TDH.MEM.PAGE.AUG-2
  Scenario: a 2 MB page needs a 2 MB aligned HPA whose 512 pages are all free, and only those become the TD's
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    Then RAX is TDX_OPERAND_INVALID with operand R8
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x40000002 |
      | RDX | TDR        |
      | R8  | 0x40400000 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x400001   |
      | RDX | TDR        |
      | R8  | 0x40200000 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x403FF000 |
    Then RCX is 0x3
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000300000004 |
    Then R8 is 529
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x40400000 |
    Then RCX is 0x8
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x400001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RCX is 0x8000000040200000
    And RDX is 0x201
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x600001   |
      | RDX | TDR        |
      | R8  | 0x40200000 |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand R8

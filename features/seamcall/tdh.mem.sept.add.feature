@area:seamcall @leaf:TDH.MEM.SEPT.ADD
Feature: TDH.MEM.SEPT.ADD adds a Secure EPT page below a FREE entry, or accepts an existing one with ALLOW_EXISTING
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_sept_add.c: RDX bits 11:1 and 63:52 are reserved
  (TDX_OPERAND_INVALID, RDX; bit 0 is ALLOW_EXISTING); RCX is checked by verify_page_info_input (LEVEL 1 .. the EPT
  page-walk level, GPA aligned to the level, reserved bits clear; TDX_OPERAND_INVALID, RCX); the walk to the entry must
  find present non-leaf entries (TDX_EPT_WALK_FAILED with the entry where it stopped in RCX/RDX); the entry must be
  FREE or NL_MAPPED (sept_state_lookup row 3). process_l1_page: R8 = NULL_PA (all ones) means no new page, refused in
  version 0 (TDX_OPERAND_INVALID, R8); bit 63 of any other R8 is ignored; below a FREE entry the new page must be a
  free (PT_NDA) page inside a TDMR (check_and_lock_explicit_4k_private_hpa, operand R8); an NL_MAPPED entry gives
  TDX_EPT_ENTRY_STATE_INCORRECT with its details unless ALLOW_EXISTING is set, and then the call succeeds without using
  the page. PAMT types (TDH.PHYMEM.PAGE.RDMD RCX): PT_NDA 0, PT_EPT 8. Layout: docs/steps.md "a host-built TD" (the SEPT
  page of level 1 at GPA 0 is 0x4000F000; 0x40011000 is the first free page).

  @rule:TDH.MEM.SEPT.ADD-5
  Scenario: reserved bits of RDX
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001         |
      | RDX | 0x10000040000000 |
      | R8  | 0x40011000       |
    Then RAX is TDX_OPERAND_INVALID with operand RDX
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | 0x40000002 |
      | R8  | 0x40011000 |
    Then RAX is TDX_OPERAND_INVALID with operand RDX

  @rule:TDH.MEM.SEPT.ADD-6
  Scenario Outline: RCX <rcx> is not a valid level and GPA
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | <rcx>      |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    Then RAX is TDX_OPERAND_INVALID with operand RCX

    Examples:
      | rcx              |
      | 0x10000000200001 |
      | 0x201001         |
      | 0x200009         |
      | 0x200000         |
      | 0x4              |
      | 0x800000200001   |

  @rule:TDH.MEM.SEPT.ADD-6 @rule:TDH.MEM.SEPT.ADD-1
  Scenario: the walk to the entry stops at a FREE entry above it
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x40000001 |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x2

  @rule:TDH.MEM.SEPT.ADD-7 @rule:TDH.MEM.SEPT.ADD-2
  Scenario: the new SEPT page: NULL_PA, outside the TDMRs, not free, and bit 63 ignored
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001           |
      | RDX | TDR                |
      | R8  | 0xFFFFFFFFFFFFFFFF |
    Then RAX is TDX_OPERAND_INVALID with operand R8
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
      | R8  | 0x0      |
    Then RAX is TDX_OPERAND_ADDR_RANGE_ERROR with operand R8
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
      | R8  | TDVPR    |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand R8
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001           |
      | RDX | TDR                |
      | R8  | 0x8000000040011000 |
    Then RAX is TDX_SUCCESS
    And RCX is 0x0
    And RDX is 0x0
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x40011000 |
    Then RCX is 0x8
    And RDX is 0x40000000
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RDX is 0x401

  @rule:TDH.MEM.SEPT.ADD-8
  Scenario: an existing SEPT page: refused with its details, accepted with ALLOW_EXISTING (the new page stays free), refused when blocked
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x1        |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    And RDX is 0x401
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x1        |
      | RDX | 0x40000001 |
      | R8  | 0x40011000 |
    Then RAX is TDX_SUCCESS
    And RCX is 0x0
    And RDX is 0x0
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x40011000 |
    Then RCX is 0x0
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    And the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x1                |
      | RDX | 0x40000001         |
      | R8  | 0xFFFFFFFFFFFFFFFF |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    And RCX is 0x800000004000F000
    And RDX is 0x101

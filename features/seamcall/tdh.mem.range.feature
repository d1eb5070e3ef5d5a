@area:seamcall
Feature: TDH.MEM.RANGE.UNBLOCK, TDH.MEM.PAGE.REMOVE, TDH.MEM.PAGE.DEMOTE and TDH.MEM.SEPT.RD check RCX and the SEPT walk
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_range_unblock.c, tdh_mem_page_remove.c,
  tdh_mem_page_demote.c, tdh_mem_sept_rd.c: verify_page_info_input (LEVEL within the leaf's range: UNBLOCK and SEPT.RD
  0 .. the page-walk level, PAGE.REMOVE 0 .. 2, DEMOTE 1 .. 2; GPA aligned to the level; TDX_OPERAND_INVALID, RCX);
  the walk must reach the level (TDX_EPT_WALK_FAILED with the FREE entry where it stopped: RCX bit 63, RDX its level);
  PAGE.REMOVE needs a leaf (a FREE entry gives TDX_EPT_ENTRY_STATE_INCORRECT with RCX bit 63 and RDX the level);
  DEMOTE's RDX has bit 0 (a flag) and bits 11:1 and 63:52 reserved (TDX_OPERAND_INVALID, RDX). TDH.MEM.SEPT.RD with
  RDX bit 0 set asks for the L2 SEPT attributes of a debug TD, returned in R8 (0: the TD has no L2 VMs).

  @leaf:TDH.MEM.RANGE.UNBLOCK @rule:TDH.MEM.RANGE.UNBLOCK-4 @rule:TDH.MEM.RANGE.UNBLOCK-1
  Scenario: TDH.MEM.RANGE.UNBLOCK of a misaligned GPA and of a GPA whose walk fails
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.RANGE.UNBLOCK on the TD with:
      | RCX | 0x1001 |
      | RDX | TDR    |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    When the VMM calls TDH.MEM.RANGE.UNBLOCK on the TD with:
      | RCX | 0x40000000 |
      | RDX | TDR        |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x2

  @leaf:TDH.MEM.PAGE.REMOVE @rule:TDH.MEM.PAGE.REMOVE-5 @rule:TDH.MEM.PAGE.REMOVE-1
  Scenario: TDH.MEM.PAGE.REMOVE of a GPA whose walk fails and of a FREE entry
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | 0x40000000 |
      | RDX | TDR        |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RDX is 0x2
    When the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | 0x1000 |
      | RDX | TDR    |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x0

  @leaf:TDH.MEM.PAGE.DEMOTE @rule:TDH.MEM.PAGE.DEMOTE-4 @rule:TDH.MEM.PAGE.DEMOTE-1
  Scenario: TDH.MEM.PAGE.DEMOTE with a reserved RDX bit and of a GPA whose walk fails
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.DEMOTE on the TD with:
      | RCX | 0x200001         |
      | RDX | 0x10000040000000 |
    Then RAX is TDX_OPERAND_INVALID with operand RDX
    And RCX is 0x0
    When the VMM calls TDH.MEM.PAGE.DEMOTE on the TD with:
      | RCX | 0x40000001 |
      | RDX | TDR        |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x2

  @leaf:TDH.MEM.SEPT.RD @rule:TDH.MEM.SEPT.RD-3
  Scenario: TDH.MEM.SEPT.RD with RDX bit 0 on a debug TD returns the entry and R8 = 0
    Given the VMM creates the TD with ATTRIBUTES.DEBUG
    And a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x1000     |
      | RDX | 0x40000001 |
      | R8  | 0x1234     |
    Then RAX is TDX_SUCCESS
    And R8 is 0x0
    And RCX is 0x8000000000000000
    And RDX is 0x0

  @leaf:TDH.MEM.PAGE.REMOVE @rule:TDH.MEM.PAGE.REMOVE-2
  Scenario: TDH.MEM.PAGE.REMOVE frees the removed page only, not the next one
    Given a TD built with 1 VCPU and 2 private pages, not finalized
    When the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_SUCCESS
    And RCX is 0x40010000
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x40010000 |
    Then RCX is 0x0
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x40011000 |
    Then RCX is 0x3

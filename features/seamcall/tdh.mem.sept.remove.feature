@area:seamcall @leaf:TDH.MEM.SEPT.REMOVE
Feature: TDH.MEM.SEPT.REMOVE removes an empty Secure EPT page
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_sept_remove.c: RCX/RDX are cleared and, for version 1,
  R9-R11 set to NULL_PA (all ones) first; the walk must reach the entry (TDX_EPT_WALK_FAILED with the entry where it
  stopped); the entry must be NL_MAPPED or NL_BLOCKED (sept_state_lookup row 30; TDX_EPT_ENTRY_STATE_INCORRECT with the
  entry in RCX/RDX); the removed SEPT page's PAMT entry must not be locked (TDX_OPERAND_BUSY, RCX); a RUNNABLE TD needs
  it blocked (TDX_GPA_RANGE_NOT_BLOCKED with the entry) and tracked; all 512 entries of the page must be FREE
  (TDX_EPT_PAGE_NOT_FREE). Before TDH.MR.FINALIZE (OP_STATE INITIALIZED) no blocking is needed. On success RCX is the
  removed page, and the TDR's child count (CHLDCNT, TDR field 0x8010000300000004) drops by 1. Layout: docs/steps.md "a host-built TD"; RDX[15:8] in the model's encoding (docs/fixtures.md).

  @rule:TDH.MEM.SEPT.REMOVE-3
  Scenario: version 1 sets R9-R11 to NULL_PA at the start, version 0 leaves them alone
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.REMOVE version 1 on the TD with:
      | RCX | 0x200001 |
      | RDX | TDVPR    |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And R9 is 0xFFFFFFFFFFFFFFFF
    And R10 is 0xFFFFFFFFFFFFFFFF
    And R11 is 0xFFFFFFFFFFFFFFFF
    When the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDVPR    |
    Then R9 is unchanged
    And R10 is unchanged
    And R11 is unchanged

  @rule:TDH.MEM.SEPT.REMOVE-5 @rule:TDH.MEM.SEPT.REMOVE-4 @rule:TDH.MEM.SEPT.REMOVE-1
  Scenario: a missing level, a FREE entry, a locked SEPT page, and a page not blocked, with the entry's details
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x40000001 |
      | RDX | TDR        |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x2
    When the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x1
    When the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    Then RAX is TDX_GPA_RANGE_NOT_BLOCKED with operand RCX
    And RDX is 0x401
    Given the host page at 0x4000F000 is locked by another flow
    When the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    Then RAX is TDX_OPERAND_BUSY with operand RCX

  @rule:TDH.MEM.SEPT.REMOVE-4 @rule:TDH.MEM.SEPT.REMOVE-2
  Scenario: only the page's own 512 entries count: a page mapped right after its range does not keep it busy
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    And the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x400001   |
      | RDX | TDR        |
      | R8  | 0x40012000 |
    And the VMM adds 1 pending 4K pages with TDH.MEM.PAGE.AUG from GPA 0x400000 onto host pages from 0x40013000
    And the VMM adds 1 pending 4K pages with TDH.MEM.PAGE.AUG from GPA 0x3FF000 onto host pages from 0x40014000
    And the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_EPT_PAGE_NOT_FREE with operand RCX
    And RDX is 0x401
    When the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | 0x3FF000 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RCX is 0x40011000
    And RDX is 0x0
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000300000004 |
    Then R8 is 18
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x40011000 |
    Then RCX is 0x0

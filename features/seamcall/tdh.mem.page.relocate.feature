@area:seamcall @leaf:TDH.MEM.PAGE.RELOCATE
Feature: TDH.MEM.PAGE.RELOCATE checks the walk, the entry and the source page's PAMT lock
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_page_relocate.c: RCX must be a level-0 GPA; the walk
  must reach level 0 (TDX_EPT_WALK_FAILED); the entry must be a leaf in MAPPED, BLOCKED, PENDING or PENDING_BLOCKED
  (sept_state_lookup row 5; a FREE entry gives TDX_EPT_ENTRY_STATE_INCORRECT with RCX bit 63 only); R8 must differ from
  the mapped page (TDX_OPERAND_INVALID, R8); the mapped page's PAMT entry is locked exclusively (TDX_OPERAND_BUSY, RCX).
  Layout: docs/steps.md (page 1 at 0x40010000).

  @rule:TDH.MEM.PAGE.RELOCATE-3 @rule:TDH.MEM.PAGE.RELOCATE-1
  Scenario: a missing level, a FREE entry, and a source page held by another flow
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.RELOCATE on the TD with:
      | RCX | 0x40000000 |
      | RDX | TDR        |
      | R8  | FREE_PAGE  |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x2
    When the VMM calls TDH.MEM.PAGE.RELOCATE on the TD with:
      | RCX | 0x1000    |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    And RCX is 0x8000000000000000
    Given the host page at 0x40010000 is locked by another flow
    When the VMM calls TDH.MEM.PAGE.RELOCATE on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_OPERAND_BUSY with operand RCX

  @rule:TDH.MEM.PAGE.RELOCATE-2
  Scenario: a MAPPED page's contents move to the new page; RCX returns the old page, which becomes free
    Given the VMM creates the TD with ATTRIBUTES.DEBUG
    And a TD built with 1 VCPU and 2 private pages, not finalized
    When the VMM calls TDH.MEM.PAGE.RELOCATE on the TD with:
      | RCX | 0x1000     |
      | RDX | TDR        |
      | R8  | 0x40012000 |
    Then RAX is TDX_SUCCESS
    And RCX is 0x40011000
    When the VMM calls TDH.MEM.RD on the TD with:
      | RCX | 0x1008 |
      | RDX | TDR    |
    Then R8 is 0x2E2D2C2B2A292827
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x40011000 |
    Then RCX is 0x0
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x1000 |
      | RDX | TDR    |
    Then RDX is 0x400

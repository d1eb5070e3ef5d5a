@area:seamcall @leaf:TDH.MEM.PAGE.ADD
Feature: TDH.MEM.PAGE.ADD checks the GPA, the SEPT walk, the entry, the source page and the target page in order
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_page_add.c: RCX must be a level-0 GPA (bits 11:0 and
  63:52 reserved, SHARED bit clear; TDX_OPERAND_INVALID, RCX); the walk must reach level 0 (TDX_EPT_WALK_FAILED with the
  FREE entry where it stopped: RCX bit 63 (suppress #VE), RDX its level); the entry must be FREE (sept_state_lookup row
  2; TDX_EPT_ENTRY_STATE_INCORRECT with the entry, RDX = level 0 | MAPPED 4 << 8); R9 must be a 4 KB aligned shared HPA
  (TDX_OPERAND_INVALID, R9). Only before TDH.MR.FINALIZE (OP_STATE INITIALIZED).

  @rule:TDH.MEM.PAGE.ADD-4 @rule:TDH.MEM.PAGE.ADD-1
  Scenario: RCX, the walk, an entry already mapped, and the source page
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MEM.PAGE.ADD on the TD with:
      | RCX | 0x10000000001000 |
      | RDX | TDR              |
      | R8  | FREE_PAGE        |
      | R9  | SOURCE_PAGE      |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    When the VMM calls TDH.MEM.PAGE.ADD on the TD with:
      | RCX | 0x40000000  |
      | RDX | TDR         |
      | R8  | FREE_PAGE   |
      | R9  | SOURCE_PAGE |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x2
    When the VMM calls TDH.MEM.PAGE.ADD on the TD with:
      | RCX | GPA_PAGE1   |
      | RDX | TDR         |
      | R8  | FREE_PAGE   |
      | R9  | SOURCE_PAGE |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    And RDX is 0x400
    When the VMM calls TDH.MEM.PAGE.ADD on the TD with:
      | RCX | 0x1000     |
      | RDX | TDR        |
      | R8  | FREE_PAGE  |
      | R9  | 0x30001800 |
    Then RAX is TDX_OPERAND_INVALID with operand R9

@area:seamcall
Feature: The Secure-EPT leaves clear RCX and RDX first, then check the TDR in RDX and the TD's state
  Every TDH.MEM.* leaf of a TD's private memory starts by setting RCX and RDX to 0 ("by default, no extended error code
  is returned"; TDH.MEM.RD/WR also R8, TDH.PHYMEM.PAGE.RECLAIM also R8-R11), then checks the TDR page named by RDX
  (check_lock_and_map_explicit_tdr with OPERAND_ID_RDX: a page whose PAMT type is not PT_TDR gives
  TDX_PAGE_METADATA_INCORRECT), then the TD's lifecycle and OP_STATE (check_state_map_tdcs_and_lock: a TD whose keys are
  not configured gives TDX_TD_KEYS_NOT_CONFIGURED; OP_STATE UNINITIALIZED, before TDH.MNG.INIT, is not allowed for any of
  these leaves: TDX_OP_STATE_INCORRECT). Source: intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_page_add.c,
  tdh_mem_page_aug.c, tdh_mem_sept_add.c, tdh_mem_sept_remove.c, tdh_mem_page_relocate.c, tdh_mem_rd_wr.c,
  tdh_mem_range_block.c, tdh_mem_range_unblock.c, tdh_mem_page_remove.c, tdh_mem_page_demote.c,
  tdh_mem_page_promote.c, tdh_mem_sept_rd.c, tdh_phymem_page_reclaim.c; src/common/helpers/helpers.c;
  include/auto_gen/op_state_lookup.c.

  @rule:SEPT-OPERANDS-TDR
  Scenario Outline: <leaf> with a TDVPR page in RDX clears RCX and RDX and fails on the TDR operand
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls <leaf> on the TD with:
      | RCX | <rcx>  |
      | RDX | TDVPR  |
      | R8  | 0x1234 |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And RCX is 0x0
    And RDX is 0x0

    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.ADD      | 0x1000   |
      | TDH.MEM.PAGE.AUG      | 0x1000   |
      | TDH.MEM.SEPT.ADD      | 0x200001 |
      | TDH.MEM.SEPT.REMOVE   | 0x200001 |
      | TDH.MEM.PAGE.RELOCATE | 0x1000   |
      | TDH.MEM.RANGE.BLOCK   | 0x1000   |
      | TDH.MEM.RANGE.UNBLOCK | 0x1000   |
      | TDH.MEM.PAGE.REMOVE   | 0x1000   |
      | TDH.MEM.PAGE.DEMOTE   | 0x200001 |
      | TDH.MEM.PAGE.PROMOTE  | 0x200001 |
      | TDH.MEM.SEPT.RD       | 0x1000   |

  @rule:SEPT-OPERANDS-RDWR-R8
  Scenario Outline: <leaf> also clears R8 before it checks the TDR
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls <leaf> on the TD with:
      | RCX | 0x1000 |
      | RDX | TDVPR  |
      | R8  | 0x1234 |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And RCX is 0x0
    And RDX is 0x0
    And R8 is 0x0

    Examples:
      | leaf       |
      | TDH.MEM.RD |
      | TDH.MEM.WR |

  @rule:SEPT-OPERANDS-KEYS
  Scenario Outline: <leaf> on a TD whose key is not configured yet
    Given a TD that is created
    When the VMM calls <leaf> on the TD with:
      | RCX | <rcx>     |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    And RCX is 0x0
    And RDX is 0x0

    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.ADD      | 0x1000   |
      | TDH.MEM.PAGE.AUG      | 0x1000   |
      | TDH.MEM.SEPT.ADD      | 0x200001 |
      | TDH.MEM.SEPT.REMOVE   | 0x200001 |
      | TDH.MEM.PAGE.RELOCATE | 0x1000   |
      | TDH.MEM.RANGE.BLOCK   | 0x1000   |
      | TDH.MEM.RANGE.UNBLOCK | 0x1000   |
      | TDH.MEM.PAGE.REMOVE   | 0x1000   |
      | TDH.MEM.PAGE.DEMOTE   | 0x200001 |
      | TDH.MEM.PAGE.PROMOTE  | 0x200001 |
      | TDH.MEM.SEPT.RD       | 0x1000   |
      | TDH.MEM.RD            | 0x1000   |

  @rule:SEPT-OPERANDS-OP-STATE
  Scenario Outline: <leaf> before TDH.MNG.INIT (OP_STATE UNINITIALIZED)
    Given a TD that is tdcs
    When the VMM calls <leaf> on the TD with:
      | RCX | <rcx>     |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_OP_STATE_INCORRECT

    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.ADD      | 0x1000   |
      | TDH.MEM.PAGE.AUG      | 0x1000   |
      | TDH.MEM.SEPT.ADD      | 0x200001 |
      | TDH.MEM.SEPT.REMOVE   | 0x200001 |
      | TDH.MEM.PAGE.RELOCATE | 0x1000   |
      | TDH.MEM.RANGE.BLOCK   | 0x1000   |
      | TDH.MEM.PAGE.REMOVE   | 0x1000   |
      | TDH.MEM.PAGE.PROMOTE  | 0x200001 |

  @leaf:TDH.PHYMEM.PAGE.RECLAIM @rule:SEPT-OPERANDS-RECLAIM-OUTPUTS
  Scenario: TDH.PHYMEM.PAGE.RECLAIM clears its outputs RCX, RDX and R8-R11 before it checks the page
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.PHYMEM.PAGE.RECLAIM on the TD with:
      | RCX | 0x40000800 |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    And RDX is 0x0
    And R8 is 0x0
    And R9 is 0x0
    And R10 is 0x0
    And R11 is 0x0

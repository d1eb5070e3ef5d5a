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

  Scenario Outline: <leaf> with a TDVPR page in RDX clears RCX and RDX and fails on the TDR operand
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls <leaf> on the TD with:
      | RCX | <rcx>  |
      | RDX | TDVPR  |
      | R8  | 0x1234 |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And RCX is 0x0
    And RDX is 0x0

    @leaf:TDH.MEM.PAGE.ADD @rule:TDH.MEM.PAGE.ADD-5 @rule:TDH.MEM.PAGE.ADD-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.ADD      | 0x1000   |

    @leaf:TDH.MEM.PAGE.AUG @rule:TDH.MEM.PAGE.AUG-6 @rule:TDH.MEM.PAGE.AUG-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.AUG      | 0x1000   |

    @leaf:TDH.MEM.SEPT.ADD @rule:TDH.MEM.SEPT.ADD-9 @rule:TDH.MEM.SEPT.ADD-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.SEPT.ADD      | 0x200001 |

    @leaf:TDH.MEM.SEPT.REMOVE @rule:TDH.MEM.SEPT.REMOVE-7 @rule:TDH.MEM.SEPT.REMOVE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.SEPT.REMOVE   | 0x200001 |

    @leaf:TDH.MEM.PAGE.RELOCATE @rule:TDH.MEM.PAGE.RELOCATE-4 @rule:TDH.MEM.PAGE.RELOCATE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.RELOCATE | 0x1000   |

    @leaf:TDH.MEM.RANGE.BLOCK @rule:TDH.MEM.RANGE.BLOCK-5 @rule:TDH.MEM.RANGE.BLOCK-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.RANGE.BLOCK   | 0x1000   |

    @leaf:TDH.MEM.RANGE.UNBLOCK @rule:TDH.MEM.RANGE.UNBLOCK-5 @rule:TDH.MEM.RANGE.UNBLOCK-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.RANGE.UNBLOCK | 0x1000   |

    @leaf:TDH.MEM.PAGE.REMOVE @rule:TDH.MEM.PAGE.REMOVE-6 @rule:TDH.MEM.PAGE.REMOVE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.REMOVE   | 0x1000   |

    @leaf:TDH.MEM.PAGE.DEMOTE @rule:TDH.MEM.PAGE.DEMOTE-5 @rule:TDH.MEM.PAGE.DEMOTE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.DEMOTE   | 0x200001 |

    @leaf:TDH.MEM.PAGE.PROMOTE @rule:TDH.MEM.PAGE.PROMOTE-8 @rule:TDH.MEM.PAGE.PROMOTE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.PROMOTE  | 0x200001 |

    @leaf:TDH.MEM.SEPT.RD @rule:TDH.MEM.SEPT.RD-4 @rule:TDH.MEM.SEPT.RD-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.SEPT.RD       | 0x1000   |

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

    @leaf:TDH.MEM.RD @rule:TDH.MEM.RD-4 @rule:TDH.MEM.RD-1
    Examples:
      | leaf       |
      | TDH.MEM.RD |

    @leaf:TDH.MEM.WR @rule:TDH.MEM.WR-3 @rule:TDH.MEM.WR-1
    Examples:
      | leaf       |
      | TDH.MEM.WR |

  Scenario Outline: <leaf> on a TD whose key is not configured yet
    Given a TD that is created
    When the VMM calls <leaf> on the TD with:
      | RCX | <rcx>     |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    And RCX is 0x0
    And RDX is 0x0

    @leaf:TDH.MEM.PAGE.ADD @rule:TDH.MEM.PAGE.ADD-5 @rule:TDH.MEM.PAGE.ADD-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.ADD      | 0x1000   |

    @leaf:TDH.MEM.PAGE.AUG @rule:TDH.MEM.PAGE.AUG-6 @rule:TDH.MEM.PAGE.AUG-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.AUG      | 0x1000   |

    @leaf:TDH.MEM.SEPT.ADD @rule:TDH.MEM.SEPT.ADD-9 @rule:TDH.MEM.SEPT.ADD-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.SEPT.ADD      | 0x200001 |

    @leaf:TDH.MEM.SEPT.REMOVE @rule:TDH.MEM.SEPT.REMOVE-7 @rule:TDH.MEM.SEPT.REMOVE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.SEPT.REMOVE   | 0x200001 |

    @leaf:TDH.MEM.PAGE.RELOCATE @rule:TDH.MEM.PAGE.RELOCATE-4 @rule:TDH.MEM.PAGE.RELOCATE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.RELOCATE | 0x1000   |

    @leaf:TDH.MEM.RANGE.BLOCK @rule:TDH.MEM.RANGE.BLOCK-5 @rule:TDH.MEM.RANGE.BLOCK-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.RANGE.BLOCK   | 0x1000   |

    @leaf:TDH.MEM.RANGE.UNBLOCK @rule:TDH.MEM.RANGE.UNBLOCK-5 @rule:TDH.MEM.RANGE.UNBLOCK-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.RANGE.UNBLOCK | 0x1000   |

    @leaf:TDH.MEM.PAGE.REMOVE @rule:TDH.MEM.PAGE.REMOVE-6 @rule:TDH.MEM.PAGE.REMOVE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.REMOVE   | 0x1000   |

    @leaf:TDH.MEM.PAGE.DEMOTE @rule:TDH.MEM.PAGE.DEMOTE-5 @rule:TDH.MEM.PAGE.DEMOTE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.DEMOTE   | 0x200001 |

    @leaf:TDH.MEM.PAGE.PROMOTE @rule:TDH.MEM.PAGE.PROMOTE-8 @rule:TDH.MEM.PAGE.PROMOTE-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.PROMOTE  | 0x200001 |

    @leaf:TDH.MEM.SEPT.RD @rule:TDH.MEM.SEPT.RD-4 @rule:TDH.MEM.SEPT.RD-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.SEPT.RD       | 0x1000   |

    @leaf:TDH.MEM.RD @rule:TDH.MEM.RD-4 @rule:TDH.MEM.RD-1
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.RD            | 0x1000   |

  Scenario Outline: <leaf> before TDH.MNG.INIT (OP_STATE UNINITIALIZED)
    Given a TD that is tdcs
    When the VMM calls <leaf> on the TD with:
      | RCX | <rcx>     |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_OP_STATE_INCORRECT

    @leaf:TDH.MEM.PAGE.ADD @rule:TDH.MEM.PAGE.ADD-5
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.ADD      | 0x1000   |

    @leaf:TDH.MEM.PAGE.AUG @rule:TDH.MEM.PAGE.AUG-6
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.AUG      | 0x1000   |

    @leaf:TDH.MEM.SEPT.ADD @rule:TDH.MEM.SEPT.ADD-9
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.SEPT.ADD      | 0x200001 |

    @leaf:TDH.MEM.SEPT.REMOVE @rule:TDH.MEM.SEPT.REMOVE-7
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.SEPT.REMOVE   | 0x200001 |

    @leaf:TDH.MEM.PAGE.RELOCATE @rule:TDH.MEM.PAGE.RELOCATE-4
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.RELOCATE | 0x1000   |

    @leaf:TDH.MEM.RANGE.BLOCK @rule:TDH.MEM.RANGE.BLOCK-5
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.RANGE.BLOCK   | 0x1000   |

    @leaf:TDH.MEM.PAGE.REMOVE @rule:TDH.MEM.PAGE.REMOVE-6
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.REMOVE   | 0x1000   |

    @leaf:TDH.MEM.PAGE.PROMOTE @rule:TDH.MEM.PAGE.PROMOTE-8
    Examples:
      | leaf                  | rcx      |
      | TDH.MEM.PAGE.PROMOTE  | 0x200001 |

  @leaf:TDH.PHYMEM.PAGE.RECLAIM @rule:PHYMEM.PAGE.RECLAIM-1
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

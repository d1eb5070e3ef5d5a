@area:seamcall
Feature: The TD-scope build and teardown leaves check their TDR operand and the TD's state
  TDH.MNG.CREATE, TDH.MNG.KEY.CONFIG, TDH.MNG.ADDCX, TDH.MR.EXTEND, TDH.MR.FINALIZE, TDH.MNG.VPFLUSHDONE and
  TDH.MNG.KEY.FREEID check the page that must be the TDR (TDX_PAGE_METADATA_INCORRECT with the register's operand id
  when it is not), then the TD's lifecycle (TDX_TD_KEYS_NOT_CONFIGURED once TDH.MNG.VPFLUSHDONE has run) and its
  OP_STATE, then their other operands. Sources: intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mng_create.c,
  tdh_mng_key_config.c, tdh_mng_add_cx.c (MAX_NUM_TDCS_PAGES 9), tdh_mr_extend.c, tdh_mr_finalize.c,
  tdh_mng_vpflushdone.c, tdh_mng_key_freeid.c, include/auto_gen/op_state_lookup.c; TDX module ABI spec.

  @leaf:TDH.MNG.KEY.CONFIG @leaf:TDH.MR.FINALIZE @leaf:TDH.MNG.VPFLUSHDONE @leaf:TDH.MNG.KEY.FREEID @leaf:TDH.MNG.INIT @rule:TDH.MNG.KEY.CONFIG-5 @rule:TDH.MR.FINALIZE-5 @rule:TDH.MNG.VPFLUSHDONE-5 @rule:TDH.MNG.KEY.FREEID-5 @rule:TDH.MNG.INIT-5
  Scenario Outline: <leaf> with a free page in RCX
    Given a TD that is initialized
    When the VMM calls <leaf> on the TD with:
      | RCX | FREE_PAGE  |
      | RDX | 0x30000000 |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX
    And the call complies with the leaf's contract

    Examples:
      | leaf                  |
      | TDH.MNG.KEY.CONFIG    |
      | TDH.MR.FINALIZE       |
      | TDH.MNG.VPFLUSHDONE   |
      | TDH.MNG.KEY.FREEID    |
      | TDH.MNG.INIT          |

  @leaf:TDH.MNG.ADDCX @leaf:TDH.MR.EXTEND @rule:TDH.MNG.ADDCX-6 @rule:TDH.MR.EXTEND-4
  Scenario Outline: <leaf> with a free page in RDX
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls <leaf> on the TD with:
      | RCX | 0x0       |
      | RDX | FREE_PAGE |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And RCX is 0x0
    And the call complies with the leaf's contract

    Examples:
      | leaf          |
      | TDH.MNG.ADDCX |
      | TDH.MR.EXTEND |

  @leaf:TDH.MR.EXTEND @rule:TDH.MR.EXTEND-1
  Scenario: TDH.MR.EXTEND clears RCX and RDX when it fails before the walk
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MR.EXTEND on the TD with:
      | RCX | 0x1000    |
      | RDX | FREE_PAGE |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And RCX is 0x0
    And RDX is 0x0

  @leaf:TDH.MR.FINALIZE @leaf:TDH.MR.EXTEND @leaf:TDH.MNG.ADDCX @rule:TDH.MR.FINALIZE-6 @rule:TDH.MR.EXTEND-5 @rule:TDH.MNG.ADDCX-4
  Scenario: after TDH.MNG.VPFLUSHDONE the build leaves find the TD's keys not configured
    Given a TD built with 1 VCPU and 1 private page, not finalized
    And the VMM has torn the TD down up to TDH.MNG.VPFLUSHDONE
    When the VMM calls TDH.MR.FINALIZE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.MR.EXTEND on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.MNG.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.MNG.VPFLUSHDONE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_LIFECYCLE_STATE_INCORRECT

  @leaf:TDH.MNG.ADDCX @rule:TDH.MNG.ADDCX-7 @rule:TDH.MNG.ADDCX-5
  Scenario: TDCS pages are added before TDH.MNG.INIT, at most 9
    Given a TD that is initialized
    When the VMM calls TDH.MNG.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_OP_STATE_INCORRECT
    And the call complies with the leaf's contract

  @leaf:TDH.MNG.ADDCX @rule:TDH.MNG.ADDCX-7 @rule:TDH.MNG.ADDCX-5
  Scenario: the tenth TDCS page is refused, and a page that is not free too
    Given a TD that is tdcs
    When the VMM calls TDH.MNG.ADDCX on the TD with:
      | RCX | TDR |
      | RDX | TDR |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX
    Given the VMM adds 3 more TDCS pages to the TD
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000200000002 |
    Then RAX is TDX_OP_STATE_INCORRECT
    When the VMM calls TDH.MNG.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    And the call complies with the leaf's contract

  @leaf:TDH.MNG.CREATE @rule:TDH.MNG.CREATE-5
  Scenario Outline: TDH.MNG.CREATE refuses HKID <hkid>
    Given an initialized TDX module
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x40000000 |
      | RDX | <hkid>     |
    Then RAX is TDX_OPERAND_INVALID with operand RDX
    And the call complies with the leaf's contract

    Examples:
      | hkid    |
      | 0x5     |
      | 0x10021 |
      | 0x40    |

  @leaf:TDH.MNG.CREATE @rule:TDH.MNG.CREATE-4 @rule:TDH.MNG.CREATE-6
  Scenario: TDH.MNG.CREATE needs a free page and a free HKID (the TD's 33, the module's global private HKID 32)
    Given a TD that is created
    When the VMM calls TDH.MNG.CREATE on the TD with:
      | RCX | TDR  |
      | RDX | 0x28 |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX
    When the VMM calls TDH.MNG.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | 0x21      |
    Then RAX is TDX_HKID_NOT_FREE
    When the VMM calls TDH.MNG.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | 0x20      |
    Then RAX is TDX_HKID_NOT_FREE
    When the VMM calls TDH.MNG.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | 0x3F      |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.MR.EXTEND @rule:TDH.MR.EXTEND-1 @rule:TDH.MR.EXTEND-6
  Scenario Outline: TDH.MR.EXTEND of GPA <gpa>: <status>
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MR.EXTEND on the TD with:
      | RCX | <gpa> |
      | RDX | TDR   |
    Then RAX is <status> with operand RCX

    Examples:
      | gpa            | status                    |
      | 0x80           | TDX_OPERAND_INVALID       |
      | 0x1            | TDX_OPERAND_INVALID       |
      | 0x800000000000 | TDX_OPERAND_INVALID       |
      | 0x40000000     | TDX_EPT_ENTRY_NOT_PRESENT |
      | 0x200000       | TDX_EPT_ENTRY_NOT_PRESENT |

  @leaf:TDH.MR.EXTEND @rule:TDH.MR.EXTEND-1 @rule:TDH.MR.EXTEND-6
  Scenario: TDH.MR.EXTEND of a GPA with no page reports the free SEPT entry
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MR.EXTEND on the TD with:
      | RCX | 0x1100 |
      | RDX | TDR    |
    Then RAX is TDX_EPT_ENTRY_NOT_PRESENT with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x0

  @leaf:TDH.MR.EXTEND @rule:TDH.MR.EXTEND-7 @rule:TDH.MR.FINALIZE-1
  Scenario: TDH.MR.EXTEND after TDH.MR.FINALIZE
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MR.EXTEND on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_OP_STATE_INCORRECT
    And RCX is 0x0

  @leaf:TDH.MR.FINALIZE @leaf:TDH.MNG.RD @rule:TDH.MR.FINALIZE-7
  Scenario: a TD with no service TD has a zero SERVTD_HASH
    Given a TD built with 1 VCPU and 1 private page
    Then the TD's SERVTD_HASH is 48 bytes of 0x00

  @leaf:TDH.MR.EXTEND @rule:TDH.MR.EXTEND-1 @rule:TDH.MR.EXTEND-6
  Scenario: TDH.MR.EXTEND of a blocked page reports the blocked SEPT entry
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MR.EXTEND on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_EPT_ENTRY_NOT_PRESENT with operand RCX
    And RDX is 0x100
    And RCX is not 0x0

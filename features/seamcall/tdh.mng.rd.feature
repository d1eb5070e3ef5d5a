@area:seamcall
Feature: TDH.MNG.RD and TDH.MNG.WR read and write a TD's TDR/TDCS metadata fields
  TDH.MNG.RD (leaf 11) and TDH.MNG.WR (leaf 13): RCX = TDR, RDX = field id, for WR R8 = value and R9 = write mask;
  output R8 = the value (RD) or the old value (WR), 0 on error; RD version 1 also returns the next readable field id
  in RDX; versions above 1 are refused with operand RAX. A TD must be past TDH.MNG.INIT (TDX_OP_STATE_INCORRECT).
  HP_LOCK_TIMEOUT (microseconds) is written whole (R9 all ones, else TDX_METADATA_WR_MASK_NOT_VALID) with a value in
  10000..100000000 (TDX_METADATA_FIELD_VALUE_NOT_VALID). Sources: intel/tdx-module tdx_1.5
  src/vmm_dispatcher/api_calls/tdh_mng_rd.c, tdh_mng_wr.c, include/auto_gen/tdr_tdcs_fields_lookup.c,
  src/common/metadata_handlers/metadata_td.c (HP_LOCK_TIMEOUT bounds); TDX module ABI spec TDH.MNG.RD/WR.

  @leaf:TDH.MNG.RD @rule:TDH.MNG.RD-1 @rule:TDH.MNG.RD-4 @rule:TDH.MNG.RD-6
  Scenario: TDH.MNG.RD version 0 leaves RDX, version 1 returns the next field id, version 2 is refused and clears R8
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000000000001 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x0
    And RDX is 0x8010000000000001
    When the VMM calls TDH.MNG.RD version 1 on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000000000001 |
    Then RAX is TDX_SUCCESS
    And RDX is 0x8010000200000002
    When the VMM calls TDH.MNG.RD version 2 on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000000000001 |
      | R8  | 0x1234             |
    Then RAX is TDX_OPERAND_INVALID with operand RAX
    And R8 is 0x0

  @leaf:TDH.MNG.RD @rule:TDH.MNG.RD-7
  Scenario: a TD not initialised has no readable TDCS
    Given a TD that is tdcs
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000000000001 |
      | R8  | 0x77               |
    Then RAX is TDX_OP_STATE_INCORRECT
    And R8 is 0x0
    And the call complies with the leaf's contract

  @leaf:TDH.MNG.RD @rule:TDH.MNG.RD-8
  Scenario Outline: TDH.MNG.RD of field id <id>: <status>
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR  |
      | RDX | <id> |
    Then RAX is <status>
    And R8 is 0x0

    Examples:
      | id                 | status                          |
      | 0x8010000001000001 | TDX_METADATA_FIELD_ID_INCORRECT |
      | 0x8010004000000001 | TDX_METADATA_FIELD_ID_INCORRECT |
      | 0x8010000000000003 | TDX_METADATA_FIELD_ID_INCORRECT |
      | 0x1310000300000040 | TDX_METADATA_FIELD_NOT_READABLE |

  @leaf:TDH.MNG.WR @rule:TDH.MNG.WR-2 @rule:TDH.MNG.WR-4
  Scenario Outline: HP_LOCK_TIMEOUT = <value> microseconds: <status>
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MNG.WR on the TD with:
      | RCX | TDR                |
      | RDX | 0x9110000300000011 |
      | R8  | <value>            |
      | R9  | 0xFFFFFFFFFFFFFFFF |
    Then RAX is <status>

    Examples:
      | value     | status                             |
      | 10000     | TDX_SUCCESS                        |
      | 100000000 | TDX_SUCCESS                        |
      | 9999      | TDX_METADATA_FIELD_VALUE_NOT_VALID |
      | 100000001 | TDX_METADATA_FIELD_VALUE_NOT_VALID |

  @leaf:TDH.MNG.WR @rule:TDH.MNG.WR-2 @rule:TDH.MNG.WR-4
  Scenario: TDH.MNG.WR returns the old HP_LOCK_TIMEOUT and TDH.MNG.RD the new one
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MNG.WR on the TD with:
      | RCX | TDR                |
      | RDX | 0x9110000300000011 |
      | R8  | 20000              |
      | R9  | 0xFFFFFFFFFFFFFFFF |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.WR on the TD with:
      | RCX | TDR                |
      | RDX | 0x9110000300000011 |
      | R8  | 30000              |
      | R9  | 0xFFFFFFFFFFFFFFFF |
    Then R8 is 20000
    When the VMM calls TDH.MNG.WR on the TD with:
      | RCX | TDR                |
      | RDX | 0x9110000300000011 |
      | R8  | 40000              |
      | R9  | 0xFFFF             |
    Then RAX is TDX_METADATA_WR_MASK_NOT_VALID
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9110000300000011 |
    Then R8 is 30000

  @leaf:TDH.MNG.RD @rule:TDH.MNG.RD-1 @rule:TDH.MNG.RD-4 @rule:TDH.MNG.RD-6
  Scenario: TDH.MNG.RD version 1 that fails returns the null field id in RDX
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MNG.RD version 1 on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000000000003 |
    Then RAX is TDX_METADATA_FIELD_ID_INCORRECT
    And RDX is 0xFFFFFFFFFFFFFFFF
    And R8 is 0x0

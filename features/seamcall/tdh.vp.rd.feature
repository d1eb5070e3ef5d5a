@area:seamcall
Feature: TDH.VP.RD and TDH.VP.WR read and write a VCPU's TDVPS metadata fields
  TDH.VP.RD (leaf 26) and TDH.VP.WR (leaf 43): RCX = TDVPR, RDX = field id, for WR R8 = value and R9 = write mask;
  output R8 = the field's value (RD) or its old value (WR), 0 on error; TDH.VP.RD version 1 also returns the next
  readable field id in RDX (-1 after the last, and RDX = -1 in the input asks for the first). Versions above 1 are
  refused with operand RAX. The checks come in the handler's order: TDVPR page, owner TDR lock, TD keys, TDVPS page
  count, VCPU initialised, association with the current LP; then the field id (single element, known), the read or
  write mask of the field (tdvps_fields_lookup.c; non-debug masks) and, for WR, mask AND value: PEND_NMI is
  writable in bits 7:0, the others are kept. Sources: intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_vp_rd.c,
  tdh_vp_wr.c, src/common/metadata_handlers/metadata_generic.c (md_check_as_single_element_id),
  include/auto_gen/tdvps_fields_lookup.c; TDX module ABI spec TDH.VP.RD/WR and the TDVPS field ids.

  @leaf:TDH.VP.RD @rule:TDH.VP.RD-1 @rule:TDH.VP.RD-8
  Scenario: TDH.VP.RD version 1 returns the next readable field id; version 2 is refused and clears R8
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.VP.RD version 1 on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x0
    And RDX is 0xA020000000000003
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_SUCCESS
    And RDX is 0xA020000200000002
    When the VMM calls TDH.VP.RD version 2 on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xA020000200000002 |
      | R8  | 0x1234             |
    Then RAX is TDX_OPERAND_INVALID with operand RAX
    And R8 is 0x0

  @leaf:TDH.VP.RD @rule:TDH.VP.RD-9
  Scenario: TDH.VP.RD version 1 with a null field id returns the first readable field id of the context
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.VP.RD version 1 on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xFFFFFFFFFFFFFFFF |
    Then RAX is TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
    And RDX is 0x9120000300000100

  @leaf:TDH.VP.RD @rule:TDH.VP.RD-10
  Scenario Outline: TDH.VP.RD of field id <id>: <status>
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR |
      | RDX | <id>  |
      | R8  | 0x55  |
    Then RAX is <status>
    And R8 is 0x0

    Examples:
      | id                 | status                           |
      | 0xA020000201000002 | TDX_METADATA_FIELD_ID_INCORRECT  |
      | 0xA020000600000002 | TDX_METADATA_FIELD_ID_INCORRECT  |
      | 0xA020000200000005 | TDX_METADATA_FIELD_ID_INCORRECT  |
      | 0x0120000300000000 | TDX_METADATA_FIELD_NOT_READABLE  |
      | 0xA020000000000000 | TDX_METADATA_FIELD_NOT_READABLE  |

  @leaf:TDH.VP.RD @rule:TDH.VP.RD-11
  Scenario: TDH.VP.RD reports the VCPU's index, TDVPS page count, associated LP and XFAM
    Given a TD built with 2 VCPUs and 1 private page
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR2             |
      | RDX | 0xA020000200000002 |
    Then R8 is 0x1
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR2             |
      | RDX | 0xA020000000000003 |
    Then R8 is 0x6
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR2             |
      | RDX | 0xA020000200000004 |
    Then R8 is 0x0
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR2             |
      | RDX | 0x202000030000000C |
    Then R8 is 0x3

  @leaf:TDH.VP.WR @rule:TDH.VP.WR-2 @rule:TDH.VP.WR-1
  Scenario: TDH.VP.WR of PEND_NMI writes the bits its mask selects and returns the old value
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.VP.WR on the TD with:
      | RCX | TDVPR              |
      | RDX | 0x202000000000000B |
      | R8  | 0x1                |
      | R9  | 0xFF               |
    Then RAX is TDX_SUCCESS
    And R8 is 0x0
    And RDX is 0x202000000000000B
    When the VMM calls TDH.VP.WR on the TD with:
      | RCX | TDVPR              |
      | RDX | 0x202000000000000B |
      | R8  | 0xFE               |
      | R9  | 0x2                |
    Then RAX is TDX_SUCCESS
    And R8 is 0x1
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR              |
      | RDX | 0x202000000000000B |
    Then R8 is 0x3
    When the VMM calls TDH.VP.WR on the TD with:
      | RCX | TDVPR              |
      | RDX | 0x202000000000000B |
      | R8  | 0x0                |
      | R9  | 0xFFFFFFFFFFFFFF01 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x3
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR              |
      | RDX | 0x202000000000000B |
    Then R8 is 0x2
    When the VMM calls TDH.VP.WR on the TD with:
      | RCX | TDVPR              |
      | RDX | 0x202000000000000B |
      | R8  | 0xFF               |
      | R9  | 0xFF00             |
    Then RAX is TDX_METADATA_FIELD_NOT_WRITABLE
    And R8 is 0x0
    When the VMM calls TDH.VP.WR on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xA020000200000002 |
      | R8  | 0x5                |
      | R9  | 0xFFFFFFFFFFFFFFFF |
    Then RAX is TDX_METADATA_FIELD_NOT_WRITABLE

  @leaf:TDH.VP.RD @rule:TDH.VP.RD-1 @rule:TDH.VP.RD-8
  Scenario: TDH.VP.RD version 1 that fails returns the null field id in RDX
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.VP.RD version 1 on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xA020000200000005 |
    Then RAX is TDX_METADATA_FIELD_ID_INCORRECT
    And RDX is 0xFFFFFFFFFFFFFFFF
    And R8 is 0x0

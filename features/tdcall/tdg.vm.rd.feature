@leaf:TDG.VM.RD @area:tdcall
Feature: TDG.VM.RD reads a TD-scope metadata field
  RCX = 0 (the TD itself), RDX = field ID (1.5: FIELD_CODE 23:0, ELEMENT_SIZE_CODE 33:32, LAST_ELEMENT 37:34,
  LAST_FIELD 46:38, INC_SIZE 50, WRITE_MASK_VALID 51, CONTEXT_CODE 54:52, CLASS_CODE 61:56, NON_ARCH 63; bits
  31:24, 49:47, 55 and 62 reserved). R8 returns the value ANDed with the guest read mask, 0 on error.
  Version 1 (module 1.5) also returns the next readable field ID in RDX. Field IDs and masks below are from
  intel/tdx-module 1.5 tdr_tdcs_fields_lookup.c: ATTRIBUTES 0x1110000300000000 (read mask all ones), XFAM
  0x1110000300000001, MAX_VCPUS 0x1110000200000002, GPAW 0x1110000000000003, NOTIFY_ENABLES 0x9110000300000010
  (read mask 1), HKID 0x8110000100000001 (read mask 0), TD_UUID 0x8010000300000020 (first guest-readable entry),
  RTMR 0x1310000300000040 (4 fields of 6 elements). Module 1.0 matches the whole 64-bit field code
  (TDCS ATTRIBUTES = 0x1100000000000000).
  Source: TDX module ABI spec, TDG.VM.RD and "Metadata Field Identifier"; intel/tdx-module tdg_vm_rd_wr.c,
  metadata_td.c; niooss-ledger/tdx-module fd485aae (1.0).

  Background:
    Given a TD guest
    And the TD is configured with:
      | ATTRIBUTES | 0x10000000 |
      | MAX_VCPUS  | 16         |

  Rule: R8 returns the element ANDed with the guest read mask; version 0 does not write RDX

    @rule:VM.RD-4 @module:1.5
    Scenario: ATTRIBUTES reads back as configured
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x1110000300000000 |
      Then RAX is TDX_SUCCESS
      And R8 is 0x10000000
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract

    @rule:VM.RD-4 @module:1.5
    Scenario: MAX_VCPUS reads back as configured
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x1110000200000002 |
      Then RAX is TDX_SUCCESS
      And R8 is 16

    @rule:VM.RD-4 @module:1.5
    Scenario Outline: <field> reads back the TD's configuration (<value>)
      Field IDs from intel/tdx-module tdx_1.5 td_scope_fields_lookup (GPAW is 1 for a 52-bit GPA width;
      CONFIG_FLAGS bit 0 GPAW, bit 1 FLEXIBLE_PENDING_VE, bit 2 NO_RBP_MOD, tdx_api_defs.h config_flags_t).
      Given the TD is configured with:
        | GPAW                | 52    |
        | NUM_VCPUS           | 3     |
        | XFAM                | 0x2E7 |
        | FLEXIBLE_PENDING_VE | true  |
        | NO_RBP_MOD          | true  |
      When the guest calls TDG.VM.RD with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_SUCCESS
      And R8 is <value>

      Examples:
        | field        | id                 | value |
        | XFAM         | 0x1110000300000001 | 0x2E7 |
        | GPAW         | 0x1110000000000003 | 1     |
        | NUM_VCPUS    | 0x9010000200000001 | 3     |
        | CONFIG_FLAGS | 0x1110000300000016 | 7     |

    @rule:VM.RD-4 @module:1.5
    Scenario Outline: <field> reads back what was written to it (<value>)
      Given the TD metadata field <id> holds <value>
      When the guest calls TDG.VM.RD with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_SUCCESS
      And R8 is <value>

      Examples:
        | field         | id                 | value  |
        | TSC_FREQUENCY | 0x111000010000000C | 0x64   |
        | TSC_FREQUENCY | 0x111000010000000C | 0x1234 |
        | TD_CTLS       | 0x1110000300000017 | 0x10   |
        | MAX_VCPUS     | 0x1110000200000002 | 0x21   |
        | TD_UUID[1]    | 0x8010000300000021 | 0x7A   |
        | RTMR1[2]      | 0x1310000300000048 | 0x99   |

    @rule:VM.RD-4 @module:1.5
    Scenario: NOTIFY_ENABLES is masked to its readable bit 0
      Given the TD metadata field 0x9110000300000010 holds 0xFF
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
      Then RAX is TDX_SUCCESS
      And R8 is 1

    @rule:VM.RD-3
    Scenario: with version 0, RDX keeps the field ID the guest passed
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x1110000300000000 |
      Then RDX is 0x1110000300000000

  Rule: in 1.5 the element size, INC_SIZE, WRITE_MASK_VALID and context code bits are ignored on input

    @rule:VM.RD-5 @module:1.5
    Scenario Outline: field ID <id> (<what>) reads ATTRIBUTES
      When the guest calls TDG.VM.RD with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_SUCCESS
      And R8 is 0x10000000

      Examples:
        | id                 | what                 |
        | 0x1110000300000000 | as listed            |
        | 0x1100000000000000 | the 1.0 field code   |
        | 0x1110000100000000 | element size code 1  |
        | 0x1114000300000000 | INC_SIZE set         |
        | 0x1118000300000000 | WRITE_MASK_VALID set |
        | 0x1120000300000000 | context code 2       |

  Rule: RCX must be 0, checked before the field ID; after any error R8 is 0

    @rule:VM.RD-1
    Scenario Outline: RCX = <rcx> is rejected with operand RCX
      When the guest calls TDG.VM.RD with:
        | RCX | <rcx> |
        | RDX | <rdx> |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And R8 is 0
      And RDX is unchanged
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | rcx                | rdx                |
        | 1                  | 0x1110000300000000 |
        | 0xFFFFFFFFFFFFFFFF | 0x1110000300000000 |
        | 1                  | 0x1110000301000000 |

  Rule: a malformed, unknown or unreadable field ID fails and R8 is 0

    @rule:VM.RD-2 @module:1.5
    Scenario Outline: a field ID with <what> returns TDX_METADATA_FIELD_ID_INCORRECT
      When the guest calls TDG.VM.RD with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_METADATA_FIELD_ID_INCORRECT
      And R8 is 0
      And RDX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | what                             | id                 |
        | reserved bit 24 set              | 0x1110000301000000 |
        | reserved bit 31 set              | 0x1110000380000000 |
        | LAST_ELEMENT_IN_FIELD non-zero   | 0x1110000700000000 |
        | LAST_FIELD_IN_SEQUENCE non-zero  | 0x1110004300000000 |
        | reserved bit 47 set              | 0x1110800300000000 |
        | reserved bit 55 set              | 0x1190000300000000 |
        | reserved bit 62 set              | 0x5110000300000000 |
        | an unknown field code            | 0x1110000300000FFF |
        | the null field ID with version 0 | 0xFFFFFFFFFFFFFFFF |

    @rule:VM.RD-2 @module:1.5
    Scenario: a host-only field (HKID) is not readable
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x8110000100000001 |
      Then RAX is TDX_METADATA_FIELD_NOT_READABLE
      And R8 is 0
      And the call complies with the leaf's contract

  Rule: version 1 returns the next readable field ID in RDX, and all ones after an error

    @rule:VM.RD-2 @module:1.5
    Scenario Outline: version 1 of <field> returns the next field ID <next>
      When the guest calls TDG.VM.RD version 1 with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_SUCCESS
      And R8 is <value>
      And RDX is <next>
      And every register except RAX, RDX and R8 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | field           | id                 | value      | next               |
        | ATTRIBUTES      | 0x1110000300000000 | 0x10000000 | 0x1110000300000001 |
        | MAX_VCPUS       | 0x1110000200000002 | 16         | 0x1110000000000003 |
        | RTMR0 element 0 | 0x1310000300000040 | 0          | 0x1310000300000041 |

    @rule:VM.RD-2 @module:1.5
    Scenario Outline: the null field ID (<id>) returns the first readable field, which then reads successfully
      When the guest calls TDG.VM.RD version 1 with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
      And RDX is 0x8010000300000020
      And R8 is 0
      And the call complies with the leaf's contract
      When the guest calls TDG.VM.RD version 1 with values from the previous call:
        | RCX | 0            |
        | RDX | previous RDX |
      Then RAX is TDX_SUCCESS

      Examples:
        | id                 |
        | 0xFFFFFFFFFFFFFFFF |
        | 0xFF8FFFFFFFFFFFFF |

    @rule:VM.RD-2 @module:1.5
    Scenario Outline: version 1 with <what> returns RDX all ones and R8 zero
      When the guest calls TDG.VM.RD version 1 with:
        | RCX | <rcx> |
        | RDX | <id>  |
      Then RAX is <status>
      And RDX is 0xFFFFFFFFFFFFFFFF
      And R8 is 0
      And the call complies with the leaf's contract

      Examples:
        | what                | rcx | id                 | status                          |
        | RCX = 1             | 1   | 0x1110000300000000 | TDX_OPERAND_INVALID             |
        | a reserved bit set  | 0   | 0x1110000301000000 | TDX_METADATA_FIELD_ID_INCORRECT |
        | an unreadable field | 0   | 0x8110000100000001 | TDX_METADATA_FIELD_NOT_READABLE |

  Rule: module 1.0 accepts only version 0 and compares the whole field code

    @rule:VM.RD-2
    Scenario: a 1.0 module rejects version 1 with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VM.RD version 1 with:
        | RCX | 0                  |
        | RDX | 0x1100000000000000 |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

    @rule:VM.RD-4
    Scenario: a 1.0 module reads ATTRIBUTES with the 1.0 field code
      Given the TDX module version is "1.0"
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x1100000000000000 |
      Then RAX is TDX_SUCCESS
      And R8 is 0x10000000
      And RDX is unchanged

    @rule:VM.RD-5
    Scenario Outline: a 1.0 module rejects <what> with operand RDX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VM.RD with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_OPERAND_INVALID with operand RDX
      And the call complies with the leaf's contract

      Examples:
        | what                                 | id                 |
        | an unknown field code                | 0x1100000000000FFF |
        | a 1.5-style ID with context and size | 0x1110000300000000 |

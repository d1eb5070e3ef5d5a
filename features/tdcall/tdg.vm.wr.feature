@leaf:TDG.VM.WR @area:tdcall
Feature: TDG.VM.WR writes the masked bits of a TD-scope metadata field and returns the old value
  RCX = 0, RDX = field ID, R8 = value, R9 = write mask. Only bits set in both R9 and the field's guest write mask
  change; R8 returns the previous value (masked by the read mask), 0 on error. Guest-writable fields in 1.5
  (intel/tdx-module tdr_tdcs_fields_lookup.c): NOTIFY_ENABLES 0x9110000300000010 (write mask 1, read mask 1;
  1.0 code 0x9100000000000010) and TD_CTLS 0x1110000300000017 (write mask 1: PENDING_VE_DISABLE).
  Source: TDX module ABI spec, TDG.VM.WR; intel/tdx-module tdg_vm_rd_wr.c, metadata_td.c;
  Linux tdx_early_init() (NOTIFY_ENABLES with R8 = 0, R9 = all ones); niooss-ledger/tdx-module fd485aae (1.0).

  Background:
    Given a TD guest

  Rule: only the bits set in R9 and in the guest write mask change; R8 returns the old value

    @rule:VM.WR-1 @module:1.5
    Scenario: setting NOTIFY_ENABLES bit 0 returns the old value and reads back
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9100000000000010 |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_SUCCESS
      And R8 is 0
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
      Then R8 is 1

    @rule:VM.WR-2 @module:1.5
    Scenario: a second write returns the value the first one wrote
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
        | R8  | 1                  |
        | R9  | 1                  |
      And the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
        | R8  | 0                  |
        | R9  | 1                  |
      Then RAX is TDX_SUCCESS
      And R8 is 1

    @rule:VM.WR-1 @module:1.5
    Scenario: bits outside R9 keep their value
      Given the TD metadata field 0x9110000300000010 holds 1
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
        | R8  | 0                  |
        | R9  | 0                  |
      Then RAX is TDX_METADATA_FIELD_NOT_WRITABLE
      And R8 is 0
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
      Then R8 is 1

  Rule: the Linux NOTIFY_ENABLES write works on both module versions

    @rule:VM.WR-5
    Scenario Outline: R8 = 0 with R9 = all ones on a <version> module succeeds
      Given the TDX module version is "<version>"
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9100000000000010 |
        | R8  | 0                  |
        | R9  | 0xFFFFFFFFFFFFFFFF |
      Then RAX is TDX_SUCCESS
      And every register except RAX and R8 is unchanged

      Examples:
        | version |
        | 1.0     |
        | 1.5     |

  Rule: a mask bit outside the guest write mask must match the current value in 1.5; 1.0 ignores it

    @rule:VM.WR-6 @module:1.5
    Scenario: in 1.5 a value that differs in a non-writable selected bit is rejected and nothing changes
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
        | R8  | 3                  |
        | R9  | 3                  |
      Then RAX is TDX_METADATA_FIELD_VALUE_NOT_VALID
      And R8 is 0
      And the call complies with the leaf's contract
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
      Then R8 is 0

    @rule:VM.WR-6 @module:1.5
    Scenario: in 1.5 a non-writable selected bit equal to its current value is accepted
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
        | R8  | 1                  |
        | R9  | 3                  |
      Then RAX is TDX_SUCCESS
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
      Then R8 is 1

    @rule:VM.WR-6
    Scenario: in 1.0 a non-writable selected bit is silently ignored
      Given the TDX module version is "1.0"
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9100000000000010 |
        | R8  | 3                  |
        | R9  | 3                  |
      Then RAX is TDX_SUCCESS
      And R8 is 0

  Rule: fields the guest may not write are refused and R8 is 0

    @rule:VM.WR-2 @module:1.5
    Scenario: ATTRIBUTES is not writable by the guest (1.5)
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x1110000300000000 |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_METADATA_FIELD_NOT_WRITABLE
      And R8 is 0
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract

    @rule:VM.WR-2
    Scenario: ATTRIBUTES is not writable by the guest (1.0)
      Given the TDX module version is "1.0"
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x1100000000000000 |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_FIELD_NOT_WRITABLE

    @rule:VM.WR-2 @module:1.5
    Scenario Outline: a field ID with <what> returns TDX_METADATA_FIELD_ID_INCORRECT
      When the guest calls TDG.VM.WR with:
        | RCX | 0    |
        | RDX | <id> |
        | R8  | 1    |
        | R9  | 1    |
      Then RAX is TDX_METADATA_FIELD_ID_INCORRECT
      And R8 is 0
      And RDX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | what                           | id                 |
        | reserved bit 24 set            | 0x9110000301000010 |
        | LAST_ELEMENT_IN_FIELD non-zero | 0x9110000700000010 |
        | an unknown field code          | 0x9110000300000FFF |
        | the null field ID              | 0xFFFFFFFFFFFFFFFF |

    @rule:VM.WR-2
    Scenario: a 1.0 module rejects an unknown field code with operand RDX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x9100000000000FFF |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_OPERAND_INVALID with operand RDX

    @rule:VM.WR-1 @module:1.5
    Scenario: TD_CTLS.PENDING_VE_DISABLE cannot change without FLEXIBLE_PENDING_VE
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x1110000300000017 |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_METADATA_FIELD_VALUE_NOT_VALID
      And R8 is 0

    @rule:VM.WR-1 @module:1.5
    Scenario: TD_CTLS.PENDING_VE_DISABLE can be set when the TD allows FLEXIBLE_PENDING_VE
      Given the TD is configured with:
        | FLEXIBLE_PENDING_VE | true |
      When the guest calls TDG.VM.WR with:
        | RCX | 0                  |
        | RDX | 0x1110000300000017 |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_SUCCESS
      And R8 is 0
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x1110000300000017 |
      Then R8 is 1

  Rule: RCX must be 0

    @rule:VM.WR-3
    Scenario Outline: RCX = <rcx> is rejected with operand RCX and nothing is written
      When the guest calls TDG.VM.WR with:
        | RCX | <rcx>              |
        | RDX | 0x9110000300000010 |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And R8 is 0
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract
      When the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x9110000300000010 |
      Then R8 is 0

      Examples:
        | rcx                |
        | 1                  |
        | 0x8000000000000000 |

  Rule: only version 0 exists, even on 1.5 where TDG.VM.RD has version 1

    @rule:VM.WR-4
    Scenario Outline: version 1 on a <version> module is rejected with operand RAX
      Given the TDX module version is "<version>"
      When the guest calls TDG.VM.WR version 1 with:
        | RCX | 0                  |
        | RDX | 0x9100000000000010 |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

      Examples:
        | version |
        | 1.0     |
        | 1.5     |

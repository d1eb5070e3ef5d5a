@leaf:TDG.VP.WR @area:tdcall
Feature: TDG.VP.WR writes the masked bits of a VCPU-scope metadata field
  RCX must be 0, RDX = field ID, R8 = value, R9 = write mask. R8 is set to 0 at the start and returns the old
  value on success; RDX is never written. A null field ID is not special for writes. New in 1.5.
  Source: TDX module ABI spec, TDG.VP.WR; intel/tdx-module tdg_vp_rd_wr.c, metadata_vp.c.

  Background:
    Given a TD guest

  Rule: RCX must be 0, checked before the field ID; RDX is not written

    @rule:VP.WR-3
    Scenario Outline: RCX = <rcx> is rejected with operand RCX
      When the guest calls TDG.VP.WR with:
        | RCX | <rcx>              |
        | RDX | 0xFFFFFFFFFFFFFFFF |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And R8 is 0
      And RDX is unchanged
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | rcx                |
        | 1                  |
        | 0xFFFFFFFFFFFFFFFF |

  Rule: after any error R8 is 0 and the field is unchanged

    @rule:VP.WR-2
    Scenario Outline: a field ID with <what> returns TDX_METADATA_FIELD_ID_INCORRECT
      When the guest calls TDG.VP.WR with:
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
        | the null field ID              | 0xFFFFFFFFFFFFFFFF |
        | reserved bit 24 set            | 0x2020000201000000 |
        | LAST_ELEMENT_IN_FIELD non-zero | 0x2020000600000000 |

    @rule:VP.WR-1
    Scenario: the first readable VCPU field, written with an empty mask, is not writable and stays as it was
      When the guest calls TDG.VP.RD with:
        | RCX | 0                  |
        | RDX | 0xFFFFFFFFFFFFFFFF |
      And the guest calls TDG.VP.WR with values from the previous call:
        | RCX | 0            |
        | RDX | previous RDX |
        | R8  | 1            |
        | R9  | 0            |
      Then RAX is TDX_METADATA_FIELD_NOT_WRITABLE
      And R8 is 0
      And every register except RAX and R8 is unchanged

  Rule: the leaf is new in 1.5

    @rule:VP.WR-3
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VP.WR with:
        | RCX | 0 |
        | RDX | 0 |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

@leaf:TDG.VP.RD @area:tdcall
Feature: TDG.VP.RD reads a VCPU-scope metadata field of the calling VCPU
  RCX must be 0, RDX is the field ID (same layout as TDG.VM.RD, VP context implied). At the start RDX is set to
  all ones and R8 to 0; on success R8 = value AND guest read mask and RDX = the next readable element's ID.
  The null field ID (all ones, context code ignored) returns the first readable VCPU field ID. New in 1.5.
  Source: TDX module ABI spec, TDG.VP.RD; intel/tdx-module tdg_vp_rd_wr.c, metadata_vp.c, metadata_generic.c.

  Background:
    Given a TD guest

  Rule: the null field ID returns the first readable field, and each read returns the next one

    @rule:VP.RD-4
    Scenario Outline: the null field ID (<id>) returns TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
      When the guest calls TDG.VP.RD with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
      And RDX is not 0xFFFFFFFFFFFFFFFF
      And R8 is 0
      And every register except RAX, RDX and R8 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | id                 |
        | 0xFFFFFFFFFFFFFFFF |
        | 0xFF8FFFFFFFFFFFFF |

    @rule:VP.RD-2
    Scenario: the first readable field reads successfully and names the next one
      When the guest calls TDG.VP.RD with:
        | RCX | 0                  |
        | RDX | 0xFFFFFFFFFFFFFFFF |
      And the guest calls TDG.VP.RD with values from the previous call:
        | RCX | 0            |
        | RDX | previous RDX |
      Then RAX is TDX_SUCCESS
      And RDX is not 0xFFFFFFFFFFFFFFFF
      And every register except RAX, RDX and R8 is unchanged
      And the call complies with the leaf's contract
      When the guest calls TDG.VP.RD with values from the previous call:
        | RCX | 0            |
        | RDX | previous RDX |
      Then RAX is TDX_SUCCESS

  Rule: RCX must be 0, checked before the field ID; after any error RDX is all ones and R8 is 0

    @rule:VP.RD-3
    Scenario Outline: RCX = <rcx> is rejected with operand RCX
      When the guest calls TDG.VP.RD with:
        | RCX | <rcx> |
        | RDX | <rdx> |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And RDX is 0xFFFFFFFFFFFFFFFF
      And R8 is 0
      And every register except RAX, RDX and R8 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | rcx                | rdx                |
        | 1                  | 0xFFFFFFFFFFFFFFFF |
        | 0x8000000000000000 | 0x0000000101000000 |

    @rule:VP.RD-1
    Scenario Outline: a field ID with <what> returns TDX_METADATA_FIELD_ID_INCORRECT
      When the guest calls TDG.VP.RD with:
        | RCX | 0    |
        | RDX | <id> |
      Then RAX is TDX_METADATA_FIELD_ID_INCORRECT
      And RDX is 0xFFFFFFFFFFFFFFFF
      And R8 is 0
      And the call complies with the leaf's contract

      Examples:
        | what                            | id                 |
        | reserved bit 24 set             | 0x2020000201000000 |
        | LAST_ELEMENT_IN_FIELD non-zero  | 0x2020000600000000 |
        | LAST_FIELD_IN_SEQUENCE non-zero | 0x2020004200000000 |
        | reserved bit 62 set             | 0x6020000200000000 |

  Rule: the leaf is new in 1.5

    @rule:VP.RD-1
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VP.RD with:
        | RCX | 0                  |
        | RDX | 0xFFFFFFFFFFFFFFFF |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

@leaf:TDG.SERVTD.RD @area:tdcall
Feature: TDG.SERVTD.RD reads a metadata field of the target TD a service TD is bound to
  RCX = binding handle: the module subtracts the caller's TD_UUID[63:0] and takes the binding slot from bits 11:0
  of the result, which must be below MAX_SERV_TDS (1 in 1.5); the slot is checked before anything else.
  R10..R13 = target TD_UUID, RDX = field ID. R8 is set to 0 and RDX to all ones at the start.
  The caller's TD_UUID[63:0] is the TDG.VM.RD field 0x8010000300000020 (guest-readable, tdr_tdcs_fields_lookup.c).
  New in 1.5.
  Source: TDX module ABI spec, TDG.SERVTD.RD; intel/tdx-module tdg_servtd_rd_wr.c, service_td.h
  (break_servtd_binding_handle), migration.h (MAX_SERV_TDS = 1).

  Background:
    Given a TD guest
    And the guest calls TDG.VM.RD with:
      | RCX | 0                  |
      | RDX | 0x8010000300000020 |

  Rule: a binding slot at or above MAX_SERV_TDS is rejected with operand RCX before the field ID is looked at

    @rule:SERVTD.RD-1
    Scenario Outline: a handle for binding slot <slot> is rejected with operand RCX
      When the guest calls TDG.SERVTD.RD with values from the previous call:
        | RCX | previous R8 + <slot> |
        | RDX | 0xFFFFFFFFFFFFFFFF   |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And RDX is 0xFFFFFFFFFFFFFFFF
      And R8 is 0
      And every register except RAX, RDX and R8 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | slot  |
        | 1     |
        | 0xFFF |

    @rule:SERVTD.RD-3
    Scenario: R8 is 0 after the error even with a valid field ID
      When the guest calls TDG.SERVTD.RD with values from the previous call:
        | RCX | previous R8 + 1    |
        | RDX | 0x1110000300000000 |
        | R8  | 0x1234             |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And R8 is 0

    @rule:SERVTD.RD-4
    Scenario: RDX is all ones after the error
      When the guest calls TDG.SERVTD.RD with values from the previous call:
        | RCX | previous R8 + 2    |
        | RDX | 0x1110000300000000 |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And RDX is 0xFFFFFFFFFFFFFFFF

  Rule: the leaf is new in 1.5

    @rule:SERVTD.RD-1
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.SERVTD.RD with:
        | RCX | 1                  |
        | RDX | 0x1110000300000000 |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

@leaf:TDG.SERVTD.WR @area:tdcall
Feature: TDG.SERVTD.WR writes a metadata field of the target TD a service TD is bound to
  RCX = binding handle (binding slot = bits 11:0 of the handle minus the caller's TD_UUID[63:0], below
  MAX_SERV_TDS = 1), RDX = field ID, R8 = value, R9 = mask, R10..R13 = target TD_UUID. R8 is set to 0 at the
  start; RDX is never written. The caller's TD_UUID[63:0] is the TDG.VM.RD field 0x8010000300000020.
  New in 1.5.
  Source: TDX module ABI spec, TDG.SERVTD.WR; intel/tdx-module tdg_servtd_rd_wr.c, service_td.h.

  Background:
    Given a TD guest
    And the guest calls TDG.VM.RD with:
      | RCX | 0                  |
      | RDX | 0x8010000300000020 |

  Rule: a binding slot at or above MAX_SERV_TDS is rejected with operand RCX before the field ID is looked at

    @rule:SERVTD.WR-1
    Scenario Outline: a handle for binding slot <slot> is rejected with operand RCX
      When the guest calls TDG.SERVTD.WR with values from the previous call:
        | RCX | previous R8 + <slot> |
        | RDX | 0xFFFFFFFFFFFFFFFF   |
        | R8  | 1                    |
        | R9  | 1                    |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And R8 is 0
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | slot  |
        | 1     |
        | 0xFFF |

  Rule: RDX is not written and R8 is 0 after an error

    @rule:SERVTD.WR-4
    Scenario: RDX keeps the field ID the caller passed
      When the guest calls TDG.SERVTD.WR with values from the previous call:
        | RCX | previous R8 + 1    |
        | RDX | 0x9110000300000010 |
        | R8  | 1                  |
        | R9  | 1                  |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And RDX is unchanged

    @rule:SERVTD.WR-3
    Scenario: R8 is 0 after the error
      When the guest calls TDG.SERVTD.WR with values from the previous call:
        | RCX | previous R8 + 1    |
        | RDX | 0x9110000300000010 |
        | R8  | 0x5555             |
        | R9  | 1                  |
      Then R8 is 0

  Rule: the leaf is new in 1.5

    @rule:SERVTD.WR-1
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.SERVTD.WR with:
        | RCX | 1                  |
        | RDX | 0x9110000300000010 |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

@leaf:TDG.VP.ENTER @area:tdcall
Feature: TDG.VP.ENTER enters an L2 VM from the L1 VMM of a partitioned TD
  RCX: INVEPT type 1:0, reserved 51:2, VM 53:52 (1..NUM_L2_VMS), reserved 63:54. RDX: private GPA of the L2 guest
  state list, 256-byte aligned, checked first. In a TD without L2 VMs every call fails with TDX_OPERAND_INVALID
  and only RAX is written. New in 1.5.
  Source: TDX module ABI spec, TDG.VP.ENTER; intel/tdx-module tdg_vp_enter.c.

  Background:
    Given a TD guest

  Rule: the guest state GPA is checked first

    @rule:VP.ENTER-1
    Scenario Outline: a guest state GPA <what> is rejected with operand RDX, whatever RCX holds
      When the guest calls TDG.VP.ENTER with:
        | RCX | <rcx> |
        | RDX | <rdx> |
      Then RAX is TDX_OPERAND_INVALID with operand RDX
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | what                    | rcx                | rdx                |
        | only 128-byte aligned   | 0x0010000000000000 | 0x100080           |
        | not aligned, RCX bad    | 0xFFFFFFFFFFFFFFFF | 0x100001           |
        | with the SHARED bit set | 0x0010000000000000 | 0x0000800000100000 |
        | above the GPA width     | 0x0010000000000000 | 0x0001000000100000 |

  Rule: in a TD without L2 VMs every VM index is invalid

    @rule:VP.ENTER-3
    Scenario Outline: VM <vm> (RCX = <rcx>) is rejected with operand RCX
      When the guest calls TDG.VP.ENTER with:
        | RCX | <rcx>    |
        | RDX | 0x100000 |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | vm | rcx                |
        | 0  | 0x0000000000000000 |
        | 1  | 0x0010000000000000 |
        | 3  | 0x0030000000000003 |
        | 1  | 0x0010000000000004 |

  Rule: errors write no output register

    @rule:VP.ENTER-4
    Scenario: a rejected entry leaves RBX..R15 as they were
      When the guest calls TDG.VP.ENTER with:
        | RCX | 0x0010000000000000 |
        | RDX | 0x100000           |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And no other register changed

  Rule: the leaf is new in 1.5

    @rule:VP.ENTER-3
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VP.ENTER with:
        | RCX | 0x0010000000000000 |
        | RDX | 0x100000           |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

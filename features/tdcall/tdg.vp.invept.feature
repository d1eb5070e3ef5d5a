@leaf:TDG.VP.INVEPT @area:tdcall
Feature: TDG.VP.INVEPT flushes the EPT caches of selected L2 VMs
  RCX: bit 0 (the L1 VM) reserved, bits 1..3 select L2 VMs 1..3, bits 63:4 reserved. Every bit above NUM_L2_VMS
  must be 0, so a TD without L2 VMs accepts only RCX = 0. Only RAX is written. New in 1.5.
  Source: TDX module ABI spec, TDG.VP.INVEPT; intel/tdx-module tdg_vp_invept.c.

  Background:
    Given a TD guest

  Rule: RCX = 0 is valid and does nothing

    @rule:INVEPT-2
    Scenario: an empty VM mask succeeds and changes no register but RAX
      When the guest calls TDG.VP.INVEPT with:
        | RCX | 0 |
      Then RAX is TDX_SUCCESS
      And RAX is 0
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

  Rule: bit 0 and bits above NUM_L2_VMS are rejected with operand RCX

    @rule:INVEPT-1
    Scenario Outline: RCX = <rcx> (<what>) is rejected with operand RCX
      When the guest calls TDG.VP.INVEPT with:
        | RCX | <rcx> |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And no other register changed
      And the call complies with the leaf's contract

      Examples:
        | rcx                | what                     |
        | 0x1                | the L1 VM bit            |
        | 0x2                | L2 VM 1, which is absent |
        | 0x8                | L2 VM 3, which is absent |
        | 0x10               | reserved bit 4           |
        | 0x8000000000000000 | reserved bit 63          |

  Rule: only RAX is written

    @rule:INVEPT-3
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VP.INVEPT with:
        | RCX | 0 |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

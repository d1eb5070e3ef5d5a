@leaf:TDG.VP.INVVPID @area:tdcall
Feature: TDG.VP.INVVPID invalidates L2 TLB entries by guest linear address
  RCX: LIST bit 0, reserved 51:1, VM 53:52 (1..NUM_L2_VMS), reserved 63:54. RDX: one GLA range entry (LIST = 0)
  or the GLA list page info (LIST = 1). A TD without L2 VMs rejects every call with operand RCX. New in 1.5.
  Source: TDX module ABI spec, TDG.VP.INVVPID; intel/tdx-module tdg_vp_invvpid.c.

  Background:
    Given a TD guest

  Rule: in a TD without L2 VMs every call fails with operand RCX

    @rule:INVVPID-3
    Scenario Outline: <what> is rejected with operand RCX
      When the guest calls TDG.VP.INVVPID with:
        | RCX | <rcx> |
        | RDX | <rdx> |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And no other register changed
      And the call complies with the leaf's contract

      Examples:
        | what                        | rcx                | rdx                |
        | one range for VM 1          | 0x0010000000000000 | 0xFFFF800000000000 |
        | a list page for VM 1        | 0x0010000000000001 | 0x0000000000101000 |
        | VM 0                        | 0x0000000000000000 | 0x0000000000000000 |
        | VM 3 with reserved bit 1    | 0x0030000000000002 | 0x0000000000000000 |
        | a reserved bit above the VM | 0x0050000000000000 | 0x0000000000000000 |

  Rule: the leaf is new in 1.5

    @rule:INVVPID-3
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VP.INVVPID with:
        | RCX | 0x0010000000000000 |
        | RDX | 0                  |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

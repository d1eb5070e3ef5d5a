@leaf:TDG.VP.VMCALL @area:tdvmcall @ghci
Feature: TDG.VP.VMCALL passes only the registers its RCX bitmap selects
  RCX bits 15:0 select GPRs (bit n = GPR n), bits 31:16 select XMM0..XMM15, bits 63:32 are reserved.
  RAX, RCX and RSP can never be passed; RBP cannot be passed when the TD runs with NO_RBP_MOD.
  The module's status comes back in RAX; the host's status in R10.
  Source: TDX module ABI spec, TDG.VP.VMCALL; GHCI spec, TDG.VP.VMCALL interface.

  Background:
    Given a TD guest

  Rule: forbidden and reserved bitmap bits are rejected before the host sees anything

    @rule:VP.VMCALL-1
    Scenario Outline: selecting <register> is rejected with operand RCX
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap <register> R10 R11 R12 R13 |
        | R10 | 0                                 |
        | R11 | 0x10001                           |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And the host was not called
      And no other register changed

      Examples:
        | register |
        | RAX      |
        | RCX      |
        | RSP      |

    @rule:VP.VMCALL-1
    Scenario Outline: a reserved bitmap bit <bit> is rejected with operand RCX
      When the guest calls TDG.VP.VMCALL with:
        | RCX | <bitmap> |
        | R10 | 0        |
        | R11 | 0x10001  |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And the host was not called
      And no other register changed

      Examples:
        | bit | bitmap             |
        | 32  | 0x000000010000FC00 |
        | 47  | 0x000080000000FC00 |
        | 63  | 0x800000000000FC00 |

    @rule:VP.VMCALL-6 @module:1.5
    Scenario: RBP cannot be selected when the TD runs with NO_RBP_MOD
      Given the TD runs with NO_RBP_MOD
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap RBP R10 R11 R12 R13 |
        | R10 | 0                          |
        | R11 | 0x10001                    |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And the host was not called
      And no other register changed

    @rule:VP.VMCALL-6 @rule:VP.VMCALL-2
    Scenario: RBP can be selected when the TD does not run with NO_RBP_MOD
      Given the host answers MapGPA with TDG.VP.VMCALL_SUCCESS
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap RBP R10 R11 R12 R13 |
        | R10 | 0                          |
        | R11 | 0x10001                    |
        | R12 | 0x0000800000100000         |
        | R13 | 0x1000                     |
      Then RAX is TDX_SUCCESS
      And the host was called
      And the host saw the guest's RBP

  Rule: the host sees only the selected registers

    @rule:VP.VMCALL-2
    Scenario: unselected GPRs and XMMs read as zero to the host
      Given the host answers MapGPA with TDG.VP.VMCALL_SUCCESS
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap R10 R11 R12 R13 XMM3 |
        | R10 | 0                           |
        | R11 | 0x10001                     |
        | R12 | 0x0000800000100000          |
        | R13 | 0x1000                      |
      Then the host saw only the registers the bitmap selects
      And the host saw R12 = 0x0000800000100000
      And the host saw RCX = the bitmap

  Rule: every unselected register is restored, whatever the host writes

    @rule:VP.VMCALL-3 @rule:VP.VMCALL-4
    Scenario: a hostile host cannot change unselected registers
      Given the host writes 0xBAD0BAD0BAD0BAD0 into every register on every exit
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R10 | 0                      |
        | R11 | 0x10001                |
        | R12 | 0x0000800000100000     |
        | R13 | 0x1000                 |
      Then RAX is TDX_SUCCESS
      And every register outside the bitmap is unchanged
      And RCX is unchanged

    @rule:VP.VMCALL-3
    Scenario: selected registers carry what the host wrote
      Given the host answers MapGPA with TDG.VP.VMCALL_RETRY and:
        | R11 | 0x0000800000101000 |
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R10 | 0                      |
        | R11 | 0x10001                |
        | R12 | 0x0000800000100000     |
        | R13 | 0x2000                 |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_RETRY
      And R11 is 0x0000800000101000
      And every register outside the bitmap is unchanged

  Rule: XMM registers are passed by bitmap like GPRs

    @rule:VP.VMCALL-3
    Scenario: a selected XMM carries what the host wrote, an unselected one is restored
      Given the host writes 0x1234 into XMM3 on every exit
      And the host writes 0x5678 into XMM4 on every exit
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap R10 R11 R12 R13 XMM3 |
        | R10 | 0                           |
        | R11 | 0x10001                     |
        | R12 | 0x0000800000100000          |
        | R13 | 0x1000                      |
      Then RAX is TDX_SUCCESS
      And XMM3 is 0x1234
      And XMM4 is unchanged
      And every register outside the bitmap is unchanged

    @rule:VP.VMCALL-2
    Scenario: the host sees a selected XMM and not an unselected one
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap R10 R11 R12 R13 XMM7 |
        | R10 | 0                           |
        | R11 | 0x10001                     |
        | R12 | 0x0000800000100000          |
        | R13 | 0x1000                      |
      Then the host saw XMM7 = 0x5EED000000001007
      And the host saw only the registers the bitmap selects

  Rule: the module's status is in RAX, the host's in R10

    @rule:VP.VMCALL-4
    Scenario: an unknown sub-function reaches the host, which answers SUBFUNC_UNSUPPORTED
      When the guest calls TDG.VP.VMCALL with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R10 | 0                      |
        | R11 | 0x1FFFF                |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_SUBFUNC_UNSUPPORTED
      And the host was called

@leaf:TDG.VP.CPUIDVE.SET @area:tdcall
Feature: TDG.VP.CPUIDVE.SET chooses whether CPUID raises #VE unconditionally
  RCX bit 0: CPUID in supervisor mode raises #VE; bit 1: CPUID in user mode raises #VE; bits 63:2 reserved (zero).
  Only RAX is written.
  Source: TDX module ABI spec, TDG.VP.CPUIDVE.SET; intel/tdx-module tdg_vp_cpuidve_set.c (same handler in 1.0).

  Background:
    Given a TD guest

  Rule: the four combinations of the two control bits are accepted, and only RAX is written

    @rule:CPUIDVE.SET-3
    Scenario Outline: RCX = <rcx> on a <version> module is accepted
      Given the TDX module version is "<version>"
      When the guest calls TDG.VP.CPUIDVE.SET with:
        | RCX | <rcx> |
      Then RAX is TDX_SUCCESS
      And RAX is 0
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | rcx | version |
        | 0   | 1.5     |
        | 1   | 1.5     |
        | 2   | 1.5     |
        | 3   | 1.5     |
        | 3   | 1.0     |

  Rule: reserved bits 63:2 are rejected with operand RCX

    @rule:CPUIDVE.SET-2
    Scenario Outline: reserved bit <bit> is rejected with operand RCX
      When the guest calls TDG.VP.CPUIDVE.SET with:
        | RCX | <rcx> |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And no other register changed
      And the call complies with the leaf's contract

      Examples:
        | bit | rcx                |
        | 2   | 0x4                |
        | 31  | 0x80000001         |
        | 32  | 0x100000003        |
        | 63  | 0x8000000000000000 |

    @rule:CPUIDVE.SET-2
    Scenario: a rejected call does not stop a later valid one
      When the guest calls TDG.VP.CPUIDVE.SET with:
        | RCX | 0x7 |
      And the guest calls TDG.VP.CPUIDVE.SET with:
        | RCX | 0x3 |
      Then RAX is TDX_SUCCESS

@leaf:TDG.VP.VMCALL<Instruction.CPUID> @area:tdvmcall @ghci
Feature: TDG.VP.VMCALL<Instruction.CPUID> asks the host for a CPUID leaf
  R12 is the leaf (EAX), R13 the sub-leaf (ECX); the host returns EAX..EDX in R12..R15.
  Source: GHCI spec, TDG.VP.VMCALL<Instruction.CPUID>; Linux arch/x86/coco/tdx/tdx.c handle_cpuid().

  Background:
    Given a TD guest
    And the host's CPUID leaf 0x40000000 subleaf 0 returns:
      | eax | 0x40000001 |
      | ebx | 0x4B4D564B |
      | ecx | 0x564B4D56 |
      | edx | 0x4D       |

  @rule:CPUID-2
  Scenario: the host's CPUID values come back in R12..R15
    When the guest calls TDG.VP.VMCALL<Instruction.CPUID> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 0x40000000                     |
      | R13 | 0                              |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUCCESS
    And R12 is 0x40000001
    And R13 is 0x4B4D564B
    And R14 is 0x564B4D56
    And R15 is 0x4D
    And every register outside the bitmap is unchanged
    And the call complies with the leaf's contract

  @rule:CPUID-1
  Scenario: the host sees the leaf and sub-leaf the guest asked for
    When the guest calls TDG.VP.VMCALL<Instruction.CPUID> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 0x40000000                     |
      | R13 | 0                              |
    Then the host saw R11 = 10
    And the host saw R12 = 0x40000000
    And the host saw only the registers the bitmap selects

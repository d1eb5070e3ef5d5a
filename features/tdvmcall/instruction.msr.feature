@area:tdvmcall @ghci
Feature: TDG.VP.VMCALL<Instruction.RDMSR> and <Instruction.WRMSR> access MSRs through the host
  RDMSR: R12 is the MSR index, the value comes back in R11. WRMSR: R12 index, R13 value.
  Source: GHCI spec, TDG.VP.VMCALL<Instruction.RDMSR>/<Instruction.WRMSR>; Linux arch/x86/coco/tdx/tdx.c.

  Background:
    Given a TD guest
    And the host's MSR 0x4B564D02 holds 0x1122334455667788

  @leaf:TDG.VP.VMCALL<Instruction.RDMSR> @rule:RDMSR-1
  Scenario: RDMSR returns the value in R11
    When the guest calls TDG.VP.VMCALL<Instruction.RDMSR> with:
      | RCX | bitmap R10 R11 R12 |
      | R12 | 0x4B564D02         |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUCCESS
    And R11 is 0x1122334455667788
    And every register outside the bitmap is unchanged

  @leaf:TDG.VP.VMCALL<Instruction.RDMSR> @rule:RDMSR-2
  Scenario: an MSR the host does not know is refused
    When the guest calls TDG.VP.VMCALL<Instruction.RDMSR> with:
      | RCX | bitmap R10 R11 R12 |
      | R12 | 0xDEAD             |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_INVALID_OPERAND

  @leaf:TDG.VP.VMCALL<Instruction.WRMSR> @rule:WRMSR-1
  Scenario: WRMSR then RDMSR reads back the value
    When the guest calls TDG.VP.VMCALL<Instruction.WRMSR> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | 0x4B564D02             |
      | R13 | 0xCAFEF00D             |
    And the guest calls TDG.VP.VMCALL<Instruction.RDMSR> with:
      | RCX | bitmap R10 R11 R12 |
      | R12 | 0x4B564D02         |
    Then R10 is TDG.VP.VMCALL_SUCCESS
    And R11 is 0xCAFEF00D

@leaf:TDG.VP.VMCALL<VE.RequestMMIO> @area:tdvmcall @ghci
Feature: TDG.VP.VMCALL<#VE.RequestMMIO> emulates an MMIO access in the host
  R12 size (1, 2, 4, 8), R13 direction (0 read, 1 write), R14 the shared GPA, R15 the value to write;
  a read returns the value in R11.
  Source: GHCI spec, TDG.VP.VMCALL<#VE.RequestMMIO>; Linux arch/x86/coco/tdx/tdx.c handle_mmio().

  Background:
    Given a TD guest
    And the host's MMIO at 0x0000800000F00000 holds 0xFEEDC0DE of size 4

  @rule:MMIO-4
  Scenario: a 4-byte MMIO read
    When the guest calls TDG.VP.VMCALL<#VE.RequestMMIO> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 4                              |
      | R13 | 0                              |
      | R14 | 0x0000800000F00000             |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUCCESS
    And R11 is 0xFEEDC0DE
    And every register outside the bitmap is unchanged

  @rule:MMIO-2
  Scenario: size 3 is refused
    When the guest calls TDG.VP.VMCALL<#VE.RequestMMIO> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 3                              |
      | R13 | 0                              |
      | R14 | 0x0000800000F00000             |
    Then R10 is TDG.VP.VMCALL_INVALID_OPERAND

  @rule:MMIO-3
  Scenario: a private GPA is refused
    When the guest calls TDG.VP.VMCALL<#VE.RequestMMIO> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 4                              |
      | R13 | 0                              |
      | R14 | 0x0000000000F00000             |
    Then R10 is TDG.VP.VMCALL_INVALID_OPERAND

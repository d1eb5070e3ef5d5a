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

  @rule:MMIO-4
  Scenario Outline: a <size>-byte MMIO read returns the low <size> bytes of the register in R11
    Given the host's MMIO at 0x0000800000F00100 holds 0x1122334455667788 of size 8
    When the guest calls TDG.VP.VMCALL<#VE.RequestMMIO> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | <size>                         |
      | R13 | 0                              |
      | R14 | 0x0000800000F00100             |
    Then R10 is TDG.VP.VMCALL_SUCCESS
    And R11 is <value>

    Examples:
      | size | value              |
      | 1    | 0x88               |
      | 2    | 0x7788             |
      | 4    | 0x55667788         |
      | 8    | 0x1122334455667788 |

  @rule:MMIO-4
  Scenario Outline: a <size>-byte MMIO write keeps the low <size> bytes of R15, which a read then returns
    When the guest calls TDG.VP.VMCALL<#VE.RequestMMIO> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | <size>                         |
      | R13 | 1                              |
      | R14 | 0x0000800000F00000             |
      | R15 | 0xA1A2A3A4A5A6A7A8             |
    Then R10 is TDG.VP.VMCALL_SUCCESS
    When the guest calls TDG.VP.VMCALL<#VE.RequestMMIO> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 8                              |
      | R13 | 0                              |
      | R14 | 0x0000800000F00000             |
    Then R10 is TDG.VP.VMCALL_SUCCESS
    And R11 is <value>

    Examples:
      | size | value              |
      | 1    | 0xA8               |
      | 2    | 0xA7A8             |
      | 4    | 0xA5A6A7A8         |
      | 8    | 0xA1A2A3A4A5A6A7A8 |

  @rule:MMIO-2
  Scenario Outline: size <size> or direction <dir> is refused
    When the guest calls TDG.VP.VMCALL<#VE.RequestMMIO> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | <size>                         |
      | R13 | <dir>                          |
      | R14 | 0x0000800000F00000             |
    Then R10 is TDG.VP.VMCALL_INVALID_OPERAND

    Examples:
      | size | dir |
      | 0    | 0   |
      | 16   | 0   |
      | 4    | 2   |
      | 2    | 0xFFFFFFFFFFFFFFFF |

  @rule:MMIO-3
  Scenario: an access that runs past the top of the shared GPA range is refused
    When the guest calls TDG.VP.VMCALL<#VE.RequestMMIO> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 8                              |
      | R13 | 0                              |
      | R14 | 0x0000FFFFFFFFFFFC             |
    Then R10 is TDG.VP.VMCALL_INVALID_OPERAND

@leaf:TDG.VP.VMCALL<Instruction.IO> @area:tdvmcall @ghci
Feature: TDG.VP.VMCALL<Instruction.IO> performs port I/O through the host
  R12 is the size (1, 2 or 4), R13 the direction (0 in, 1 out), R14 the port, R15 the value to write.
  An IN result comes back in R11; the guest keeps only the low R12 bytes.
  Source: GHCI spec, TDG.VP.VMCALL<Instruction.IO>; Linux arch/x86/coco/tdx/tdx.c handle_in()/handle_out().

  Background:
    Given a TD guest
    And the host's port 0x70 holds 0x12 of size 1

  Rule: IN returns the device's value in R11

    @rule:IO-4
    Scenario: a one-byte IN
      When the guest calls TDG.VP.VMCALL<Instruction.IO> with:
        | RCX | bitmap R10 R11 R12 R13 R14 R15 |
        | R12 | 1                              |
        | R13 | 0                              |
        | R14 | 0x70                           |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_SUCCESS
      And R11 is 0x12
      And every register outside the bitmap is unchanged

    @rule:IO-3
    Scenario: OUT then IN reads back the value written
      When the guest calls TDG.VP.VMCALL<Instruction.IO> with:
        | RCX | bitmap R10 R11 R12 R13 R14 R15 |
        | R12 | 1                              |
        | R13 | 1                              |
        | R14 | 0x70                           |
        | R15 | 0x5A                           |
      And the guest calls TDG.VP.VMCALL<Instruction.IO> with:
        | RCX | bitmap R10 R11 R12 R13 R14 R15 |
        | R12 | 1                              |
        | R13 | 0                              |
        | R14 | 0x70                           |
      Then R10 is TDG.VP.VMCALL_SUCCESS
      And R11 is 0x5A

  Rule: only sizes 1, 2, 4 and directions 0, 1 are valid

    @rule:IO-1
    Scenario Outline: size <size> is refused
      When the guest calls TDG.VP.VMCALL<Instruction.IO> with:
        | RCX | bitmap R10 R11 R12 R13 R14 R15 |
        | R12 | <size>                         |
        | R13 | 0                              |
        | R14 | 0x70                           |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_INVALID_OPERAND

      Examples:
        | size |
        | 0    |
        | 3    |
        | 8    |

    @rule:IO-2
    Scenario: direction 2 is refused
      When the guest calls TDG.VP.VMCALL<Instruction.IO> with:
        | RCX | bitmap R10 R11 R12 R13 R14 R15 |
        | R12 | 1                              |
        | R13 | 2                              |
        | R14 | 0x70                           |
      Then R10 is TDG.VP.VMCALL_INVALID_OPERAND

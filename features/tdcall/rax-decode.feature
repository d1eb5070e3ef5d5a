@area:tdcall @dispatcher
Feature: The TDX module decodes RAX once before any leaf runs
  RAX[15:0] is the leaf number, RAX[23:16] the leaf version, RAX[63:24] reserved.
  An unknown leaf, an unsupported version or a reserved bit gives TDX_OPERAND_INVALID with operand id RAX
  (bits 31:0 = 0), and no other register changes.
  Source: intel/tdx-module tdx_1.5 src/td_dispatcher/tdx_td_dispatcher.c (tdx_leaf_and_version_t check);
  TDX module ABI spec, TDCALL instruction: leaf and version in RAX.

  Background:
    Given a TD guest

  @rule:DISPATCH-UNKNOWN-LEAF
  Scenario Outline: leaf <leaf> does not exist
    When the guest issues TDCALL with RAX = <leaf>
    Then RAX is TDX_OPERAND_INVALID with operand RAX
    And no other register changed

    Examples:
      | leaf   |
      | 13     |
      | 17     |
      | 19     |
      | 21     |
      | 28     |
      | 0xFFFF |

  @rule:DISPATCH-RESERVED-RAX
  Scenario Outline: reserved bit <bit> of RAX is rejected even for TDG.VP.INFO
    When the guest issues TDCALL with RAX = <rax>
    Then RAX is TDX_OPERAND_INVALID with operand RAX
    And no other register changed

    Examples:
      | bit | rax                |
      | 24  | 0x0000000001000001 |
      | 40  | 0x0000010000000001 |
      | 63  | 0x8000000000000001 |

  @rule:DISPATCH-VERSION
  Scenario: TDG.VP.INFO has no version 1
    When the guest issues TDCALL with RAX = 0x10001
    Then RAX is TDX_OPERAND_INVALID with operand RAX
    And no other register changed

  @rule:DISPATCH-VERSION
  Scenario: a 1.0 module knows no leaf above TDG.VM.WR
    Given the TDX module version is "1.0"
    When the guest issues TDCALL with RAX = 11
    Then RAX is TDX_OPERAND_INVALID with operand RAX
    And no other register changed

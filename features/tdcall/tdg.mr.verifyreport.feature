@leaf:TDG.MR.VERIFYREPORT @area:tdcall
Feature: TDG.MR.VERIFYREPORT checks the MAC of a REPORTMACSTRUCT made on this platform
  RCX is the private GPA of a 256-byte REPORTMACSTRUCT (256-byte aligned); the first 256 bytes of a TDREPORT
  are its REPORTMACSTRUCT (REPORTTYPE 0, CPUSVN 16, TEE_TCB_INFO_HASH 32, TEE_INFO_HASH 80, REPORTDATA 128, MAC 224).
  Only RAX is written. New in TDX module 1.5.
  Source: TDX module ABI spec, TDG.MR.VERIFYREPORT and REPORTMACSTRUCT; intel/tdx-module tdg_mr_verifyreport.c.

  Background:
    Given a TD guest
    And the guest writes 64 bytes of 0x42 to memory at 0x100400
    And the guest calls TDG.MR.REPORT with:
      | RCX | 0x101000 |
      | RDX | 0x100400 |
      | R8  | 0        |

  Rule: an untouched REPORTMACSTRUCT from TDG.MR.REPORT verifies; a change to a MAC-covered byte does not

    @rule:VERIFYREPORT-2
    Scenario: the REPORTMACSTRUCT at the start of a fresh TDREPORT verifies
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | 0x101000 |
      Then RAX is TDX_SUCCESS
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

    @rule:VERIFYREPORT-2
    Scenario: a copy of the REPORTMACSTRUCT at another aligned GPA verifies too
      Given the guest copies 256 bytes from 0x101000 to 0x102100
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | 0x102100 |
      Then RAX is TDX_SUCCESS

    @rule:VERIFYREPORT-2
    Scenario Outline: flipping bit <bit> of <field> makes the MAC fail
      Given the guest flips bit <bit> of <field> in the TDREPORT at 0x101000
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | 0x101000 |
      Then RAX is TDX_INVALID_REPORTMACSTRUCT
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | field             | bit |
        | REPORTDATA        | 0   |
        | REPORTDATA        | 511 |
        | TEE_INFO_HASH     | 7   |
        | TEE_TCB_INFO_HASH | 100 |
        | MAC               | 0   |
        | MAC               | 255 |

    @rule:VERIFYREPORT-2
    Scenario: TDINFO lies outside the REPORTMACSTRUCT, so changing it does not affect the MAC check
      # a verifier must compare TEE_INFO_HASH with the SHA-384 of TDINFO itself
      Given the guest flips bit 0 of RTMR0 in the TDREPORT at 0x101000
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | 0x101000 |
      Then RAX is TDX_SUCCESS

  Rule: the GPA must be a 256-byte aligned private GPA

    @rule:VERIFYREPORT-3
    Scenario Outline: a GPA <what> is rejected with operand RCX
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | <gpa> |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And no other register changed
      And the call complies with the leaf's contract

      Examples:
        | what                    | gpa                |
        | only 128-byte aligned   | 0x101080           |
        | not aligned at all      | 0x101001           |
        | with the SHARED bit set | 0x0000800000101000 |
        | above the GPA width     | 0x0001000000101000 |

  Rule: without platform support the leaf fails with operand RAX whatever RCX holds

    @rule:VERIFYREPORT-1
    Scenario Outline: a platform without SEAMVERIFYREPORT rejects <what>
      Given the TD is configured with:
        | VERIFYREPORT | false |
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | <gpa> |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

      Examples:
        | what                    | gpa      |
        | a valid REPORTMACSTRUCT | 0x101000 |
        | a misaligned GPA        | 0x101001 |

    @rule:VERIFYREPORT-1
    Scenario: a 1.0 module has no TDG.MR.VERIFYREPORT
      Given the TDX module version is "1.0"
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | 0x101000 |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

  Rule: an unmapped GPA faults instead of returning a status

    @rule:VERIFYREPORT-3
    Scenario: an unmapped private GPA causes an EPT-violation TD exit
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | 0x300000 |
      Then the host was called
      And the host saw RAX = 48
      And the host saw R8 = 0x300000
      And every register is unchanged

  Rule: only RAX is written

    @rule:VERIFYREPORT-4
    Scenario: a failed verification changes no register but RAX
      Given the guest flips bit 3 of REPORTDATA in the TDREPORT at 0x101000
      When the guest calls TDG.MR.VERIFYREPORT with:
        | RCX | 0x101000 |
      Then RAX is TDX_INVALID_REPORTMACSTRUCT
      And every register except RAX is unchanged

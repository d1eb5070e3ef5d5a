@leaf:TDG.MR.RTMR.EXTEND @area:tdcall
Feature: TDG.MR.RTMR.EXTEND extends a runtime measurement register
  RCX is the private GPA of the 48-byte extension value (64-byte aligned), RDX the RTMR index 0..3.
  RTMR[index] becomes SHA-384(RTMR[index] || value); every RTMR starts as 48 zero bytes. The result is read back
  from a TDREPORT: TDINFO starts at offset 512, RTMR0..3 at TDINFO + 208, 48 bytes each.
  Source: TDX module ABI spec, TDG.MR.RTMR.EXTEND and TDREPORT_STRUCT; intel/tdx-module tdg_mr_rtmr_extend.c;
  Linux tdx_mcall_extend_rtmr().

  Background:
    Given a TD guest
    And the guest writes 48 bytes of 0xAB to memory at 0x100000
    And the guest writes 48 bytes of 0xCD to memory at 0x100040

  Rule: RTMR[index] = SHA-384(RTMR[index] || the 48 bytes at RCX), and no other RTMR changes

    @rule:RTMR.EXTEND-1
    Scenario Outline: one extension of RTMR2 on a <version> module, checked by value in a TDREPORT
      Given the TDX module version is "<version>"
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100000 |
        | RDX | 2        |
      Then RAX is TDX_SUCCESS
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      # SHA-384 of 48 zero bytes followed by 48 bytes of 0xAB
      And the TDREPORT at 0x101000 has RTMR2 = "73bbee246f69b6bf7824b9e7643701dad9ed70c94c9880d033c0ac87b5043d0dd70cad576882faf2f6679a22ededfea4"
      And the TDREPORT at 0x101000 has RTMR0 = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has RTMR1 = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has RTMR3 = 48 bytes of 0x00

      Examples:
        | version |
        | 1.0     |
        | 1.5     |

    @rule:RTMR.EXTEND-1
    Scenario: a second extension hashes the previous RTMR value, not the initial one
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100000 |
        | RDX | 2        |
      And the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100040 |
        | RDX | 2        |
      Then RAX is TDX_SUCCESS
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      # SHA-384(SHA-384(48 zero bytes || 48 x 0xAB) || 48 x 0xCD)
      And the TDREPORT at 0x101000 has RTMR2 = "6432619b31494532bc425c2bcc15f5c3941b375a5cea72bfc3e7ebfde2938d1e8d56f392a3c39ddc6a596f95436bdfbb"
      And the TDREPORT at 0x101000 has RTMR2 = the SHA-384 chain from 48 zero bytes over:
        | 48 bytes of 0xAB |
        | 48 bytes of 0xCD |

    @rule:RTMR.EXTEND-1
    Scenario Outline: extending RTMR<index> changes RTMR<index> only
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100040 |
        | RDX | <index>  |
      Then RAX is TDX_SUCCESS
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then the TDREPORT at 0x101000 has RTMR<index> = the SHA-384 chain from 48 zero bytes over:
        | 48 bytes of 0xCD |
      And the TDREPORT at 0x101000 has RTMR<other1> = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has RTMR<other2> = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has RTMR<other3> = 48 bytes of 0x00

      Examples:
        | index | other1 | other2 | other3 |
        | 0     | 1      | 2      | 3      |
        | 1     | 0      | 2      | 3      |
        | 2     | 0      | 1      | 3      |
        | 3     | 0      | 1      | 2      |

    @rule:RTMR.EXTEND-1
    Scenario: exactly 48 bytes are read: the bytes after the value do not matter
      Given the guest writes 16 bytes of 0xEE to memory at 0x100030
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100000 |
        | RDX | 3        |
      And the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then the TDREPORT at 0x101000 has RTMR3 = the SHA-384 chain from 48 zero bytes over:
        | 48 bytes of 0xAB |

    @rule:RTMR.EXTEND-1 @module:1.5
    Scenario: the RTMR read with TDG.VM.RD matches the extension
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100000 |
        | RDX | 0        |
      And the guest calls TDG.VM.RD with:
        | RCX | 0                  |
        | RDX | 0x1310000300000040 |
      Then RAX is TDX_SUCCESS
      # RTMR0 bytes 0..7 of SHA-384(48 zero bytes || 48 x 0xAB), little-endian
      And R8 is 0xbfb6696f24eebb73

  Rule: the GPA is checked before the index

    @rule:RTMR.EXTEND-2
    Scenario Outline: an invalid GPA (<what>) is rejected with operand RCX
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | <gpa> |
        | RDX | 0     |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And no other register changed
      And the call complies with the leaf's contract

      Examples:
        | what                 | gpa                |
        | not 64-byte aligned  | 0x100001           |
        | only 32-byte aligned | 0x100020           |
        | shared (bit 47)      | 0x0000800000100000 |
        | above the GPA width  | 0x0001000000100000 |
        | bits 63:52 set       | 0x8000000000100000 |

    @rule:RTMR.EXTEND-2
    Scenario Outline: an RTMR index of <index> is rejected with operand RDX
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100000 |
        | RDX | <index>  |
      Then RAX is TDX_OPERAND_INVALID with operand RDX
      And no other register changed
      And the call complies with the leaf's contract

      Examples:
        | index              |
        | 4                  |
        | 0x100000002        |
        | 0xFFFFFFFFFFFFFFFF |

    @rule:RTMR.EXTEND-2
    Scenario: with both the GPA and the index invalid, the status names RCX
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100001 |
        | RDX | 4        |
      Then RAX is TDX_OPERAND_INVALID with operand RCX

  Rule: a failed extension changes no RTMR

    @rule:RTMR.EXTEND-4
    Scenario Outline: after a rejected call (<what>) every RTMR is still zero
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | <gpa>   |
        | RDX | <index> |
      Then RAX is TDX_OPERAND_INVALID with operand <operand>
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And the TDREPORT at 0x101000 has RTMR0 = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has RTMR1 = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has RTMR2 = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has RTMR3 = 48 bytes of 0x00

      Examples:
        | what           | gpa      | index | operand |
        | misaligned GPA | 0x100010 | 2     | RCX     |
        | index 4        | 0x100000 | 4     | RDX     |

  Rule: unmapped or pending data pages fault instead of returning a status

    @rule:RTMR.EXTEND-3
    Scenario: an unmapped private GPA causes an EPT-violation TD exit
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x300000 |
        | RDX | 2        |
      Then the host was called
      And the host saw RAX = 48
      And the host saw R8 = 0x300000
      And every register is unchanged

    @rule:RTMR.EXTEND-3
    Scenario: a PENDING data page raises a #VE instead of returning a status
      Given a pending 4K page at 0x300000
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x300000 |
        | RDX | 2        |
      Then every register is unchanged
      And the host was not called
      When the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_SUCCESS
      And RCX field EXIT_REASON is 48
      And R9 is 0x300000
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then the TDREPORT at 0x101000 has RTMR2 = 48 bytes of 0x00

  Rule: only RAX is written

    @rule:RTMR.EXTEND-5
    Scenario: a successful extension changes no register but RAX
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100000 |
        | RDX | 1        |
      Then RAX is TDX_SUCCESS
      And RAX is 0
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

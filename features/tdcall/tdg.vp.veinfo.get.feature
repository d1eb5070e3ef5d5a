@leaf:TDG.VP.VEINFO.GET @area:tdcall
Feature: TDG.VP.VEINFO.GET reads and consumes the pending #VE information
  Outputs: RCX[31:0] exit reason (RCX[63:32] zero), RDX exit qualification, R8 guest linear address,
  R9 guest physical address, R10[31:0] instruction length, R10[63:32] instruction information.
  Without valid #VE information the call returns TDX_NO_VALID_VE_INFO with all five outputs zero.
  Source: TDX module ABI spec, TDG.VP.VEINFO.GET; intel/tdx-module tdg_vp_veinfo_get.c; Linux tdx_get_ve_info().

  Background:
    Given a TD guest

  Rule: the values recorded when the #VE was delivered come back in RCX, RDX, R8, R9 and R10

    @rule:VEINFO.GET-3
    Scenario: every field of a pending #VE is returned
      Given a #VE is pending with:
        | exit-reason        | 48                 |
        | exit-qualification | 0x0000000000000181 |
        | gla                | 0xFFFF888000101000 |
        | gpa                | 0x0000000000101000 |
        | instruction-length | 3                  |
        | instruction-info   | 0x1234             |
      When the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_SUCCESS
      And RCX field EXIT_REASON is 48
      And RCX is 48
      And RDX is 0x181
      And R8 is 0xFFFF888000101000
      And R9 is 0x101000
      And R10 field INSTRUCTION_LENGTH is 3
      And R10 field INSTRUCTION_INFORMATION is 0x1234
      And R10 is 0x0000123400000003
      And every register except RAX, RCX, RDX, R8, R9 and R10 is unchanged
      And the call complies with the leaf's contract

    @rule:VEINFO.GET-3
    Scenario Outline: a #VE for exit reason <reason> (<what>) reports that reason
      Given a #VE is pending with:
        | exit-reason        | <reason> |
        | exit-qualification | 0        |
        | instruction-length | 2        |
      When the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_SUCCESS
      And RCX field EXIT_REASON is <reason>
      And R10 field INSTRUCTION_LENGTH is 2

      Examples:
        | reason | what          |
        | 10     | CPUID         |
        | 12     | HLT           |
        | 30     | I/O           |
        | 31     | RDMSR         |
        | 48     | EPT violation |

  Rule: reading consumes the information

    @rule:VEINFO.GET-1
    Scenario: a second read finds no valid #VE information
      Given a #VE is pending with:
        | exit-reason | 48       |
        | gpa         | 0x101000 |
      When the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_SUCCESS
      When the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_NO_VALID_VE_INFO
      And RCX is 0
      And R9 is 0

    @rule:VEINFO.GET-1
    Scenario: a #VE delivered by the module for a PENDING page can be read once
      Given a pending 4K page at 0x300000
      And the guest writes 48 bytes of 0xAB to memory at 0x100000
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x300000 |
        | RDX | 0        |
      And the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_SUCCESS
      And RCX field EXIT_REASON is 48
      And R9 is 0x300000
      When the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_NO_VALID_VE_INFO

  Rule: with no valid #VE information all outputs are zero

    @rule:VEINFO.GET-2
    Scenario Outline: no #VE pending on a <version> module returns TDX_NO_VALID_VE_INFO with zeroed outputs
      Given the TDX module version is "<version>"
      When the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_NO_VALID_VE_INFO
      And RCX is 0
      And RDX is 0
      And R8 is 0
      And R9 is 0
      And R10 is 0
      And every register except RAX, RCX, RDX, R8, R9 and R10 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | version |
        | 1.0     |
        | 1.5     |

    @rule:VEINFO.GET-2
    Scenario: version 1 of the leaf (a TDX 2.0 addition) is rejected by a 1.5 module
      When the guest calls TDG.VP.VEINFO.GET version 1
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

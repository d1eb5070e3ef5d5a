@leaf:TDG.MEM.PAGE.ATTR.RD @area:tdcall
Feature: TDG.MEM.PAGE.ATTR.RD reads the mapping and attributes of a private page
  RCX = a private GPA anywhere inside the page (no alignment needed). On success RCX = GPA_MAPPING: LEVEL 2:0,
  GPA 51:12 aligned down to the mapping level, PENDING bit 62; RDX = attributes, 16 bits per VM (L1 15:0,
  L2 VM1..3 in the higher halves, zero for L2 VMs that do not exist). On error RCX and RDX are 0. New in 1.5.
  Source: TDX module ABI spec, TDG.MEM.PAGE.ATTR.RD; intel/tdx-module tdg_mem_page_attr_rd.c,
  tdx_api_defs.h (gpa_mapping_and_flags_t, gpa_attr_t).

  Background:
    Given a TD guest

  Rule: RCX returns the page's level, aligned GPA and pending flag; L2 attribute halves are zero without L2 VMs

    @rule:ATTR.RD-4
    Scenario: an accepted 4 KB page, read through an unaligned GPA
      When the guest calls TDG.MEM.PAGE.ATTR.RD with:
        | RCX | 0x100123 |
      Then RAX is TDX_SUCCESS
      And RCX is 0x100000
      And RCX field LEVEL is 0
      And RCX field PENDING is 0
      And RDX field L2_VM1_ATTR is 0
      And RDX field L2_VM2_ATTR is 0
      And RDX field L2_VM3_ATTR is 0
      And every register except RAX, RCX and RDX is unchanged
      And the call complies with the leaf's contract

    @rule:ATTR.RD-4
    Scenario: a GPA inside an accepted 2 MB page reports level 1 and the 2 MB-aligned GPA
      Given an accepted 2M page at 0x400000
      When the guest calls TDG.MEM.PAGE.ATTR.RD with:
        | RCX | 0x4AB123 |
      Then RAX is TDX_SUCCESS
      And RCX is 0x400001
      And RCX field LEVEL is 1

    @rule:ATTR.RD-3
    Scenario: a PENDING page reads successfully with bit 62 set
      Given a pending 4K page at 0x300000
      When the guest calls TDG.MEM.PAGE.ATTR.RD with:
        | RCX | 0x300000 |
      Then RAX is TDX_SUCCESS
      And RCX field PENDING is 1
      And RCX is 0x4000000000300000
      And the call complies with the leaf's contract

    @rule:ATTR.RD-3
    Scenario: after TDG.MEM.PAGE.ACCEPT the page is no longer pending
      Given a pending 4K page at 0x300000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x300000 |
      And the guest calls TDG.MEM.PAGE.ATTR.RD with:
        | RCX | 0x300000 |
      Then RAX is TDX_SUCCESS
      And RCX is 0x300000

  Rule: an invalid GPA is rejected with operand RCX and RCX, RDX zeroed

    @rule:ATTR.RD-1
    Scenario Outline: a GPA <what> is rejected with operand RCX
      When the guest calls TDG.MEM.PAGE.ATTR.RD with:
        | RCX | <gpa> |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And RCX is 0
      And RDX is 0
      And every register except RAX, RCX and RDX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | what                    | gpa                |
        | with the SHARED bit set | 0x0000800000100000 |
        | above the GPA width     | 0x0001000000100000 |
        | with bits 63:52 set     | 0x8000000000100000 |

  Rule: a page that is not mapped exits to the host with an EPT violation

    @rule:ATTR.RD-2
    Scenario: an unmapped GPA exits to the host, which adds a pending page that then reads as pending
      When the guest calls TDG.MEM.PAGE.ATTR.RD with:
        | RCX | 0x300000 |
      Then the host was called
      And the host saw RAX = 48
      And the host saw R8 = 0x300000
      And RAX is TDX_SUCCESS
      And RCX field PENDING is 1

  Rule: the leaf is new in 1.5

    @rule:ATTR.RD-1
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.MEM.PAGE.ATTR.RD with:
        | RCX | 0x100000 |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

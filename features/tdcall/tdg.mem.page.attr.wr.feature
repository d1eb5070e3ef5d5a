@leaf:TDG.MEM.PAGE.ATTR.WR @area:tdcall
Feature: TDG.MEM.PAGE.ATTR.WR sets the L2 attributes of a private page
  RCX = GPA | LEVEL (LEVEL 2:0 up to 2, reserved 11:3 and 63:52, GPA aligned to the level, private). RDX = new
  attributes (16 bits per VM, L1 half must be 0), R8 = attribute flags (16 bits per VM, L1 half must be 0).
  In a TD without L2 VMs only RDX = 0 and R8 = 0 are accepted. On success RCX = the page info with bit 62 set
  for a pending page and RDX = the resulting attributes; on errors other than TDX_PAGE_ATTR_INVALID both are 0.
  New in 1.5.
  Source: TDX module ABI spec, TDG.MEM.PAGE.ATTR.WR; intel/tdx-module tdg_mem_page_attr_wr.c.

  Background:
    Given a TD guest

  Rule: without L2 VMs, RDX = 0 and R8 = 0 change nothing and return the mapping

    @rule:ATTR.WR-4
    Scenario: an accepted 4 KB page
      When the guest calls TDG.MEM.PAGE.ATTR.WR with:
        | RCX | 0x100000 |
        | RDX | 0        |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And RCX is 0x100000
      And RDX field L2_VM1_ATTR is 0
      And RDX field L2_VM2_ATTR is 0
      And RDX field L2_VM3_ATTR is 0
      And every register except RAX, RCX and RDX is unchanged
      And the call complies with the leaf's contract

    @rule:ATTR.WR-3
    Scenario: a pending page comes back with bit 62 set
      Given a pending 4K page at 0x300000
      When the guest calls TDG.MEM.PAGE.ATTR.WR with:
        | RCX | 0x300000 |
        | RDX | 0        |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And RCX is 0x4000000000300000
      And RCX field PENDING is 1

  Rule: RDX and R8 are checked VM by VM (VM 0 first), then RCX; errors zero RCX and RDX

    @rule:ATTR.WR-1
    Scenario Outline: <what> is rejected with operand <operand>
      When the guest calls TDG.MEM.PAGE.ATTR.WR with:
        | RCX | <rcx> |
        | RDX | <rdx> |
        | R8  | <r8>  |
      Then RAX is TDX_OPERAND_INVALID with operand <operand>
      And RCX is 0
      And RDX is 0
      And every register except RAX, RCX and RDX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | what                                        | rcx                | rdx        | r8                 | operand |
        | a non-zero L1 attribute                     | 0x100000           | 0x1        | 0                  | RDX     |
        | a non-zero L1 flag                          | 0x100000           | 0          | 0x1                | R8      |
        | an attribute for absent VM 1                | 0x100000           | 0x80070000 | 0                  | RDX     |
        | the INVEPT flag of absent VM 3              | 0x100000           | 0          | 0x8000000000000000 | R8      |
        | an L1 attribute and an L1 flag: RDX first   | 0x100000           | 0x1        | 0x1                | RDX     |
        | a VM 1 attribute and an L1 flag: VM 0 first | 0x100000           | 0x10000    | 0x1                | R8      |
        | a bad RCX and a bad R8: R8 first            | 0x100008           | 0          | 0x1                | R8      |
        | reserved RCX bit 3                          | 0x100008           | 0          | 0                  | RCX     |
        | LEVEL 3                                     | 0x100003           | 0          | 0                  | RCX     |
        | a 2 MB level on a 4 KB-aligned GPA          | 0x101001           | 0          | 0                  | RCX     |
        | the SHARED bit                              | 0x0000800000100000 | 0          | 0                  | RCX     |
        | a GPA above the GPA width                   | 0x0001000000100000 | 0          | 0                  | RCX     |

  Rule: the Secure-EPT walk must reach the requested level

    @rule:ATTR.WR-2
    Scenario: a 2 MB level over 4 KB pages is a size mismatch naming level 1
      When the guest calls TDG.MEM.PAGE.ATTR.WR with:
        | RCX | 0x000001 |
        | RDX | 0        |
        | R8  | 0        |
      Then RAX is TDX_PAGE_SIZE_MISMATCH
      And RAX is 0xC0000B0B00000001
      And RCX is 0
      And RDX is 0

    @rule:ATTR.WR-2
    Scenario: an unmapped GPA exits to the host with an EPT violation
      When the guest calls TDG.MEM.PAGE.ATTR.WR with:
        | RCX | 0x300000 |
        | RDX | 0        |
        | R8  | 0        |
      Then the host was called
      And the host saw RAX = 48
      And the host saw R8 = 0x300000

  Rule: the leaf is new in 1.5

    @rule:ATTR.WR-4
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.MEM.PAGE.ATTR.WR with:
        | RCX | 0x100000 |
        | RDX | 0        |
        | R8  | 0        |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

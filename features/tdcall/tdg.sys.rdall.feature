@leaf:TDG.SYS.RDALL @area:tdcall
Feature: TDG.SYS.RDALL dumps the guest-readable global metadata into a 4 KB private page
  RDX = private GPA of the 4 KB list page (4 KB aligned), R8 = first field ID (all ones: start at the first
  guest-readable field). R8 is set to all ones at the start; it returns the field ID to continue from with
  TDX_METADATA_LIST_OVERFLOW, or all ones with TDX_SUCCESS when the dump is complete. RCX is not read. New in 1.5.
  Source: TDX module ABI spec, TDG.SYS.RDALL; intel/tdx-module tdg_sys_rdall.c, metadata_generic.c md_dump_list.

  Background:
    Given a TD guest

  Rule: repeating the call with the returned R8 dumps everything and ends with TDX_SUCCESS

    @rule:SYS.RDALL-2
    Scenario: a dump from the null field ID completes
      When the guest calls TDG.SYS.RDALL with:
        | RDX | 0x101000           |
        | R8  | 0xFFFFFFFFFFFFFFFF |
      And the guest repeats the call with R8 from the previous call while RAX is TDX_METADATA_LIST_OVERFLOW
      Then RAX is TDX_SUCCESS
      And R8 is 0xFFFFFFFFFFFFFFFF
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract

    @rule:SYS.RDALL-2
    Scenario: a dump can start at a given field (MAJOR_VERSION)
      When the guest calls TDG.SYS.RDALL with:
        | RDX | 0x101000           |
        | R8  | 0x0800000100000004 |
      And the guest repeats the call with R8 from the previous call while RAX is TDX_METADATA_LIST_OVERFLOW
      Then RAX is TDX_SUCCESS
      And R8 is 0xFFFFFFFFFFFFFFFF

    @rule:SYS.RDALL-2
    Scenario: a field ID that names no global field is rejected
      When the guest calls TDG.SYS.RDALL with:
        | RDX | 0x101000           |
        | R8  | 0x0800000100000FFF |
      Then RAX is TDX_METADATA_FIELD_ID_INCORRECT
      And the call complies with the leaf's contract

  Rule: the list page holds a header and sequences that agree element by element with TDG.SYS.RD

    @rule:SYS.RDALL-2
    Scenario: every listed element is the value TDG.SYS.RD reads for its field ID
      When the guest dumps the global metadata with TDG.SYS.RDALL into GPA 0x101000
      Then every dumped element equals what TDG.SYS.RD returns for its field ID

    @rule:SYS.RDALL-2
    Scenario: the list names exactly the fields the TDG.SYS.RD chain walks, in the same order
      When the guest dumps the global metadata with TDG.SYS.RDALL into GPA 0x101000
      Then the dump lists exactly the elements TDG.SYS.RD walks through from the first field

  Rule: an invalid list GPA is rejected with operand RDX and R8 is all ones

    @rule:SYS.RDALL-1
    Scenario Outline: a list GPA <what> is rejected with operand RDX
      When the guest calls TDG.SYS.RDALL with:
        | RDX | <gpa>              |
        | R8  | 0x0800000100000004 |
      Then RAX is TDX_OPERAND_INVALID with operand RDX
      And R8 is 0xFFFFFFFFFFFFFFFF
      And every register except RAX and R8 is unchanged
      And the call complies with the leaf's contract

      Examples:
        | what                    | gpa                |
        | only 2 KB aligned       | 0x101800           |
        | with the SHARED bit set | 0x0000800000101000 |
        | above the GPA width     | 0x0001000000101000 |

  Rule: an unmapped list page faults instead of returning a status

    @rule:SYS.RDALL-3
    Scenario: an unmapped list page causes an EPT-violation TD exit
      When the guest calls TDG.SYS.RDALL with:
        | RDX | 0x300000           |
        | R8  | 0xFFFFFFFFFFFFFFFF |
      Then the host was called
      And the host saw RAX = 48
      And the host saw R8 = 0x300000
      And every register is unchanged

  Rule: RCX is not read or written

    @rule:SYS.RDALL-4
    Scenario: a garbage RCX does not matter
      When the guest calls TDG.SYS.RDALL with:
        | RCX | 0xFFFFFFFFFFFFFFFF |
        | RDX | 0x101000           |
        | R8  | 0xFFFFFFFFFFFFFFFF |
      And the guest repeats the call with R8 from the previous call while RAX is TDX_METADATA_LIST_OVERFLOW
      Then RAX is TDX_SUCCESS
      And RCX is unchanged

  Rule: the leaf is new in 1.5

    @rule:SYS.RDALL-1
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.SYS.RDALL with:
        | RDX | 0x101000           |
        | R8  | 0xFFFFFFFFFFFFFFFF |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

@leaf:TDG.MEM.PAGE.ACCEPT @area:tdcall
Feature: TDG.MEM.PAGE.ACCEPT accepts a pending private page
  RCX = GPA | LEVEL: bits 2:0 LEVEL (0 = 4 KB, 1 = 2 MB), 11:3 reserved, 51:12 GPA, 63:52 reserved. The GPA is
  aligned to the LEVEL page size, private (SHARED bit 47 clear with GPAW 48) and within the GPA width.
  TDX_PAGE_ALREADY_ACCEPTED (0x00000B0A00000000) is not an error; its bits 31:0 hold the SEPT level of the mapping.
  Source: TDX module ABI spec, TDG.MEM.PAGE.ACCEPT; intel/tdx-module tdg_mem_page_accept.c;
  Linux arch/x86/coco/tdx/tdx-shared.c try_accept_one(); EDK2 Tdx.h (TDX_EXIT_REASON_PAGE_ALREADY_ACCEPTED).

  Background:
    Given a TD guest

  Rule: a pending page is accepted: it reads as zero and becomes usable

    @rule:PAGE.ACCEPT-1
    Scenario Outline: a <version> module accepts a pending 4 KB page
      Given the TDX module version is "<version>"
      And a pending 4K page at 0x300000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x300000 |
      Then RAX is TDX_SUCCESS
      And RAX is 0
      And guest memory at 0x300000 holds 4096 bytes of 0x00
      And the call complies with the leaf's contract

      Examples:
        | version |
        | 1.0     |
        | 1.5     |

    @rule:PAGE.ACCEPT-1
    Scenario: an accepted page holds what the guest writes
      Given a pending 4K page at 0x300000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x300000 |
      And the guest writes "de ad be ef" to memory at 0x300ffc
      Then guest memory at 0x300ffc holds "de ad be ef"

    @rule:PAGE.ACCEPT-1
    Scenario: a pending 2 MB page is accepted with LEVEL 1 and all of it reads as zero
      Given a pending 2M page at 0x400000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x400001 |
      Then RAX is TDX_SUCCESS
      And guest memory at 0x400000 holds 2097152 bytes of 0x00

  Rule: accepting an accepted page returns TDX_PAGE_ALREADY_ACCEPTED and changes nothing

    @rule:PAGE.ACCEPT-2
    Scenario Outline: a second accept on a <version> module reports TDX_PAGE_ALREADY_ACCEPTED with level 0
      Given the TDX module version is "<version>"
      And a pending 4K page at 0x300000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x300000 |
      And the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x300000 |
      Then RAX is TDX_PAGE_ALREADY_ACCEPTED
      And RAX is 0x00000B0A00000000
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | version |
        | 1.0     |
        | 1.5     |

    @rule:PAGE.ACCEPT-2
    Scenario: the contents of an already accepted page are not zeroed
      Given the guest writes "de ad be ef" to memory at 0x100000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x100000 |
      Then RAX is TDX_PAGE_ALREADY_ACCEPTED
      And guest memory at 0x100000 holds "de ad be ef"

    @rule:PAGE.ACCEPT-2
    Scenario: a 4 KB accept inside an accepted 2 MB page names level 1
      Given an accepted 2M page at 0x400000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x5FF000 |
      Then RAX is TDX_PAGE_ALREADY_ACCEPTED
      And RAX is 0x00000B0A00000001

    @rule:PAGE.ACCEPT-2
    Scenario: a 2 MB accept of an accepted 2 MB page names level 1
      Given an accepted 2M page at 0x400000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x400001 |
      Then RAX is TDX_PAGE_ALREADY_ACCEPTED
      And RAX is 0x00000B0A00000001

  Rule: a 2 MB accept of a range mapped with 4 KB pages is a size mismatch; the guest falls back to 4 KB

    @rule:PAGE.ACCEPT-3
    Scenario: 2 MB over pending 4 KB pages returns TDX_PAGE_SIZE_MISMATCH with level 1, then 4 KB succeeds
      Given a pending 4K page at 0x600000
      And a pending 4K page at 0x601000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x600001 |
      Then RAX is TDX_PAGE_SIZE_MISMATCH
      And RAX is 0xC0000B0B00000001
      And every register except RAX is unchanged
      And the call complies with the leaf's contract
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x600000 |
      Then RAX is TDX_SUCCESS

    @rule:PAGE.ACCEPT-3
    Scenario: 2 MB over a range holding accepted 4 KB pages is a size mismatch too
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x000001 |
      Then RAX is TDX_PAGE_SIZE_MISMATCH
      And RAX is 0xC0000B0B00000001

  Rule: with no pending page at the requested level the module exits to the host with an EPT violation

    @rule:PAGE.ACCEPT-3
    Scenario: a GPA with no page exits to the host, which adds a 4 KB page; the accept then completes
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x300000 |
      Then the host was called
      And the host saw RAX = 48
      And the host saw R8 = 0x300000
      And RAX is TDX_SUCCESS
      And guest memory at 0x300000 holds 4096 bytes of 0x00

    @rule:PAGE.ACCEPT-3
    Scenario: a 4 KB accept inside a pending 2 MB page exits to the host, which splits it
      Given a pending 2M page at 0x400000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x401000 |
      Then the host was called
      And the host saw RAX = 48
      And the host saw R8 = 0x401000
      And RAX is TDX_SUCCESS

  Rule: RCX is checked first: reserved bits, LEVEL, alignment, then a private GPA within the GPA width

    @rule:PAGE.ACCEPT-5
    Scenario Outline: <what> is rejected with operand RCX and the page stays pending
      Given a pending 4K page at 0x300000
      And a pending 2M page at 0x400000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | <rcx> |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And no other register changed
      And the call complies with the leaf's contract
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x300000 |
      Then RAX is TDX_SUCCESS

      Examples:
        | what                                | rcx                |
        | reserved bit 3                      | 0x300008           |
        | reserved bit 11                     | 0x300800           |
        | reserved bit 52                     | 0x0010000000300000 |
        | reserved bit 63                     | 0x8000000000300000 |
        | LEVEL 3                             | 0x300003           |
        | LEVEL 7                             | 0x300007           |
        | a 2 MB accept of a 4 KB-aligned GPA | 0x301001           |
        | the SHARED bit                      | 0x0000800000300000 |
        | a GPA above the GPA width           | 0x0001000000300000 |

    @rule:PAGE.ACCEPT-5
    Scenario Outline: a <version> module does not accept 1 GB pages (LEVEL 2)
      Given the TDX module version is "<version>"
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x40000002 |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And no other register changed

      Examples:
        | version |
        | 1.0     |
        | 1.5     |

  Rule: only RAX is written

    @rule:PAGE.ACCEPT-6
    Scenario: a successful accept changes no register but RAX
      Given a pending 4K page at 0x300000
      When the guest calls TDG.MEM.PAGE.ACCEPT with:
        | RCX | 0x300000 |
      Then RAX is TDX_SUCCESS
      And every register except RAX is unchanged

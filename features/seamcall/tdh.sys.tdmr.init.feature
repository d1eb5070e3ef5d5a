@area:seamcall
Feature: TDH.SYS.TDMR.INIT initialises a TDMR's PAMT 4 MB per call; pages are usable once their whole 1 GB block is
  Each TDH.SYS.TDMR.INIT initialises the next 1024 PAMT_4K entries (TDMR_4K_PAMT_INIT_COUNT) and returns in RDX how far
  the TDMR is initialised, rounded down to 1 GB. A page is known to the PAMT only below that 1 GB boundary
  (pamt_get_block); pages of a reserved area are PT_RSVD, the others PT_NDA. Sources: intel/tdx-module tdx_1.5
  src/vmm_dispatcher/api_calls/tdh_sys_tdmr_init.c, src/common/memory_handlers/pamt_manager.c (pamt_get_block, pamt_init:
  reserved areas get PT_RSVD), tdh_phymem_page_rdmd.c (RCX = page type).

  Background:
    Given the platform has 1 logical processor in 1 package
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 0 succeeded
    And the TDMR_INFO at 0x20001000 describes 2 GB at 0x40000000 with its PAMTs from 0x10000000
    And the TDMR_INFO at 0x20001000 has:
      | RESERVED[0].OFFSET | 0x10000000 |
      | RESERVED[0].SIZE   | 0x01000000 |
    And host memory at 0x20000000 holds the qwords "0x20001000"
    And the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    And the VMM calls TDH.SYS.KEY.CONFIG

  @leaf:TDH.SYS.TDMR.INIT @rule:SYS.TDMR.INIT-1 @rule:SYS.TDMR.INIT-5
  Scenario: a TDMR's pages become known one whole GB at a time
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
    Then RAX is TDX_SUCCESS
    And RDX is 0x40000000
    When the VMM calls TDH.PHYMEM.PAGE.RDMD with:
      | RCX | 0x40000000 |
    Then RAX is TDX_OPERAND_ADDR_RANGE_ERROR with operand RCX
    When the VMM calls TDH.SYS.TDMR.INIT with RCX = 0x40000000 while RDX is below 0x80000000
    Then RAX is TDX_SUCCESS
    And RDX is 0x80000000
    And the call was made 255 times
    When the VMM calls TDH.PHYMEM.PAGE.RDMD with:
      | RCX | 0x7FFFF000 |
    Then RAX is TDX_SUCCESS
    And RCX is 0x0
    When the VMM calls TDH.PHYMEM.PAGE.RDMD with:
      | RCX | 0x80000000 |
    Then RAX is TDX_OPERAND_ADDR_RANGE_ERROR with operand RCX
    When the VMM calls TDH.SYS.TDMR.INIT with RCX = 0x40000000 while RDX is below 0xC0000000
    Then RAX is TDX_SUCCESS
    And RDX is 0xC0000000
    And the call was made 256 times
    When the VMM calls TDH.PHYMEM.PAGE.RDMD with:
      | RCX | 0xBFFFF000 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
    Then RAX is TDX_TDMR_ALREADY_INITIALIZED

  @leaf:TDH.PHYMEM.PAGE.RDMD @rule:PHYMEM.PAGE.RDMD-5 @rule:TDH.MNG.CREATE-4
  Scenario Outline: after TDH.SYS.TDMR.INIT the page at <hpa> is <what>
    Given the VMM calls TDH.SYS.TDMR.INIT with RCX = 0x40000000 while RDX is below 0xC0000000
    When the VMM calls TDH.PHYMEM.PAGE.RDMD with:
      | RCX | <hpa> |
    Then RAX is TDX_SUCCESS
    And RCX is <type>
    And RDX is 0x0

    Examples:
      | hpa        | type | what                                   |
      | 0x4FFFF000 | 0x0  | PT_NDA (just below the reserved area)   |
      | 0x50000000 | 0x1  | PT_RSVD (the reserved area's first page) |
      | 0x50FFF000 | 0x1  | PT_RSVD (the reserved area's last page)  |
      | 0x51000000 | 0x0  | PT_NDA (just after the reserved area)    |
      | 0x40000000 | 0x0  | PT_NDA (the TDMR's first page)           |

  @leaf:TDH.PHYMEM.PAGE.RDMD @rule:PHYMEM.PAGE.RDMD-5 @rule:TDH.MNG.CREATE-4
  Scenario Outline: a page outside the TDMR (<hpa>) is not in the PAMT
    Given the VMM calls TDH.SYS.TDMR.INIT with RCX = 0x40000000 while RDX is below 0xC0000000
    When the VMM calls TDH.PHYMEM.PAGE.RDMD with:
      | RCX | <hpa> |
    Then RAX is TDX_OPERAND_ADDR_RANGE_ERROR with operand RCX

    Examples:
      | hpa        |
      | 0x3FFFF000 |
      | 0xC0000000 |

  @leaf:TDH.MNG.CREATE @rule:PHYMEM.PAGE.RDMD-5 @rule:TDH.MNG.CREATE-4
  Scenario: a reserved page cannot become a TDR
    Given the VMM calls TDH.SYS.TDMR.INIT with RCX = 0x40000000 while RDX is below 0xC0000000
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x50001000 |
      | RDX | 33         |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x51000000 |
      | RDX | 33         |
    Then RAX is TDX_SUCCESS

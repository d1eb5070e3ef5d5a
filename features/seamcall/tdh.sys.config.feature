@area:seamcall @leaf:TDH.SYS.CONFIG
Feature: TDH.SYS.CONFIG checks the TDMR list, every TDMR_INFO field and the global private HKID in the source's order
  The VMM passes in RCX the PA of an array of TDMR_INFO pointers, in RDX the number of TDMRs and in R8 the global
  private HKID. Each TDMR_INFO (512 bytes) holds TDMR_BASE, TDMR_SIZE, PAMT_1G/2M/4K base and size and 16 reserved areas
  (offset, size). Source: intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_sys_config.c (tdh_sys_config,
  check_and_set_tdmrs, check_tdmr_area_addresses_and_size, check_tdmr_reserved_areas, check_pamt_addresses_and_size,
  check_all_pamt_overlap, check_pamt_overlaps_available_areas, check_pamt_in_cmr, check_tdmr_available_areas,
  is_area_in_cmr) and include/tdx_api_defs.h (tdmr_info_entry_t, api_error_with_multiple_info: detail bits 7:0 = TDMR
  index, 15:8 = PAMT level PT_4KB 0 / PT_2MB 1 / PT_1GB 2 or reserved-area index, 23:16 = the other TDMR's index).
  The platform has the default CMR 0..4 GB. The TDMR below is 1 GB at 0x40000000 with PAMTs of the minimum size from
  0x10000000: PAMT_1G 0x10000000 (0x1000), PAMT_2M 0x10001000 (0x2000), PAMT_4K 0x10003000 (0x400000).

  Background:
    Given the platform has 2 logical processors in 1 package
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 1 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x40000000 with its PAMTs from 0x10000000
    And host memory at 0x20000000 holds the qwords "0x20001000"

  @rule:SYS.CONFIG-1
  Scenario: a valid TDMR list configures the module once; its TDMR is then initialised 4 MB (1024 PAMT_4K entries) per TDH.SYS.TDMR.INIT
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SUCCESS
    And every register except RAX is unchanged
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SYS_CONFIG_NOT_PENDING
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.TDMR.INIT with RCX = 0x40000000 while RDX is below 0x80000000
    Then RAX is TDX_SUCCESS
    And RDX is 0x80000000
    And the call was made 256 times
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
    Then RAX is TDX_TDMR_ALREADY_INITIALIZED
    And RDX is 0x0

  @rule:SYS.CONFIG-1
  Scenario: a failed TDH.SYS.CONFIG leaves the module waiting for TDH.SYS.CONFIG
    Given the TDMR_INFO at 0x20001000 has TDMR_SIZE = 0
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_INVALID_TDMR with detail 0x0
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SYS_KEY_CONFIG_NOT_PENDING
    Given the TDMR_INFO at 0x20001000 has TDMR_SIZE = 0x40000000
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SUCCESS

  @rule:SYS.CONFIG-5
  Scenario Outline: RCX must be a 512-byte aligned shared PA below MAX_PA (<why>)
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | <rcx> |
      | RDX | 1     |
      | R8  | 32    |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    And every register except RAX is unchanged

    Examples:
      | rcx                | why                           |
      | 0x20000100         | 256-byte aligned only         |
      | 0x20000008         | 8-byte aligned only           |
      | 0x0008000020000000 | private HKID 32 in bits 51:46 |
      | 0x0010000020000000 | bit 52: not below MAX_PA      |
      | 0x8000000020000000 | bit 63                        |

  @rule:SYS.CONFIG-5
  Scenario: each TDMR_INFO pointer in the array must be 512-byte aligned too
    Given host memory at 0x20000000 holds the qwords "0x20001100"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_OPERAND_INVALID with operand RCX

  @rule:SYS.CONFIG-5
  Scenario: a TDMR_INFO pointer with a private HKID is refused only when the array reaches it
    Given the TDMR_INFO at 0x20001200 describes 1 GB at 0x80000000 with its PAMTs from 0x11000000
    And host memory at 0x20000000 holds the qwords "0x20001000 0x000C000020001200"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 2          |
      | R8  | 32         |
    Then RAX is TDX_OPERAND_INVALID with operand RCX

  @rule:SYS.CONFIG-6
  Scenario Outline: RDX (the number of TDMRs) must be 1..64: <rdx>
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | <rdx>      |
      | R8  | 32         |
    Then RAX is TDX_OPERAND_INVALID with operand RDX

    Examples:
      | rdx                |
      | 0                  |
      | 65                 |
      | 0x8000000000000001 |
      | 0xFFFFFFFFFFFFFFFF |

  @rule:SYS.CONFIG-6 @rule:SYS.CONFIG-3
  Scenario: RDX = 64 is accepted and the TDMR_INFO entries are checked in order (the second pointer is 0: an all-zero TDMR_INFO)
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 64         |
      | R8  | 32         |
    Then RAX is TDX_NON_ORDERED_TDMR with detail 0x1

  @rule:SYS.CONFIG-7
  Scenario Outline: R8 must be a private HKID with bits 63:16 clear: <r8>
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | <r8>       |
    Then RAX is TDX_OPERAND_INVALID with operand R8

    Examples:
      | r8      |
      | 31      |
      | 0       |
      | 64      |
      | 0x10020 |

  @rule:SYS.CONFIG-7
  Scenario: the highest HKID, 63, is a private HKID
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 63         |
    Then RAX is TDX_SUCCESS

  @rule:SYS.CONFIG-7
  Scenario: the register checks come before the TDMR_INFO entries: RCX, then RDX, then R8
    Given the TDMR_INFO at 0x20001000 has TDMR_SIZE = 0
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000100 |
      | RDX | 0          |
      | R8  | 0          |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 0          |
      | R8  | 0          |
    Then RAX is TDX_OPERAND_INVALID with operand RDX
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 0          |
    Then RAX is TDX_OPERAND_INVALID with operand R8
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_INVALID_TDMR with detail 0x0

  @rule:SYS.CONFIG-8 @rule:SYS.CONFIG-3
  Scenario Outline: TDMR_BASE and TDMR_SIZE must be 1 GB aligned, non-zero, below MAX_PA with HKID 0 and not wrap: <field> = <value>
    Given the TDMR_INFO at 0x20001000 has <field> = <value>
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_INVALID_TDMR with detail 0x0

    Examples:
      | field     | value              |
      | TDMR_BASE | 0x40001000         |
      | TDMR_BASE | 0x60000000         |
      | TDMR_SIZE | 0x3FFFF000         |
      | TDMR_SIZE | 0x60000000         |
      | TDMR_SIZE | 0                  |
      | TDMR_BASE | 0x400000000000     |
      | TDMR_SIZE | 0x400000000000     |
      | TDMR_SIZE | 0xFFFFFFFFC0000000 |

  @rule:SYS.CONFIG-8
  Scenario: a TDMR may end at the last byte below the HKID bits
    Given the TDMR_INFO at 0x20001000 has TDMR_SIZE = 0x3FFFC0000000
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_INVALID_PAMT with detail 0x200

  @rule:SYS.CONFIG-9 @rule:SYS.CONFIG-3
  Scenario Outline: TDMRs must be sorted and must not overlap: a second TDMR at <base2> after <size1> at 0x40000000 gives <status>
    Given the TDMR_INFO at 0x20001000 has TDMR_SIZE = <size1>
    And the TDMR_INFO at 0x20001000 has:
      | PAMT_2M_SIZE | 0x6000     |
      | PAMT_4K_BASE | 0x10008000 |
      | PAMT_4K_SIZE | 0xC00000   |
    And the TDMR_INFO at 0x20001200 describes 1 GB at <base2> with its PAMTs from 0x11000000
    And host memory at 0x20000000 holds the qwords "0x20001000 0x20001200"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 2          |
      | R8  | 32         |
    Then RAX is <status> with detail <detail>

    Examples:
      | size1      | base2      | status               | detail |
      | 0x40000000 | 0x00000000 | TDX_NON_ORDERED_TDMR | 0x1    |
      | 0x40000000 | 0x40000000 | TDX_NON_ORDERED_TDMR | 0x1    |
      | 0xC0000000 | 0x80000000 | TDX_NON_ORDERED_TDMR | 0x1    |
      | 0x80000000 | 0xC0000000 | TDX_SUCCESS          | 0x0    |

  @rule:SYS.CONFIG-9
  Scenario: a second TDMR may start where the first ends; both are then initialised separately
    Given the TDMR_INFO at 0x20001200 describes 1 GB at 0x80000000 with its PAMTs from 0x11000000
    And host memory at 0x20000000 holds the qwords "0x20001000 0x20001200"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 2          |
      | R8  | 32         |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.TDMR.INIT with RCX = 0x80000000 while RDX is below 0xC0000000
    Then RAX is TDX_SUCCESS
    And the call was made 256 times
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
    Then RAX is TDX_SUCCESS
    And RDX is 0x40000000
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0xC0000000 |
    Then RAX is TDX_OPERAND_INVALID with operand RCX

  @rule:SYS.CONFIG-10 @rule:SYS.CONFIG-3
  Scenario Outline: reserved areas must be sorted, not overlap, 4 KB aligned and inside the TDMR: [<off0>, +<size0>) then [<off1>, +<size1>)
    Given the TDMR_INFO at 0x20001000 has:
      | RESERVED[0].OFFSET | <off0>  |
      | RESERVED[0].SIZE   | <size0> |
      | RESERVED[1].OFFSET | <off1>  |
      | RESERVED[1].SIZE   | <size1> |
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is <status> with detail <detail>

    Examples:
      | off0               | size0      | off1       | size1  | status                           | detail |
      | 0x1000             | 0          | 0x2000     | 0x1000 | TDX_NON_ORDERED_RESERVED_IN_TDMR | 0x0    |
      | 0x2000             | 0x1000     | 0x1000     | 0x1000 | TDX_NON_ORDERED_RESERVED_IN_TDMR | 0x100  |
      | 0x1000             | 0x2000     | 0x2000     | 0x1000 | TDX_NON_ORDERED_RESERVED_IN_TDMR | 0x100  |
      | 0x1000             | 0x1000     | 0x1800     | 0x1000 | TDX_NON_ORDERED_RESERVED_IN_TDMR | 0x100  |
      | 0x1800             | 0x1000     | 0          | 0      | TDX_INVALID_RESERVED_IN_TDMR     | 0x0    |
      | 0x1000             | 0x800      | 0          | 0      | TDX_INVALID_RESERVED_IN_TDMR     | 0x0    |
      | 0x1000             | 0x1000     | 0x2000     | 0x1800 | TDX_INVALID_RESERVED_IN_TDMR     | 0x100  |
      | 0x3FFFF000         | 0x2000     | 0          | 0      | TDX_INVALID_RESERVED_IN_TDMR     | 0x0    |
      | 0x40000000         | 0x1000     | 0          | 0      | TDX_INVALID_RESERVED_IN_TDMR     | 0x0    |
      | 0xFFFFFFFFFFFFF000 | 0x2000     | 0          | 0      | TDX_INVALID_RESERVED_IN_TDMR     | 0x0    |
      | 0xFFFFFFFFC0000000 | 0x1000     | 0          | 0      | TDX_INVALID_RESERVED_IN_TDMR     | 0x0    |
      | 0xFFFFFFFF80000000 | 0x40000000 | 0          | 0      | TDX_INVALID_RESERVED_IN_TDMR     | 0x0    |
      | 0x1000             | 0x1000     | 0x2000     | 0x1000 | TDX_SUCCESS                      | 0x0    |
      | 0x3FFFF000         | 0x1000     | 0          | 0      | TDX_SUCCESS                      | 0x0    |
      | 0                  | 0x40000000 | 0          | 0      | TDX_SUCCESS                      | 0x0    |

  @rule:SYS.CONFIG-10
  Scenario: all 16 reserved areas may be used
    Given the TDMR_INFO at 0x20001000 has:
      | RESERVED[0].OFFSET  | 0x00000 |
      | RESERVED[0].SIZE    | 0x1000  |
      | RESERVED[1].OFFSET  | 0x10000 |
      | RESERVED[1].SIZE    | 0x1000  |
      | RESERVED[2].OFFSET  | 0x20000 |
      | RESERVED[2].SIZE    | 0x1000  |
      | RESERVED[3].OFFSET  | 0x30000 |
      | RESERVED[3].SIZE    | 0x1000  |
      | RESERVED[4].OFFSET  | 0x40000 |
      | RESERVED[4].SIZE    | 0x1000  |
      | RESERVED[5].OFFSET  | 0x50000 |
      | RESERVED[5].SIZE    | 0x1000  |
      | RESERVED[6].OFFSET  | 0x60000 |
      | RESERVED[6].SIZE    | 0x1000  |
      | RESERVED[7].OFFSET  | 0x70000 |
      | RESERVED[7].SIZE    | 0x1000  |
      | RESERVED[8].OFFSET  | 0x80000 |
      | RESERVED[8].SIZE    | 0x1000  |
      | RESERVED[9].OFFSET  | 0x90000 |
      | RESERVED[9].SIZE    | 0x1000  |
      | RESERVED[10].OFFSET | 0xA0000 |
      | RESERVED[10].SIZE   | 0x1000  |
      | RESERVED[11].OFFSET | 0xB0000 |
      | RESERVED[11].SIZE   | 0x1000  |
      | RESERVED[12].OFFSET | 0xC0000 |
      | RESERVED[12].SIZE   | 0x1000  |
      | RESERVED[13].OFFSET | 0xD0000 |
      | RESERVED[13].SIZE   | 0x1000  |
      | RESERVED[14].OFFSET | 0xE0000 |
      | RESERVED[14].SIZE   | 0x1000  |
      | RESERVED[15].OFFSET | 0xF0000 |
      | RESERVED[15].SIZE   | 0x3FF10000 |
      | PAMT_4K_BASE        | 0x7FC00000 |
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SUCCESS

  @rule:SYS.CONFIG-11 @rule:SYS.CONFIG-3
  Scenario Outline: each PAMT must be 4 KB aligned, below MAX_PA with HKID 0, not wrap and hold 16 bytes per page of its level: <field> = <value>
    Given the TDMR_INFO at 0x20001000 has <field> = <value>
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_INVALID_PAMT with detail <detail>

    Examples:
      | field        | value              | detail |
      | PAMT_1G_BASE | 0x10000800         | 0x200  |
      | PAMT_1G_SIZE | 0x800              | 0x200  |
      | PAMT_1G_SIZE | 0                  | 0x200  |
      | PAMT_2M_BASE | 0x10001008         | 0x100  |
      | PAMT_2M_SIZE | 0x1000             | 0x100  |
      | PAMT_4K_SIZE | 0x3FF000           | 0x0    |
      | PAMT_4K_SIZE | 0x400800           | 0x0    |
      | PAMT_4K_BASE | 0x400000000000     | 0x0    |
      | PAMT_4K_BASE | 0x3FFFFFF00000     | 0x0    |
      | PAMT_4K_BASE | 0xFFFFFFFFFFFFF000 | 0x0    |
      | PAMT_4K_SIZE | 0xFFFFFFFFFFFFF000 | 0x0    |

  @rule:SYS.CONFIG-11 @rule:SYS.CONFIG-3
  Scenario: the PAMTs are checked 1G, then 2M, then 4K
    Given the TDMR_INFO at 0x20001000 has:
      | PAMT_1G_SIZE | 0      |
      | PAMT_2M_SIZE | 0      |
      | PAMT_4K_SIZE | 0      |
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_INVALID_PAMT with detail 0x200
    Given the TDMR_INFO at 0x20001000 has PAMT_1G_SIZE = 0x1000
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_INVALID_PAMT with detail 0x100

  @rule:SYS.CONFIG-12 @rule:SYS.CONFIG-3
  Scenario Outline: a PAMT must not overlap another PAMT or TDMR memory that is not reserved: <field> = <value>
    Given the TDMR_INFO at 0x20001000 has <field> = <value>
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_PAMT_OVERLAP with detail <detail>

    Examples:
      | field        | value      | detail |
      | PAMT_4K_BASE | 0x10002000 | 0x0    |
      | PAMT_4K_BASE | 0x0FC01000 | 0x0    |
      | PAMT_1G_BASE | 0x10003000 | 0x0    |
      | PAMT_1G_BASE | 0x10402000 | 0x0    |
      | PAMT_2M_BASE | 0x10000000 | 0x100  |
      | PAMT_2M_BASE | 0x0FFFF000 | 0x100  |
      | PAMT_4K_BASE | 0x40000000 | 0x0    |
      | PAMT_4K_BASE | 0x3FC01000 | 0x0    |
      | PAMT_2M_BASE | 0x7FFFE000 | 0x100  |
      | PAMT_1G_BASE | 0x7FFFF000 | 0x200  |

  @rule:SYS.CONFIG-12
  Scenario Outline: PAMTs may touch each other and the TDMR, and may lie in the TDMR's reserved areas: <field> = <value>
    Given the TDMR_INFO at 0x20001000 has:
      | RESERVED[0].OFFSET | 0x10000000 |
      | RESERVED[0].SIZE   | 0x01000000 |
      | <field>            | <value>    |
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is <status> with detail <detail>

    Examples:
      | field        | value      | status           | detail |
      | PAMT_4K_BASE | 0x3FC00000 | TDX_SUCCESS      | 0x0    |
      | PAMT_4K_BASE | 0x0FC00000 | TDX_SUCCESS      | 0x0    |
      | PAMT_1G_BASE | 0x80000000 | TDX_SUCCESS      | 0x0    |
      | PAMT_4K_BASE | 0x50000000 | TDX_SUCCESS      | 0x0    |
      | PAMT_4K_BASE | 0x50C00000 | TDX_SUCCESS      | 0x0    |
      | PAMT_4K_BASE | 0x50C01000 | TDX_PAMT_OVERLAP | 0x0    |
      | PAMT_4K_BASE | 0x4FFFF000 | TDX_PAMT_OVERLAP | 0x0    |

  @rule:SYS.CONFIG-12 @rule:SYS.CONFIG-3
  Scenario Outline: PAMTs of a second TDMR are checked against the first TDMR and its PAMTs: <field> = <value>
    Given the TDMR_INFO at 0x20001200 describes 1 GB at 0x80000000 with its PAMTs from 0x11000000
    And the TDMR_INFO at 0x20001200 has <field> = <value>
    And host memory at 0x20000000 holds the qwords "0x20001000 0x20001200"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 2          |
      | R8  | 32         |
    Then RAX is TDX_PAMT_OVERLAP with detail <detail>

    Examples:
      | field        | value      | detail  |
      | PAMT_4K_BASE | 0x10003000 | 0x1     |
      | PAMT_4K_BASE | 0x10000000 | 0x1     |
      | PAMT_2M_BASE | 0x10000000 | 0x101   |
      | PAMT_1G_BASE | 0x10402000 | 0x201   |
      | PAMT_1G_BASE | 0x10000000 | 0x201   |
      | PAMT_1G_BASE | 0x40000000 | 0x201   |
      | PAMT_4K_BASE | 0x40000000 | 0x1     |
      | PAMT_2M_BASE | 0x80000000 | 0x10101 |

  @rule:SYS.CONFIG-12 @rule:SYS.CONFIG-3
  Scenario: a PAMT of the first TDMR inside the second TDMR's memory is reported with the first TDMR's index
    Given the TDMR_INFO at 0x20001000 has PAMT_1G_BASE = 0x80001000
    And the TDMR_INFO at 0x20001200 describes 1 GB at 0x80000000 with its PAMTs from 0x11000000
    And host memory at 0x20000000 holds the qwords "0x20001000 0x20001200"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 2          |
      | R8  | 32         |
    Then RAX is TDX_PAMT_OVERLAP with detail 0x10200

  @rule:SYS.CONFIG-13 @rule:SYS.CONFIG-3
  Scenario Outline: PAMTs must lie inside the CMRs (0..4 GB): <field> = <value>
    Given the TDMR_INFO at 0x20001000 has <field> = <value>
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is <status> with detail <detail>

    Examples:
      | field        | value       | status                | detail |
      | PAMT_1G_BASE | 0x100000000 | TDX_PAMT_OUTSIDE_CMRS | 0x200  |
      | PAMT_2M_BASE | 0xFFFFF000  | TDX_PAMT_OUTSIDE_CMRS | 0x100  |
      | PAMT_4K_BASE | 0xFFC01000  | TDX_PAMT_OUTSIDE_CMRS | 0x0    |
      | PAMT_4K_BASE | 0xFFC00000  | TDX_SUCCESS           | 0x0    |
      | PAMT_4K_BASE | 0x3FFFFFC00000 | TDX_PAMT_OUTSIDE_CMRS | 0x0 |
      | PAMT_1G_BASE | 0xFFFFF000  | TDX_SUCCESS           | 0x0    |

  @rule:SYS.CONFIG-13 @rule:SYS.CONFIG-3
  Scenario: a TDMR outside the CMRs, with valid PAMTs, is refused after the PAMT checks
    Given the TDMR_INFO at 0x20001000 has TDMR_BASE = 0x100000000
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_TDMR_OUTSIDE_CMRS with detail 0x0

  @rule:SYS.CONFIG-2
  Scenario: the global private HKID is reserved in the KOT once the register checks pass, even when a TDMR is refused later
    Given the TDMR_INFO at 0x20001000 has TDMR_SIZE = 0
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 40         |
    Then RAX is TDX_INVALID_TDMR with detail 0x0
    Given the TDMR_INFO at 0x20001000 has TDMR_SIZE = 0x40000000
    And the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    And the VMM calls TDH.SYS.KEY.CONFIG
    And the VMM calls TDH.SYS.TDMR.INIT with RCX = 0x40000000 while RDX is below 0x80000000
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x40000000 |
      | RDX | 40         |
    Then RAX is TDX_HKID_NOT_FREE
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x40000000 |
      | RDX | 32         |
    Then RAX is TDX_HKID_NOT_FREE
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x40000000 |
      | RDX | 41         |
    Then RAX is TDX_SUCCESS

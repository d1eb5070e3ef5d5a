@area:seamcall @leaf:TDH.SYS.INFO
Feature: TDH.SYS.INFO writes TDSYSINFO_STRUCT and the CMR table into host buffers
  RCX = TDSYSINFO_STRUCT HPA (1024-byte aligned shared PA), RDX = its size (at least 1024), R8 = CMR_INFO array HPA
  (512-byte aligned: MAX_CMR 32 entries of base and size), R9 = its entry count (at least 32). Outputs RDX = 1024 and
  R9 = 32, both cleared first. TDSYSINFO_STRUCT is zeroed once RCX and RDX pass, then filled after R8 and R9 pass.
  Sources: intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_sys_info.c, include/tdx_api_defs.h (td_sys_info_t,
  cmr_info_entry_t, MAX_CMR 32); the same facts are TDH.SYS.RD global fields (src/common/metadata_handlers/metadata_sys.c).

  Background:
    Given the platform's CMRs are "0:0x80000000, 0x100000000:0x100000000"
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    And host memory at 0x30000000 holds 4096 bytes of 0xFF
    And host memory at 0x30001000 holds 4096 bytes of 0xFF

  @rule:SYS.INFO-5
  Scenario: TDSYSINFO_STRUCT states the module's facts, as TDH.SYS.RD reads them, before TDH.SYS.CONFIG
    When the VMM calls TDH.SYS.INFO with:
      | RCX | 0x30000000 |
      | RDX | 1024       |
      | R8  | 0x30001000 |
      | R9  | 32         |
    Then RAX is TDX_SUCCESS
    And RDX is 1024
    And R9 is 32
    And every register except RAX, RDX and R9 is unchanged
    And the TDSYSINFO_STRUCT at 0x30000000 has ATTRIBUTES = 0x0
    And the TDSYSINFO_STRUCT at 0x30000000 has VENDOR_ID = 0x8086
    And the TDSYSINFO_STRUCT at 0x30000000 has SYS_RD = 0x1
    And the TDSYSINFO_STRUCT at 0x30000000 has TDVPS_XFAM_DEPENDENT_SIZE = 0x0
    And the TDSYSINFO_STRUCT at 0x30000000 has MAX_RESERVED_PER_TDMR = 16
    And the TDSYSINFO_STRUCT at 0x30000000 has VENDOR_ID as TDH.SYS.RD reads field 0x0800000200000000
    And the TDSYSINFO_STRUCT at 0x30000000 has BUILD_DATE as TDH.SYS.RD reads field 0x8800000200000001
    And the TDSYSINFO_STRUCT at 0x30000000 has BUILD_NUM as TDH.SYS.RD reads field 0x8800000100000002
    And the TDSYSINFO_STRUCT at 0x30000000 has MINOR_VERSION as TDH.SYS.RD reads field 0x0800000100000003
    And the TDSYSINFO_STRUCT at 0x30000000 has MAJOR_VERSION as TDH.SYS.RD reads field 0x0800000100000004
    And the TDSYSINFO_STRUCT at 0x30000000 has MAX_TDMRS as TDH.SYS.RD reads field 0x9100000100000008
    And the TDSYSINFO_STRUCT at 0x30000000 has MAX_RESERVED_PER_TDMR as TDH.SYS.RD reads field 0x9100000100000009
    And the TDSYSINFO_STRUCT at 0x30000000 has PAMT_ENTRY_SIZE as TDH.SYS.RD reads field 0x9100000100000010
    And the TDSYSINFO_STRUCT at 0x30000000 has TDCS_BASE_SIZE as TDH.SYS.RD reads field 0x9800000100000100
    And the TDSYSINFO_STRUCT at 0x30000000 has TDVPS_BASE_SIZE as TDH.SYS.RD reads field 0x9800000100000200
    And the TDSYSINFO_STRUCT at 0x30000000 has ATTRIBUTES_FIXED0 as TDH.SYS.RD reads field 0x1900000300000000
    And the TDSYSINFO_STRUCT at 0x30000000 has ATTRIBUTES_FIXED1 as TDH.SYS.RD reads field 0x1900000300000001
    And the TDSYSINFO_STRUCT at 0x30000000 has XFAM_FIXED0 as TDH.SYS.RD reads field 0x1900000300000002
    And the TDSYSINFO_STRUCT at 0x30000000 has XFAM_FIXED1 as TDH.SYS.RD reads field 0x1900000300000003
    And the 13 bytes of host memory at 0x30000013 are all 0x00
    And the 10 bytes of host memory at 0x30000026 are all 0x00
    And the 2 bytes of host memory at 0x30000032 are all 0x00
    And the 9 bytes of host memory at 0x30000037 are all 0x00
    And the 32 bytes of host memory at 0x30000060 are all 0x00
    And the 3072 bytes of host memory at 0x30000400 are all 0xFF

  @rule:SYS.INFO-5
  Scenario: the CMR table holds the platform's CMRs and zero entries up to MAX_CMR
    When the VMM calls TDH.SYS.INFO with:
      | RCX | 0x30000000 |
      | RDX | 0x1000     |
      | R8  | 0x30001000 |
      | R9  | 64         |
    Then RAX is TDX_SUCCESS
    And RDX is 1024
    And R9 is 32
    And the CMR_INFO at 0x30001000 entry 0 is base 0x0 size 0x80000000
    And the CMR_INFO at 0x30001000 entry 1 is base 0x100000000 size 0x100000000
    And the CMR_INFO at 0x30001000 entry 2 is base 0x0 size 0x0
    And the CMR_INFO at 0x30001000 entry 31 is base 0x0 size 0x0
    And the 3584 bytes of host memory at 0x30001200 are all 0xFF

  @rule:SYS.INFO-5
  Scenario: RDX may be any size of at least 1024 (an unsigned size)
    When the VMM calls TDH.SYS.INFO with:
      | RCX | 0x30000000         |
      | RDX | 0xFFFFFFFFFFFFFFFF |
      | R8  | 0x30001200         |
      | R9  | 32                 |
    Then RAX is TDX_SUCCESS
    And the TDSYSINFO_STRUCT at 0x30000000 has MAX_TDMRS as TDH.SYS.RD reads field 0x9100000100000008

  @rule:SYS.INFO-1 @rule:SYS.INFO-2
  Scenario Outline: TDH.SYS.INFO refuses <why> with TDX_OPERAND_INVALID (<operand>) and leaves RDX and R9 zero, before touching any buffer
    When the VMM calls TDH.SYS.INFO with:
      | RCX | <rcx>      |
      | RDX | <rdx>      |
      | R8  | 0x30001000 |
      | R9  | 32         |
    Then RAX is TDX_OPERAND_INVALID with operand <operand>
    And RDX is 0x0
    And R9 is 0x0
    And the 4096 bytes of host memory at 0x30000000 are all 0xFF
    And the 512 bytes of host memory at 0x30001000 are all 0xFF

    Examples:
      | rcx                | rdx  | operand | why                                  |
      | 0x30000200         | 1024 | RCX     | a TDSYSINFO_STRUCT only 512-aligned  |
      | 0x30000008         | 1024 | RCX     | a TDSYSINFO_STRUCT only 8-aligned    |
      | 0x0008000030000000 | 1024 | RCX     | a TDSYSINFO_STRUCT with a private HKID |
      | 0x0010000030000000 | 1024 | RCX     | a TDSYSINFO_STRUCT above MAX_PA      |
      | 0x30000000         | 1023 | RDX     | a buffer smaller than 1024 bytes     |
      | 0x30000000         | 0    | RDX     | a buffer of size 0                   |

  @rule:SYS.INFO-1 @rule:SYS.INFO-2
  Scenario Outline: a bad CMR_INFO operand (<why>) is refused after TDSYSINFO_STRUCT was zeroed
    When the VMM calls TDH.SYS.INFO with:
      | RCX | 0x30000000 |
      | RDX | 1024       |
      | R8  | <r8>       |
      | R9  | <r9>       |
    Then RAX is TDX_OPERAND_INVALID with operand <operand>
    And RDX is 0x0
    And R9 is 0x0
    And the 1024 bytes of host memory at 0x30000000 are all 0x00
    And the 3072 bytes of host memory at 0x30000400 are all 0xFF
    And the 512 bytes of host memory at 0x30001000 are all 0xFF

    Examples:
      | r8                 | r9 | operand | why                         |
      | 0x30001100         | 32 | R8      | CMR_INFO only 256-aligned   |
      | 0x0008000030001000 | 32 | R8      | CMR_INFO with a private HKID |
      | 0x30001000         | 31 | R9      | fewer than 32 entries       |
      | 0x30001000         | 0  | R9      | no entries                  |

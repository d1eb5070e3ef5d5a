@leaf:TDG.MR.REPORT @area:tdcall
Feature: TDG.MR.REPORT writes a TDREPORT that binds the caller's REPORTDATA
  RCX is the GPA of the 1024-byte TDREPORT_STRUCT to write (1024-byte aligned), RDX the GPA of the 64 bytes of
  REPORTDATA (64-byte aligned), R8 the report subtype (0). Both GPAs may be private or shared.
  TDREPORT_STRUCT: REPORTMACSTRUCT at 0 (REPORTTYPE 0, CPUSVN 16, TEE_TCB_INFO_HASH 32, TEE_INFO_HASH 80,
  REPORTDATA 128, MAC 224), TEE_TCB_INFO at 256, TDINFO at 512 (ATTRIBUTES +0, XFAM +8, MRTD +16, RTMR0 +208).
  Source: TDX module ABI spec, TDG.MR.REPORT and TDREPORT_STRUCT; intel/tdx-module tdg_mr_report.c,
  tdx_api_defs.h (TDX_REPORT_TYPE 0x81, TDX_REPORT_SUBTYPE 0); Linux tdx_mcall_get_report0().

  Background:
    Given a TD guest
    And the guest writes "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37 38 39 3a 3b 3c 3d 3e 3f" to memory at 0x100400

  Rule: the report carries the REPORTDATA, the report type and the TD's TDINFO

    @rule:MR.REPORT-2
    Scenario: the caller's REPORTDATA lands at offset 128 of the report
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And the TDREPORT at 0x101000 has REPORTDATA = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

    @rule:MR.REPORT-2
    Scenario Outline: a <version> module reports type 0x81, subtype 0, version 0 for a TD without service TDs
      Given the TDX module version is "<version>"
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And the TDREPORT at 0x101000 has REPORTTYPE.TYPE = 0x81
      And the TDREPORT at 0x101000 has REPORTTYPE.SUBTYPE = 0
      And the TDREPORT at 0x101000 has REPORTTYPE.VERSION = 0

      Examples:
        | version |
        | 1.0     |
        | 1.5     |

    @rule:MR.REPORT-2
    Scenario: TDINFO carries the TD's XFAM, MRTD, MRCONFIGID, MROWNER, MROWNERCONFIG and SERVTD_HASH
      The TD-scope fields are set element by element (elements 0 and 5 of each 48-byte field, all six of MRTD, TDG.VM.RD field IDs
      of intel/tdx-module tdx_1.5 td_scope_fields_lookup); TDINFO_STRUCT copies them (ABI spec TDINFO_STRUCT,
      tdg_mr_report.c).
      Given the TD is configured with:
        | XFAM | 0x2E7 |
      And the TD metadata field 0x1310000300000000 holds 0x1111111111111101
      And the TD metadata field 0x1310000300000001 holds 0x0
      And the TD metadata field 0x1310000300000002 holds 0x0
      And the TD metadata field 0x1310000300000003 holds 0x0
      And the TD metadata field 0x1310000300000004 holds 0x0
      And the TD metadata field 0x1310000300000005 holds 0x1111111111111106
      And the TD metadata field 0x1310000300000010 holds 0x2222222222222201
      And the TD metadata field 0x1310000300000015 holds 0x2222222222222206
      And the TD metadata field 0x1310000300000018 holds 0x3333333333333301
      And the TD metadata field 0x131000030000001D holds 0x3333333333333306
      And the TD metadata field 0x1310000300000020 holds 0x4444444444444401
      And the TD metadata field 0x1310000300000025 holds 0x4444444444444406
      And the TD metadata field 0x9910000300000000 holds 0x5555555555555501
      And the TD metadata field 0x9910000300000005 holds 0x5555555555555506
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And the TDREPORT at 0x101000 has XFAM = 0x2E7
      And the TDREPORT at 0x101000 has MRTD = "011111111111111100000000000000000000000000000000000000000000000000000000000000000611111111111111"
      And the TDREPORT at 0x101000 has MRCONFIGID = "012222222222222200000000000000000000000000000000000000000000000000000000000000000622222222222222"
      And the TDREPORT at 0x101000 has MROWNER = "013333333333333300000000000000000000000000000000000000000000000000000000000000000633333333333333"
      And the TDREPORT at 0x101000 has MROWNERCONFIG = "014444444444444400000000000000000000000000000000000000000000000000000000000000000644444444444444"
      And the TDREPORT at 0x101000 has SERVTD_HASH = "015555555555555500000000000000000000000000000000000000000000000000000000000000000655555555555555"
      And the TDREPORT at 0x101000 has TEE_INFO_HASH = the SHA-384 of its TDINFO

    @rule:MR.REPORT-2
    Scenario: TDINFO carries the TD's ATTRIBUTES and RTMRs, and TEE_INFO_HASH is the SHA-384 of TDINFO
      Given the TD is configured with:
        | ATTRIBUTES | 0x10000000 |
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And the TDREPORT at 0x101000 has ATTRIBUTES = 0x10000000
      And the TDREPORT at 0x101000 has RTMR0 = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has RTMR3 = 48 bytes of 0x00
      And the TDREPORT at 0x101000 has TEE_INFO_HASH = the SHA-384 of its TDINFO

    @rule:MR.REPORT-2
    Scenario: each report binds the REPORTDATA of its own call
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      And the guest writes 64 bytes of 0x5A to memory at 0x100400
      And the guest calls TDG.MR.REPORT with:
        | RCX | 0x101400 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And the TDREPORT at 0x101000 has REPORTDATA = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
      And the TDREPORT at 0x101400 has REPORTDATA = 64 bytes of 0x5A

    @rule:MR.REPORT-2
    Scenario: the report and the REPORTDATA may be in shared memory
      Given the guest writes 64 bytes of 0x77 to memory at 0x0000800000180000
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x0000800000181000 |
        | RDX | 0x0000800000180000 |
        | R8  | 0                  |
      Then RAX is TDX_SUCCESS
      And the TDREPORT at 0x0000800000181000 has REPORTDATA = 64 bytes of 0x77
      And the TDREPORT at 0x0000800000181000 has REPORTTYPE.TYPE = 0x81

  Rule: checks run in the order RCX alignment, RDX alignment, RDX translation, R8 subtype, then RCX translation

    @rule:MR.REPORT-1
    Scenario Outline: <what> is rejected with operand <operand>
      When the guest calls TDG.MR.REPORT with:
        | RCX | <rcx> |
        | RDX | <rdx> |
        | R8  | <r8>  |
      Then RAX is TDX_OPERAND_INVALID with operand <operand>
      And no other register changed
      And the call complies with the leaf's contract

      Examples:
        | what                                                | rcx                | rdx                | r8          | operand |
        | a TDREPORT GPA only 512-byte aligned                | 0x101200           | 0x100400           | 0           | RCX     |
        | a misaligned TDREPORT GPA, before anything else     | 0x101001           | 0x100401           | 1           | RCX     |
        | a REPORTDATA GPA only 32-byte aligned               | 0x101000           | 0x100420           | 0           | RDX     |
        | a REPORTDATA GPA above the GPA width, before R8     | 0x101000           | 0x0001000000100400 | 1           | RDX     |
        | subtype 1                                           | 0x101000           | 0x100400           | 1           | R8      |
        | subtype with only bit 32 set (all 64 bits compared) | 0x101000           | 0x100400           | 0x100000000 | R8      |
        | subtype 1 with a TDREPORT GPA above the GPA width   | 0x0001000000101000 | 0x100400           | 1           | R8      |
        | a TDREPORT GPA above the GPA width                  | 0x0001000000101000 | 0x100400           | 0           | RCX     |
        | a TDREPORT GPA with bits 63:52 set                  | 0x8000000000101000 | 0x100400           | 0           | RCX     |

  Rule: a failed call leaves the TDREPORT buffer untouched

    @rule:MR.REPORT-3
    Scenario Outline: after <what> the buffer still holds what the guest put there
      Given the guest writes 1024 bytes of 0xEE to memory at 0x101000
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | <rdx>    |
        | R8  | <r8>     |
      Then RAX is TDX_OPERAND_INVALID with operand <operand>
      And guest memory at 0x101000 holds 1024 bytes of 0xEE

      Examples:
        | what                    | rdx      | r8 | operand |
        | a bad subtype           | 0x100400 | 1  | R8      |
        | a misaligned REPORTDATA | 0x100408 | 0  | RDX     |

  Rule: memory operands that are not mapped fault instead of returning a status

    @rule:MR.REPORT-4
    Scenario: an unmapped TDREPORT GPA causes an EPT-violation TD exit
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x300000 |
        | RDX | 0x100400 |
        | R8  | 0        |
      Then the host was called
      And the host saw RAX = 48
      And the host saw R8 = 0x300000
      And every register is unchanged

    @rule:MR.REPORT-4
    Scenario: REPORTDATA on a PENDING page raises a #VE and no report is written
      Given a pending 4K page at 0x300000
      And the guest writes 1024 bytes of 0xEE to memory at 0x101000
      When the guest calls TDG.MR.REPORT with:
        | RCX | 0x101000 |
        | RDX | 0x300000 |
        | R8  | 0        |
      Then every register is unchanged
      And guest memory at 0x101000 holds 1024 bytes of 0xEE
      When the guest calls TDG.VP.VEINFO.GET
      Then RAX is TDX_SUCCESS
      And RCX field EXIT_REASON is 48
      And R9 is 0x300000

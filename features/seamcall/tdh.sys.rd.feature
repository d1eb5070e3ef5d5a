@area:seamcall
Feature: TDH.SYS.RD reads one global metadata element and names the next; TDH.SYS.RDALL dumps them as a metadata list
  TDH.SYS.RD: RDX = field id (CONTEXT_CODE ignored) → R8 = the element, RDX = the next element's id (all ones after the
  last); on error RDX is all ones and R8 0. TDH.SYS.RDALL: RDX = a 4 KB aligned shared page, R8 = the first field id
  (all ones: from the first field) → the page holds a metadata list, R8 = all ones when the dump completed.
  Sources: intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_sys_rd.c, tdh_sys_rdall.c,
  src/common/metadata_handlers/metadata_generic.c (md_get_next_element_in_context, md_dump_list, md_dump_sequence,
  md_check_as_single_element_id), global_sys_fields_lookup.c (field ids: NUM_CMRS 0x9000000100000000, CMR_BASE
  0x9000000300000080 and CMR_SIZE 0x9000000300000100 with 32 elements, CPUID_CONFIG_VALUES 0x9900000300000500 with 2
  elements per field).

  Background:
    Given the platform's CMRs are "0:0x80000000, 0x100000000:0x100000000"

  @leaf:TDH.SYS.RD @rule:TDH.SYS.RD-2
  Scenario Outline: TDH.SYS.RD of <rdx> reads <r8> and names the next element <next>
    Given TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    When the VMM calls TDH.SYS.RD with:
      | RDX | <rdx> |
    Then RAX is TDX_SUCCESS
    And R8 is <r8>
    And RDX is <next>
    And every register except RAX, RDX and R8 is unchanged

    Examples:
      | rdx                | r8          | next               |
      | 0x9000000100000000 | 2           | 0x9000000300000080 |
      | 0x9000000300000080 | 0x0         | 0x9000000300000081 |
      | 0x9000000300000081 | 0x100000000 | 0x9000000300000082 |
      | 0x9000000300000082 | 0x0         | 0x9000000300000083 |
      | 0x900000030000009F | 0x0         | 0x9000000300000100 |
      | 0x9000000300000100 | 0x80000000  | 0x9000000300000101 |
      | 0x9010000300000101 | 0x100000000 | 0x9000000300000102 |
      | 0x900000030000011F | 0x0         | 0x9100000100000008 |
      | 0x0000000200000000 | 2           | 0x0000000200000001 |

  @leaf:TDH.SYS.RD @rule:TDH.SYS.RD-2
  Scenario: the last global field (VCPU_L2_DEBUG_CTLS_FIXED1) names no next element
    Given TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    When the VMM calls TDH.SYS.RD with:
      | RDX | 0xA200000300000006 |
    Then RAX is TDX_SUCCESS
    And RDX is 0xFFFFFFFFFFFFFFFF

  @leaf:TDH.SYS.RD @rule:TDH.SYS.RD-5 @rule:TDH.SYS.RD-1
  Scenario Outline: TDH.SYS.RD of <rdx> is <status>, with RDX <next> and R8 0
    Given TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    When the VMM calls TDH.SYS.RD with:
      | RDX | <rdx> |
    Then RAX is <status>
    And RDX is <next>
    And R8 is 0x0

    Examples:
      | rdx                | status                                 | next               |
      | 0xFFFFFFFFFFFFFFFF | TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT | 0x0000000200000000 |
      | 0xFF8FFFFFFFFFFFFF | TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT | 0x0000000200000000 |
      | 0x9000000100000001 | TDX_METADATA_FIELD_ID_INCORRECT        | 0xFFFFFFFFFFFFFFFF |
      | 0x9000000300000120 | TDX_METADATA_FIELD_ID_INCORRECT        | 0xFFFFFFFFFFFFFFFF |
      | 0x9000000700000080 | TDX_METADATA_FIELD_ID_INCORRECT        | 0xFFFFFFFFFFFFFFFF |
      | 0x9000004300000080 | TDX_METADATA_FIELD_ID_INCORRECT        | 0xFFFFFFFFFFFFFFFF |

  @leaf:TDH.SYS.RD @rule:TDH.SYS.RD-3 @rule:TDH.SYS.RDALL-3 @rule:SYS.INFO-3
  Scenario: TDH.SYS.RD, TDH.SYS.RDALL and TDH.SYS.INFO need TDH.SYS.LP.INIT on the calling logical processor
    Given the VMM calls TDH.SYS.INIT
    When the VMM calls TDH.SYS.RD with:
      | RDX | 0x9000000100000000 |
    Then RAX is TDX_SYS_LP_INIT_NOT_DONE
    And RDX is 0xFFFFFFFFFFFFFFFF
    And R8 is 0x0
    When the VMM calls TDH.SYS.RDALL with:
      | RDX | 0x30000000         |
      | R8  | 0x9000000100000000 |
    Then RAX is TDX_SYS_LP_INIT_NOT_DONE
    And R8 is 0xFFFFFFFFFFFFFFFF
    When the VMM calls TDH.SYS.INFO with:
      | RCX | 0x30000000 |
      | RDX | 1024       |
      | R8  | 0x30001000 |
      | R9  | 32         |
    Then RAX is TDX_SYS_LP_INIT_NOT_DONE
    And RDX is 0x0
    And R9 is 0x0

  @leaf:TDH.SYS.RDALL @rule:TDH.SYS.RDALL-2
  Scenario Outline: TDH.SYS.RDALL from <r8> dumps exactly what the TDH.SYS.RD chain reads from there
    Given TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    And host memory at 0x30000000 holds 4096 bytes of 0xFF
    When the VMM calls TDH.SYS.RDALL with:
      | RDX | 0x30000000 |
      | R8  | <r8>       |
    Then RAX is TDX_SUCCESS
    And R8 is 0xFFFFFFFFFFFFFFFF
    And every register except RAX and R8 is unchanged
    And the metadata list at 0x30000000 holds every element TDH.SYS.RD reads from field <r8> on

    Examples:
      | r8                 |
      | 0xFFFFFFFFFFFFFFFF |
      | 0x0000000200000000 |
      | 0x0000000200000001 |
      | 0x9000000100000000 |
      | 0x9000000300000085 |
      | 0x9000000300000100 |
      | 0x9900000300000502 |
      | 0xA200000300000006 |

  @leaf:TDH.SYS.RDALL @rule:TDH.SYS.RDALL-1 @rule:TDH.SYS.RDALL-4
  Scenario Outline: TDH.SYS.RDALL from <r8> is TDX_METADATA_FIELD_ID_INCORRECT and writes nothing
    Given TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    And host memory at 0x30000000 holds 4096 bytes of 0xFF
    When the VMM calls TDH.SYS.RDALL with:
      | RDX | 0x30000000 |
      | R8  | <r8>       |
    Then RAX is TDX_METADATA_FIELD_ID_INCORRECT
    And R8 is 0xFFFFFFFFFFFFFFFF
    And the 4096 bytes of host memory at 0x30000000 are all 0xFF

    Examples:
      | r8                 | why                                           |
      | 0x9900000300000501 | not the first element of a 2-element field    |
      | 0x9000000300000000 | NUM_CMRS with the wrong ELEMENT_SIZE_CODE     |
      | 0x9000000300000120 | no such field                                 |

  @leaf:TDH.SYS.RDALL @rule:TDH.SYS.RDALL-1 @rule:TDH.SYS.RDALL-4
  Scenario Outline: TDH.SYS.RDALL needs a 4 KB aligned shared page in RDX: <rdx>
    Given TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    When the VMM calls TDH.SYS.RDALL with:
      | RDX | <rdx>              |
      | R8  | 0x9000000100000000 |
    Then RAX is TDX_OPERAND_INVALID with operand RDX
    And R8 is 0xFFFFFFFFFFFFFFFF

    Examples:
      | rdx                |
      | 0x30000800         |
      | 0x30000008         |
      | 0x0008000030000000 |
      | 0x0010000030000000 |

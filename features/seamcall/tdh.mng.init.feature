@area:seamcall
Feature: TDH.MNG.INIT checks every TD_PARAMS field, in the order of the TDX module, and configures the TD from it
  TDH.MNG.INIT (leaf 21) reads the 1024-byte TD_PARAMS at the shared HPA in RDX (1024-byte aligned) and checks, in
  this order: ATTRIBUTES (operand ATTRIBUTES), XFAM (XFAM), MAX_VCPUS (MAX_VCPUS), NUM_L2_VMS (NUM_L2_VMS), enough
  TDCS pages for the L2 VMs (TDX_TDCS_NOT_ALLOCATED), reserved bytes 23:20 (RDX), CONFIG_FLAGS (EXEC_CONTROLS),
  EPTP_CONTROLS (WB, a 4- or 5-level walk, nothing else; 5 levels when CONFIG_FLAGS.GPAW) (EPTP_CONTROLS), TSC_FREQUENCY 4..400 (TSC_FREQUENCY), reserved bytes 79:42,
  MSR_CONFIG_CTLS bits 7:1 and reserved bytes 255:232 (RDX), then the CPUID_CONFIG area and the reserved bytes after it
  (RDX). Sources: intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mng_init.c
  (read_and_set_td_configurations, read_and_set_cpuid_configurations), include/tdx_api_defs.h (td_params_t,
  TD_PARAMS_RESERVED0..3_SIZE), src/common/helpers/helpers.c (check_xfam, verify_td_config_flags); TDX module ABI
  spec TDH.MNG.INIT and TD_PARAMS. The modelled platform supports XFAM 0x602E7 and ATTRIBUTES DEBUG, SEPT_VE_DISABLE,
  MIGRATABLE, PKS and PERFMON (docs/fixtures.md).

  @leaf:TDH.MNG.INIT @rule:TDH.MNG.INIT-6
  Scenario Outline: TD_PARAMS with <field> = <value> is refused with operand <operand>
    Given a TD that is tdcs
    And host memory at 0x30400000 holds TD_PARAMS with:
      | <field> | <value> |
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30400000 |
    Then RAX is TDX_OPERAND_INVALID with operand <operand>
    And RCX is 0x0
    And the call complies with the leaf's contract
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9010000200000004 |
    Then RAX is TDX_OP_STATE_INCORRECT

    Examples:
      | field           | value              | operand       |
      | ATTRIBUTES      | 0x2                | ATTRIBUTES    |
      | ATTRIBUTES      | 0x4000000000000000 | ATTRIBUTES    |
      | ATTRIBUTES      | 0x20000001         | ATTRIBUTES    |
      | ATTRIBUTES      | 0x8000000020000000 | ATTRIBUTES    |
      | XFAM            | 0x1                | XFAM          |
      | XFAM            | 0x2                | XFAM          |
      | XFAM            | 0xB                | XFAM          |
      | XFAM            | 0x23               | XFAM          |
      | XFAM            | 0xC7               | XFAM          |
      | XFAM            | 0xE3               | XFAM          |
      | XFAM            | 0x20003            | XFAM          |
      | XFAM            | 0x40003            | XFAM          |
      | MAX_VCPUS       | 0x0                | MAX_VCPUS     |
      | NUM_L2_VMS      | 4                  | NUM_L2_VMS    |
      | NUM_L2_VMS      | 0xFF               | NUM_L2_VMS    |
      | byte 20         | 0x1                | RDX           |
      | byte 23         | 0x80               | RDX           |
      | CONFIG_FLAGS    | 0x8                | EXEC_CONTROLS |
      | CONFIG_FLAGS    | 0x8000000000000000 | EXEC_CONTROLS |
      | EPTP_CONTROLS   | 0x16               | EPTP_CONTROLS |
      | EPTP_CONTROLS   | 0x2E               | EPTP_CONTROLS |
      | EPTP_CONTROLS   | 0x101E             | EPTP_CONTROLS |
      | EPTP_CONTROLS   | 0x18               | EPTP_CONTROLS |
      | EPTP_CONTROLS   | 0x5E               | EPTP_CONTROLS |
      | CONFIG_FLAGS    | 0x1                | EPTP_CONTROLS |
      | TSC_FREQUENCY   | 3                  | TSC_FREQUENCY |
      | TSC_FREQUENCY   | 0                  | TSC_FREQUENCY |
      | TSC_FREQUENCY   | 401                | TSC_FREQUENCY |
      | TSC_FREQUENCY   | 0xFFFF             | TSC_FREQUENCY |
      | byte 42         | 0x1                | RDX           |
      | byte 79         | 0x1                | RDX           |
      | MSR_CONFIG_CTLS | 0x2                | RDX           |
      | MSR_CONFIG_CTLS | 0x80               | RDX           |
      | byte 232        | 0x1                | RDX           |
      | byte 255        | 0x1                | RDX           |
      | byte 448        | 0x1                | RDX           |
      | byte 1023       | 0x1                | RDX           |

  @leaf:TDH.MNG.INIT @rule:TDH.MNG.INIT-7
  Scenario Outline: the first bad TD_PARAMS field in the module's order is reported: <first> before <second>
    Given a TD that is tdcs
    And host memory at 0x30400000 holds TD_PARAMS with:
      | <first>  | <first value>  |
      | <second> | <second value> |
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30400000 |
    Then RAX is TDX_OPERAND_INVALID with operand <operand>

    Examples:
      | first         | first value | second        | second value | operand       |
      | ATTRIBUTES    | 0x2         | byte 20       | 0x1          | ATTRIBUTES    |
      | XFAM          | 0x1         | byte 255      | 0x1          | XFAM          |
      | MAX_VCPUS     | 0           | byte 42       | 0x1          | MAX_VCPUS     |
      | NUM_L2_VMS    | 4           | byte 1023     | 0x1          | NUM_L2_VMS    |
      | byte 20       | 0x1         | CONFIG_FLAGS  | 0x8          | RDX           |
      | CONFIG_FLAGS  | 0x8         | byte 42       | 0x1          | EXEC_CONTROLS |
      | EPTP_CONTROLS | 0x16        | byte 232      | 0x1          | EPTP_CONTROLS |
      | TSC_FREQUENCY | 401         | MSR_CONFIG_CTLS | 0x2        | TSC_FREQUENCY |

  @leaf:TDH.MNG.INIT @rule:TDH.MNG.INIT-8
  Scenario Outline: each L2 VM needs 3 more TDCS pages: NUM_L2_VMS <l2> with 6 pages
    Given a TD that is tdcs
    And host memory at 0x30400000 holds TD_PARAMS with:
      | NUM_L2_VMS | <l2> |
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30400000 |
    Then RAX is TDX_TDCS_NOT_ALLOCATED
    And the call complies with the leaf's contract

    Examples:
      | l2 |
      | 1  |
      | 3  |

  @leaf:TDH.MNG.INIT @rule:TDH.MNG.INIT-6
  Scenario Outline: TD_PARAMS at <hpa> is not a 1024-byte aligned shared HPA
    Given a TD that is tdcs
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR   |
      | RDX | <hpa> |
    Then RAX is TDX_OPERAND_INVALID with operand RDX
    And the call complies with the leaf's contract

    Examples:
      | hpa                |
      | 0x30400200         |
      | 0x30400008         |
      | 0x0040000030400000 |

  @leaf:TDH.MNG.INIT @rule:TDH.MNG.INIT-9
  Scenario: TDH.MNG.INIT runs once
    Given a TD that is initialized
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30000000 |
    Then RAX is TDX_OP_STATE_INCORRECT
    And the call complies with the leaf's contract

  @leaf:TDH.MNG.INIT @rule:TDH.MNG.INIT-9
  Scenario: TDH.MNG.INIT of a TD whose keys were flushed
    Given a TD that is initialized
    And the VMM has torn the TD down up to TDH.MNG.VPFLUSHDONE
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30000000 |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED

  @leaf:TDH.MNG.INIT @leaf:TDH.MNG.RD @rule:TDH.MNG.INIT-2 @rule:TDH.MNG.INIT-10
  Scenario: the TD takes ATTRIBUTES, XFAM, MAX_VCPUS, CONFIG_FLAGS, EPTP_CONTROLS, TSC_FREQUENCY and the owner IDs from TD_PARAMS
    Given a TD that is tdcs
    And host memory at 0x30400000 holds TD_PARAMS with:
      | ATTRIBUTES      | 0x50000000          |
      | XFAM            | 0x600E7             |
      | MAX_VCPUS       | 0x1234              |
      | CONFIG_FLAGS    | 0x7                 |
      | EPTP_CONTROLS   | 0x26                |
      | TSC_FREQUENCY   | 400                 |
      | MSR_CONFIG_CTLS | 0x1                 |
      | MRCONFIGID      | 48 bytes of 0x11    |
      | MROWNER         | 48 bytes of 0x22    |
      | MROWNERCONFIG   | 48 bytes of 0x33    |
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30400000 |
    Then RAX is TDX_SUCCESS
    And RCX is 0x0
    And the call complies with the leaf's contract
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x1110000300000000 |
    Then R8 is 0x50000000
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x1110000300000001 |
    Then R8 is 0x600E7
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x1110000200000002 |
    Then R8 is 0x1234
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x1110000300000016 |
    Then R8 is 0x7
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x1110000000000003 |
    Then R8 is 0x1
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x111000010000000C |
    Then R8 is 0x190
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x1310000300000010 |
    Then R8 is 0x1111111111111111
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x1310000300000018 |
    Then R8 is 0x2222222222222222
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x1310000300000025 |
    Then R8 is 0x3333333333333333
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9010000200000004 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x1

  @leaf:TDH.MNG.INIT @rule:TDH.MNG.INIT-6
  Scenario Outline: the edges of the accepted values: <field> = <value>
    Given a TD that is tdcs
    And host memory at 0x30400000 holds TD_PARAMS with:
      | <field> | <value> |
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30400000 |
    Then RAX is TDX_SUCCESS

    Examples:
      | field         | value   |
      | TSC_FREQUENCY | 4       |
      | TSC_FREQUENCY | 400     |
      | XFAM          | 0x7     |
      | XFAM          | 0xE7    |
      | XFAM          | 0x60003 |
      | XFAM          | 0x203   |
      | MAX_VCPUS     | 0xFFFF  |
      | EPTP_CONTROLS | 0x26    |
      | ATTRIBUTES    | 0x20000000 |
      | ATTRIBUTES    | 0x8000000000000001 |
      | byte 447      | 0x0     |

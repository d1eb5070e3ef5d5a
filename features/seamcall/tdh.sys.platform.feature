@area:seamcall
Feature: Module initialisation on a configured platform: LPs, packages, CMRs and the private HKID range
  TDH.SYS.LP.INIT runs once per logical processor, TDH.SYS.KEY.CONFIG once per package (the module becomes READY
  after the last package), TDH.SYS.CONFIG needs its TDMRs' non-reserved memory inside the CMRs (contiguous CMRs count as
  one area) and a private global HKID. Sources: intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_sys_init.c,
  tdh_sys_lp_init.c, tdh_sys_config.c (is_area_in_cmr, check_tdmr_available_areas), tdh_sys_key_config.c,
  tdh_sys_tdmr_init.c, src/vmm_dispatcher/tdx_vmm_dispatcher.c (leaf number check, SYS_READY filter).

  @leaf:TDH.SYS.CONFIG @rule:SYS.CONFIG-13 @rule:SYS.CONFIG-3
  Scenario: a TDMR above the only CMR is refused with its index
    Given the platform's CMRs are "0:0x80000000"
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x80000000 with its PAMTs from 0x10000000
    And host memory at 0x20000000 holds the qwords "0x20001000"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_TDMR_OUTSIDE_CMRS with detail 0x0

  @leaf:TDH.SYS.CONFIG @rule:SYS.CONFIG-13
  Scenario: a TDMR may span two contiguous CMRs
    Given the platform's CMRs are "0:0x60000000, 0x60000000:0xA0000000"
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x40000000 with its PAMTs from 0x10000000
    And host memory at 0x20000000 holds the qwords "0x20001000"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.SYS.CONFIG @rule:SYS.CONFIG-13 @rule:SYS.CONFIG-3
  Scenario: a gap between CMRs inside a TDMR must be a reserved area
    Given the platform's CMRs are "0:0x60000000, 0x61000000:0x9F000000"
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x40000000 with its PAMTs from 0x10000000
    And host memory at 0x20000000 holds the qwords "0x20001000"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_TDMR_OUTSIDE_CMRS with detail 0x0
    Given the TDMR_INFO at 0x20001000 has:
      | RESERVED[0].OFFSET | 0x20000000 |
      | RESERVED[0].SIZE   | 0x01000000 |
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.SYS.CONFIG @rule:SYS.CONFIG-13
  Scenario: a reserved area at the start of a TDMR may lie outside the CMRs
    Given the platform's CMRs are "0:0x30000000, 0x41000000:0xBF000000"
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x40000000 with its PAMTs from 0x10000000
    And the TDMR_INFO at 0x20001000 has:
      | RESERVED[0].OFFSET | 0          |
      | RESERVED[0].SIZE   | 0x01000000 |
    And host memory at 0x20000000 holds the qwords "0x20001000"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.SYS.CONFIG @rule:SYS.CONFIG-7
  Scenario: the private HKID range starts where the platform says
    Given the platform's private HKIDs start at 63
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x40000000 with its PAMTs from 0x10000000
    And host memory at 0x20000000 holds the qwords "0x20001000"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 62         |
    Then RAX is TDX_OPERAND_INVALID with operand R8
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 63         |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.SYS.CONFIG @rule:SYS.CONFIG-7
  Scenario: with every HKID but 0 private, HKID 1 is a valid global private HKID
    Given the platform's private HKIDs start at 1
    And the platform has 1 logical processor in 1 package
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 0 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x40000000 with its PAMTs from 0x10000000
    And host memory at 0x20000000 holds the qwords "0x20001000"
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 1          |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.SYS.INFO @rule:SYS.INFO-5
  Scenario: a platform with MAX_CMR (32) CMRs: TDH.SYS.INFO fills every CMR_INFO entry and TDH.SYS.RD counts them
    Given the platform's CMRs are "0x0:0x8000000, 0x8000000:0x8000000, 0x10000000:0x8000000, 0x18000000:0x8000000, 0x20000000:0x8000000, 0x28000000:0x8000000, 0x30000000:0x8000000, 0x38000000:0x8000000, 0x40000000:0x8000000, 0x48000000:0x8000000, 0x50000000:0x8000000, 0x58000000:0x8000000, 0x60000000:0x8000000, 0x68000000:0x8000000, 0x70000000:0x8000000, 0x78000000:0x8000000, 0x80000000:0x8000000, 0x88000000:0x8000000, 0x90000000:0x8000000, 0x98000000:0x8000000, 0xA0000000:0x8000000, 0xA8000000:0x8000000, 0xB0000000:0x8000000, 0xB8000000:0x8000000, 0xC0000000:0x8000000, 0xC8000000:0x8000000, 0xD0000000:0x8000000, 0xD8000000:0x8000000, 0xE0000000:0x8000000, 0xE8000000:0x8000000, 0xF0000000:0x8000000, 0xF8000000:0x8000000"
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 3 succeeded
    When the VMM calls TDH.SYS.INFO with:
      | RCX | 0x30000000 |
      | RDX | 1024       |
      | R8  | 0x30001000 |
      | R9  | 32         |
    Then RAX is TDX_SUCCESS
    And the CMR_INFO at 0x30001000 entry 0 is base 0x0 size 0x8000000
    And the CMR_INFO at 0x30001000 entry 30 is base 0xF0000000 size 0x8000000
    And the CMR_INFO at 0x30001000 entry 31 is base 0xF8000000 size 0x8000000
    When the VMM calls TDH.SYS.RD with:
      | RDX | 0x9000000100000000 |
    Then RAX is TDX_SUCCESS
    And R8 is 32

  @leaf:TDH.SYS.KEY.CONFIG @rule:SYS.CONFIG-4
  Scenario: TDH.SYS.KEY.CONFIG runs once per package; the module is READY after the last one
    Given the platform has 2 logical processors in 2 packages
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 1 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x40000000 with its PAMTs from 0x10000000
    And host memory at 0x20000000 holds the qwords "0x20001000"
    And the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_KEY_CONFIGURED
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
    Then RAX is TDX_SYS_NOT_READY
    Given the VMM runs on logical processor 1
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SYS_KEY_CONFIG_NOT_PENDING

  @leaf:TDH.SYS.KEY.CONFIG @rule:SYS.CONFIG-4
  Scenario: 64 logical processors in 8 packages: LPs 0 to 7 share package 0
    Given the platform has 64 logical processors in 8 packages
    And TDH.SYS.INIT and TDH.SYS.LP.INIT on logical processors 0 to 63 succeeded
    And the TDMR_INFO at 0x20001000 describes 1 GB at 0x40000000 with its PAMTs from 0x10000000
    And host memory at 0x20000000 holds the qwords "0x20001000"
    And the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SUCCESS
    Given the VMM runs on logical processor 7
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_KEY_CONFIGURED
    Given the VMM runs on logical processor 63
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
    Then RAX is TDX_SYS_NOT_READY

  @leaf:TDH.SYS.KEY.CONFIG @rule:SYS.CONFIG-4
  Scenario: fixture platform.ready configures the key on every package of a 3-package platform
    Given the platform has 3 logical processors in 3 packages
    And an initialized TDX module
    Given the VMM runs on logical processor 2
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SYS_KEY_CONFIG_NOT_PENDING
    When the VMM calls TDH.SYS.RD with:
      | RDX | 0x0000000200000000 |
    Then RAX is TDX_SUCCESS
    And R8 is 3

  @leaf:TDH.SYS.LP.INIT @rule:SYS.LP.INIT-1
  Scenario: TDH.SYS.LP.INIT clears RCX, RDX and R8 (the CPUID mismatch details), also when it fails
    When the VMM calls TDH.SYS.LP.INIT with:
      | RCX | 0x1111 |
      | RDX | 0x2222 |
      | R8  | 0x3333 |
    Then RAX is TDX_SYS_LP_INIT_NOT_PENDING
    And RCX is 0x0
    And RDX is 0x0
    And R8 is 0x0
    And every register except RAX, RCX, RDX and R8 is unchanged

  @leaf:TDH.SYS.INIT @rule:SYS.INIT-1 @rule:SYS.INIT-6
  Scenario: TDH.SYS.INIT clears RCX, RDX, R8, R9 and R10 before its checks; reserved SYS_ATTRIBUTES bits are refused first
    When the VMM calls TDH.SYS.INIT with:
      | RCX | 0x1        |
      | RDX | 0x2222     |
      | R8  | 0x3333     |
      | R9  | 0x4444     |
      | R10 | 0x5555     |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    And RCX is 0x0
    And RDX is 0x0
    And R8 is 0x0
    And R9 is 0x0
    And R10 is 0x0
    And every register except RAX, RCX, RDX, R8, R9 and R10 is unchanged
    When the VMM calls TDH.SYS.INIT with:
      | RDX | 0x2222     |
      | R10 | 0x5555     |
    Then RAX is TDX_SUCCESS
    And RDX is 0x0
    And R10 is 0x0
    When the VMM calls TDH.SYS.INIT with:
      | RCX | 0x8000000000000000 |
    Then RAX is TDX_OPERAND_INVALID with operand RCX

  @leaf:TDH.SYS.TDMR.INIT @rule:SYS.TDMR.INIT-2 @rule:SYS.TDMR.INIT-6
  Scenario Outline: TDH.SYS.TDMR.INIT needs the base of a configured TDMR in RCX and clears RDX on error: <rcx>
    Given an initialized TDX module
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | <rcx>  |
      | RDX | 0x1234 |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    And RDX is 0x0

    Examples:
      | rcx                |
      | 0x40001000         |
      | 0x60000000         |
      | 0x80000000         |
      | 0x0                |
      | 0x0000400040000000 |
      | 0x0010000040000000 |

  @leaf:TDH.SYS.TDMR.INIT @rule:SYS.TDMR.INIT-2 @rule:SYS.TDMR.INIT-6
  Scenario: TDH.SYS.TDMR.INIT on a fully initialised TDMR clears RDX
    Given an initialized TDX module
    When the VMM calls TDH.SYS.TDMR.INIT with:
      | RCX | 0x40000000 |
      | RDX | 0x1234     |
    Then RAX is TDX_TDMR_ALREADY_INITIALIZED
    And RDX is 0x0

  @leaf:TDH.SYS.INIT @rule:SEAMCALL-LEAF-NUMBER
  Scenario Outline: SEAMCALL with a leaf number beyond the table is TDX_OPERAND_INVALID (RAX): RAX = <rax>
    When the VMM issues SEAMCALL with RAX = <rax>
    Then RAX is TDX_OPERAND_INVALID with operand RAX
    And every register except RAX is unchanged

    Examples:
      | rax     |
      | 0x80    |
      | 0x10080 |
      | 0xFFFF  |

@area:seamcall
Feature: The TDX module is initialised in order: TDH.SYS.INIT, TDH.SYS.LP.INIT on each LP, TDH.SYS.CONFIG, TDH.SYS.KEY.CONFIG per package
  A freshly reset module is uninitialised. Calls out of order get the status the tdx_1.5 handlers return
  (intel/tdx-module src/vmm_dispatcher/tdx_vmm_dispatcher.c and api_calls/tdh_sys_*.c).

  @leaf:TDH.MNG.CREATE @rule:SYS.KEY.CONFIG-2
  Scenario: a TD leaf before the module is READY is refused by the dispatcher
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x40000000 |
      | RDX | 33         |
    Then RAX is TDX_SYS_NOT_READY
    And every register except RAX is unchanged

  @leaf:TDH.SYS.LP.INIT @rule:SYS.LP.INIT-2
  Scenario: TDH.SYS.LP.INIT before TDH.SYS.INIT
    When the VMM calls TDH.SYS.LP.INIT
    Then RAX is TDX_SYS_LP_INIT_NOT_PENDING

  @leaf:TDH.SYS.CONFIG @rule:SYS.CONFIG-1
  Scenario: TDH.SYS.CONFIG before TDH.SYS.INIT
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SYS_CONFIG_NOT_PENDING

  @leaf:TDH.SYS.KEY.CONFIG @rule:SYS.KEY.CONFIG-3
  Scenario: TDH.SYS.KEY.CONFIG before TDH.SYS.CONFIG
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SYS_KEY_CONFIG_NOT_PENDING

  @leaf:TDH.SYS.INIT @rule:SYS.INIT-2
  Scenario: TDH.SYS.INIT succeeds once
    When the VMM calls TDH.SYS.INIT
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.INIT
    Then RAX is TDX_SYS_INIT_NOT_PENDING

  @leaf:TDH.SYS.LP.INIT @rule:SYS.LP.INIT-5
  Scenario: TDH.SYS.LP.INIT runs once per logical processor
    Given the VMM calls TDH.SYS.INIT
    When the VMM calls TDH.SYS.LP.INIT
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SYS.LP.INIT
    Then RAX is TDX_SYS_LP_INIT_DONE
    Given the VMM runs on logical processor 1
    When the VMM calls TDH.SYS.LP.INIT
    Then RAX is TDX_SUCCESS

  @leaf:TDH.SYS.CONFIG @rule:SYS.CONFIG-1
  Scenario: TDH.SYS.CONFIG waits for TDH.SYS.LP.INIT on every logical processor
    Given the VMM calls TDH.SYS.INIT
    And the VMM calls TDH.SYS.LP.INIT
    When the VMM calls TDH.SYS.CONFIG with:
      | RCX | 0x20000000 |
      | RDX | 1          |
      | R8  | 32         |
    Then RAX is TDX_SYS_CONFIG_NOT_PENDING

  @leaf:TDH.SYS.KEY.CONFIG @rule:SYS.KEY.CONFIG-3 @rule:SYS.INIT-2
  Scenario: after initialisation the lifecycle leaves are done
    Given an initialized TDX module
    When the VMM calls TDH.SYS.KEY.CONFIG
    Then RAX is TDX_SYS_KEY_CONFIG_NOT_PENDING
    When the VMM calls TDH.SYS.INIT
    Then RAX is TDX_SYS_INIT_NOT_PENDING

  @leaf:TDH.MNG.CREATE @rule:TDH.MNG.CREATE-4
  Scenario: a page that is already a TDR cannot become another TDR
    Given an initialized TDX module
    And the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x40000000 |
      | RDX | 33         |
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x40000000 |
      | RDX | 34         |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX

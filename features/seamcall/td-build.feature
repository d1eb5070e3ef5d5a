@area:seamcall
Feature: A TD is built in order: TDH.MNG.CREATE, KEY.CONFIG per package, ADDCX, INIT, VP.CREATE/ADDCX/INIT, SEPT.ADD, PAGE.ADD, MR.EXTEND, MR.FINALIZE
  The VMM builds a TD with SEAMCALLs on an initialized module. The TD's MRTD is the SHA-384 of what the VMM added and
  extended, computed here independently. Calls out of order get the status the tdx_1.5 handlers return
  (intel/tdx-module src/vmm_dispatcher/api_calls/tdh_mng_*.c, tdh_vp_*.c, tdh_mem_*.c, tdh_mr_*.c).
  Register tables may name the TD's pages: TDR, TDVPR, TDVPR2, GPA_PAGE1, SOURCE_PAGE, and FREE_PAGE (an unused TDMR page).

  @leaf:TDH.MR.FINALIZE @leaf:TDH.MEM.PAGE.ADD @leaf:TDH.MR.EXTEND @rule:TDH.MR.FINALIZE-1 @rule:TDH.MEM.PAGE.ADD-3 @rule:TDH.MR.EXTEND-2
  Scenario: the happy path ends RUNNABLE with MRTD over the added pages
    Given a TD built with 2 VCPUs and 3 private pages
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9010000200000004 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x2
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9010000200000001 |
    Then R8 is 0x2
    And the TD's MRTD is the SHA-384 of what the VMM added and extended

  @leaf:TDH.VP.RD @rule:TDH.VP.INIT-1
  Scenario: each VCPU gets the next index
    Given a TD built with 2 VCPUs and 1 private page
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR2             |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x1

  @leaf:TDH.MEM.PAGE.ADD @rule:TDH.MR.FINALIZE-1
  Scenario: TDH.MEM.PAGE.ADD after TDH.MR.FINALIZE
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.ADD on the TD with:
      | RCX | 0x1000      |
      | RDX | TDR         |
      | R8  | FREE_PAGE   |
      | R9  | SOURCE_PAGE |
    Then RAX is TDX_OP_STATE_INCORRECT

  @leaf:TDH.MR.FINALIZE @rule:TDH.MR.FINALIZE-3
  Scenario: TDH.MR.FINALIZE runs once
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MR.FINALIZE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_OP_STATE_INCORRECT

  @leaf:TDH.MR.FINALIZE @rule:TDH.MR.FINALIZE-4
  Scenario: TDH.MR.FINALIZE needs an initialized VCPU
    Given a TD that is initialized
    When the VMM calls TDH.MR.FINALIZE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_NO_VCPUS

  @leaf:TDH.VP.CREATE @rule:TDH.VP.CREATE-4
  Scenario: TDH.VP.CREATE before TDH.MNG.INIT
    Given a TD that is tdcs
    When the VMM calls TDH.VP.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_OP_STATE_INCORRECT

  @leaf:TDH.MNG.ADDCX @rule:TDH.MNG.ADDCX-4
  Scenario: TDH.MNG.ADDCX before the key is configured on every package
    Given a TD that is created
    When the VMM calls TDH.MNG.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED

  @leaf:TDH.MNG.KEY.CONFIG @rule:TDH.MNG.KEY.CONFIG-2 @rule:TDH.MNG.KEY.CONFIG-4
  Scenario: TDH.MNG.KEY.CONFIG twice on one package, and after every package
    Given a TD that is created
    When the VMM calls TDH.MNG.KEY.CONFIG on the TD with:
      | RCX | TDR |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.KEY.CONFIG on the TD with:
      | RCX | TDR |
    Then RAX is TDX_KEY_CONFIGURED
    Given the VMM runs on logical processor 2
    When the VMM calls TDH.MNG.KEY.CONFIG on the TD with:
      | RCX | TDR |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.KEY.CONFIG on the TD with:
      | RCX | TDR |
    Then RAX is TDX_LIFECYCLE_STATE_INCORRECT

  @leaf:TDH.MNG.INIT @rule:TDH.MNG.INIT-4
  Scenario: TDH.MNG.INIT before the TDCS pages are added
    Given a TD that is keyed
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30000000 |
    Then RAX is TDX_TDCS_NOT_ALLOCATED

  @leaf:TDH.VP.ADDCX @rule:TDH.VP.ADDCX-4
  Scenario: a TDR is not a TDVPR
    Given a TD that is initialized
    When the VMM calls TDH.VP.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX

  @leaf:TDH.MNG.ADDCX @leaf:TDH.MEM.SEPT.ADD @rule:TDH.MNG.ADDCX-5 @rule:TDH.MEM.SEPT.ADD-9
  Scenario: a page the TD already owns cannot be added again; SEPT pages wait for TDH.MNG.INIT
    Given a TD that is tdcs
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 3   |
      | RDX | TDR |
      | R8  | TDR |
    Then RAX is TDX_OP_STATE_INCORRECT
    When the VMM calls TDH.MNG.ADDCX on the TD with:
      | RCX | TDR |
      | RDX | TDR |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX

  @leaf:TDH.MNG.RD @rule:TDH.MNG.RD-5 @rule:TDH.VP.RD-4
  Scenario: the TDR page locked by another flow
    Given a TD built with 1 VCPU and 1 private page
    And the TD's TDR page is locked by another flow
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9010000200000004 |
    Then RAX is TDX_OPERAND_BUSY with operand RCX
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_OPERAND_BUSY with operand TDR

  @leaf:TDH.VP.RD @rule:TDH.VP.RD-5
  Scenario: a VCPU is associated with the LP that initialized it
    Given a TD built with 1 VCPU and 1 private page
    And the VMM runs on logical processor 1
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_VCPU_ASSOCIATED

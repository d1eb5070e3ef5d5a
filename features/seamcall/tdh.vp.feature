@area:seamcall
Feature: The VCPU leaves TDH.VP.CREATE, TDH.VP.ADDCX, TDH.VP.INIT, TDH.VP.FLUSH and TDH.VP.ENTER check their pages, the TD and the VCPU
  A VCPU is a TDVPR page (TDH.VP.CREATE on an INITIALIZED TD) plus TDVPS pages (TDH.VP.ADDCX) up to 6 + 3 x NUM_L2_VMS
  in all (at most 15), initialised once by TDH.VP.INIT (at most MAX_VCPUS VCPUs), which associates it with the current
  LP. Each leaf checks its page operands (TDX_PAGE_METADATA_INCORRECT with the operand id), the owner TDR's lock
  (TDX_OPERAND_BUSY, operand TDR), the TD's keys (TDX_TD_KEYS_NOT_CONFIGURED after TDH.MNG.VPFLUSHDONE), the TD's
  OP_STATE, the VCPU's page count (TDX_TDCX_NUM_INCORRECT) and the VCPU's state, in the handlers' order. Sources:
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_vp_create.c, tdh_vp_addcx.c, tdh_vp_init.c,
  tdh_vp_flush.c, tdh_vp_enter.c, include/auto_gen/op_state_lookup.c; TDX module ABI spec (MAX_TDVPS_PAGES 15,
  MIN_TDVPS_PAGES 6, TDVPS_PAGES_PER_L2_VM 3). VCPUs named V1, V2, ... are made by `the VMM creates VCPU ...`.

  @leaf:TDH.VP.CREATE @rule:TDH.VP.CREATE-1 @rule:TDH.VP.CREATE-5
  Scenario: TDH.VP.CREATE needs a TDR in RDX and a free page in RCX
    Given a TD that is initialized
    When the VMM calls TDH.VP.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | FREE_PAGE |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And the call complies with the leaf's contract
    When the VMM calls TDH.VP.CREATE on the TD with:
      | RCX | TDR |
      | RDX | TDR |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX
    And the call complies with the leaf's contract

  @leaf:TDH.VP.CREATE @leaf:TDH.VP.ADDCX @leaf:TDH.VP.INIT @leaf:TDH.VP.FLUSH @leaf:TDH.VP.RD @rule:TDH.VP.CREATE-6 @rule:TDH.VP.ADDCX-5 @rule:TDH.VP.INIT-4 @rule:TDH.VP.FLUSH-4 @rule:TDH.VP.RD-6
  Scenario: after TDH.MNG.VPFLUSHDONE the VCPU leaves find the TD's keys not configured
    Given a TD built with 1 VCPU and 1 private page, not finalized
    And the VMM has torn the TD down up to TDH.MNG.VPFLUSHDONE
    When the VMM calls TDH.VP.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.VP.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDVPR     |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | TDVPR              |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.VP.ENTER on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED

  @leaf:TDH.VP.ADDCX @leaf:TDH.VP.INIT @leaf:TDH.VP.ENTER @rule:TDH.VP.ADDCX-6 @rule:TDH.VP.INIT-5 @rule:TDH.VP.ENTER-7
  Scenario: the owner TDR locked by another flow
    Given a TD that is initialized
    And the VMM creates VCPU V1 of the TD with 6 TDVPS pages
    And the TD's TDR page is locked by another flow
    When the VMM calls TDH.VP.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | V1        |
    Then RAX is TDX_OPERAND_BUSY with operand TDR
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    Then RAX is TDX_OPERAND_BUSY with operand TDR
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | V1 |
    Then RAX is TDX_OPERAND_BUSY with operand TDR

  @leaf:TDH.VP.ENTER @rule:TDH.VP.ENTER-7
  Scenario: TDH.VP.ENTER with the owner TDR locked by another flow
    Given a TD built with 1 VCPU and 1 private page
    And the TD's TDR page is locked by another flow
    When the VMM calls TDH.VP.ENTER on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_OPERAND_BUSY with operand TDR

  @leaf:TDH.VP.ADDCX @rule:TDH.VP.ADDCX-4 @rule:TDH.VP.ADDCX-7
  Scenario: TDH.VP.ADDCX needs a free page in RCX
    Given a TD that is initialized
    And the VMM creates VCPU V1 of the TD with 1 TDVPS page
    When the VMM calls TDH.VP.ADDCX on the TD with:
      | RCX | TDR |
      | RDX | V1  |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX
    And the call complies with the leaf's contract

  @leaf:TDH.VP.ADDCX @leaf:TDH.VP.INIT @leaf:TDH.VP.RD @leaf:TDH.VP.FLUSH @rule:TDH.VP.ADDCX-8 @rule:TDH.VP.INIT-6 @rule:TDH.VP.FLUSH-5 @rule:TDH.VP.RD-7
  Scenario: a VCPU has at most 15 TDVPS pages, and TDH.VP.INIT needs exactly 6 without L2 VMs
    Given a TD that is initialized
    And the VMM creates VCPU V1 of the TD with 15 TDVPS pages
    When the VMM calls TDH.VP.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | V1        |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    And the call complies with the leaf's contract
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | V1                 |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | V1 |
    Then RAX is TDX_VCPU_NOT_ASSOCIATED

  @leaf:TDH.VP.INIT @leaf:TDH.VP.FLUSH @leaf:TDH.VP.RD @rule:TDH.VP.INIT-6 @rule:TDH.VP.FLUSH-5 @rule:TDH.VP.RD-7
  Scenario: a VCPU with fewer than 6 TDVPS pages can be neither initialised, read nor flushed
    Given a TD that is initialized
    And the VMM creates VCPU V1 of the TD with 5 TDVPS pages
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | V1 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | V1                 |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    Given the VMM adds 1 TDVPS page to V1
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | V1                 |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_VCPU_STATE_INCORRECT
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | V1                 |
      | RDX | 0xA020000000000003 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x6

  @leaf:TDH.VP.INIT @leaf:TDH.VP.ADDCX @rule:TDH.VP.INIT-7 @rule:TDH.VP.ADDCX-9
  Scenario: TDH.VP.INIT runs once per VCPU, after which TDH.VP.ADDCX is refused
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_VCPU_STATE_INCORRECT
    And the call complies with the leaf's contract
    When the VMM calls TDH.VP.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDVPR     |
    Then RAX is TDX_VCPU_STATE_INCORRECT
    And the call complies with the leaf's contract

  @leaf:TDH.VP.INIT @leaf:TDH.VP.ADDCX @rule:TDH.VP.INIT-8 @rule:TDH.VP.ADDCX-10
  Scenario: after TDH.MR.FINALIZE a VCPU can be neither extended nor initialised
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_OP_STATE_INCORRECT
    When the VMM calls TDH.VP.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDVPR     |
    Then RAX is TDX_OP_STATE_INCORRECT

  @leaf:TDH.VP.INIT @rule:TDH.VP.INIT-9
  Scenario: TDH.VP.INIT needs a TDVPR in RCX
    Given a TD that is initialized
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | TDR |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX
    And the call complies with the leaf's contract

  @leaf:TDH.VP.INIT @rule:TDH.VP.INIT-10
  Scenario: no more than MAX_VCPUS VCPUs are initialised
    Given a TD that is tdcs
    And host memory at 0x30400000 holds TD_PARAMS with:
      | MAX_VCPUS | 2 |
    And the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30400000 |
    And the VMM creates VCPU V1 of the TD with 6 TDVPS pages
    And the VMM creates VCPU V2 of the TD with 6 TDVPS pages
    And the VMM creates VCPU V3 of the TD with 6 TDVPS pages
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V2 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V3 |
    Then RAX is TDX_MAX_VCPUS_EXCEEDED
    And the call complies with the leaf's contract

  @leaf:TDH.VP.INIT @leaf:TDH.VP.FLUSH @leaf:TDH.VP.RD @leaf:TDH.MNG.ADDCX @rule:TDH.MNG.ADDCX-8 @rule:TDH.VP.INIT-6 @rule:TDH.VP.FLUSH-5 @rule:TDH.VP.RD-7 @rule:TDH.VP.ENTER-8 @rule:TDH.MNG.INIT-8
  Scenario: a TD with one L2 VM needs 9 TDCS pages and 9 TDVPS pages per VCPU
    Given a TD that is tdcs
    And the VMM adds 3 more TDCS pages to the TD
    When the VMM calls TDH.MNG.ADDCX on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    Given host memory at 0x30400000 holds TD_PARAMS with:
      | NUM_L2_VMS | 1 |
    When the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30400000 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9010000100000005 |
    Then R8 is 0x1
    Given the VMM creates VCPU V1 of the TD with 6 TDVPS pages
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | V1 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | V1                 |
      | RDX | 0xA020000200000002 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    Given the VMM adds 3 TDVPS pages to V1
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.VP.RD on the TD with:
      | RCX | V1                 |
      | RDX | 0xA020000000000003 |
    Then R8 is 0x9

  @leaf:TDH.VP.FLUSH @rule:TDH.VP.FLUSH-1 @rule:TDH.VP.FLUSH-2
  Scenario: TDH.VP.FLUSH runs on the LP the VCPU is associated with, once
    Given a TD built with 1 VCPU and 1 private page
    And the VMM runs on logical processor 1
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_VCPU_NOT_ASSOCIATED
    Given the VMM runs on logical processor 0
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_SUCCESS
    And the call complies with the leaf's contract
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_VCPU_NOT_ASSOCIATED

  @leaf:TDH.VP.ENTER @rule:TDH.VP.ENTER-8
  Scenario: TDH.VP.ENTER needs an initialised VCPU with its TDVPS pages
    Given a TD that is initialized
    And the VMM creates VCPU V1 of the TD with 6 TDVPS pages
    And the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    And the VMM creates VCPU V2 of the TD with 1 TDVPS page
    And the VMM creates VCPU V3 of the TD with 6 TDVPS pages
    And the VMM calls TDH.MR.FINALIZE on the TD with:
      | RCX | TDR |
    When the VMM calls TDH.VP.ENTER on the TD with:
      | RCX | V2 |
    Then RAX is TDX_TDCX_NUM_INCORRECT
    When the VMM calls TDH.VP.ENTER on the TD with:
      | RCX | V3 |
    Then RAX is TDX_VCPU_STATE_INCORRECT

  @leaf:TDH.VP.ENTER @rule:TDH.VP.ENTER-9
  Scenario: TDH.VP.ENTER needs a RUNNABLE TD
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.VP.ENTER on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_OP_STATE_INCORRECT

  @leaf:TDH.VP.ENTER @rule:TDH.VP.ENTER-2
  Scenario: an EPT-violation TD exit reports no interruption information in R9
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.MEM.PAGE.ACCEPT | RCX=0x5000 |
    When the VMM enters the TD
    Then the TD exit is an EPT violation at 0x5000
    And R9 is 0x0

  @leaf:TDH.VP.ENTER @leaf:TDH.VP.FLUSH @rule:TDH.MNG.ADDCX-8 @rule:TDH.VP.INIT-6 @rule:TDH.VP.FLUSH-5 @rule:TDH.VP.RD-7 @rule:TDH.VP.ENTER-8 @rule:TDH.MNG.INIT-8
  Scenario: in a TD with one L2 VM TDH.VP.ENTER finds 9 TDVPS pages right and then checks that the VCPU is initialised
    Given a TD that is tdcs
    And the VMM adds 3 more TDCS pages to the TD
    And host memory at 0x30400000 holds TD_PARAMS with:
      | NUM_L2_VMS | 1 |
      | MAX_VCPUS  | 2 |
    And the VMM calls TDH.MNG.INIT on the TD with:
      | RCX | TDR        |
      | RDX | 0x30400000 |
    And the VMM creates VCPU V1 of the TD with 9 TDVPS pages
    And the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    And the VMM creates VCPU V2 of the TD with 9 TDVPS pages
    When the VMM calls TDH.MR.FINALIZE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.VP.ENTER on the TD with:
      | RCX | V2 |
    Then RAX is TDX_VCPU_STATE_INCORRECT
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | V1 |
    Then RAX is TDX_SUCCESS

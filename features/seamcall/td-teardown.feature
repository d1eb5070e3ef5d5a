@area:seamcall
Feature: A TD is torn down in order: RANGE.BLOCK, TRACK, PAGE.REMOVE, VP.FLUSH, VPFLUSHDONE, CACHE.WB per package, KEY.FREEID, PAGE.RECLAIM (TDR last)
  The VMM tears a host-built TD down with SEAMCALLs in the order Linux KVM uses (arch/x86/kvm/vmx/tdx.c): private pages
  are blocked, TLB-tracked and removed while the TD still holds its key; every VCPU is flushed on the LP it is
  associated with; TDH.MNG.VPFLUSHDONE retires the HKID, TDH.PHYMEM.CACHE.WB writes its cache lines back on every
  package, TDH.MNG.KEY.FREEID frees it, and TDH.PHYMEM.PAGE.RECLAIM returns the remaining pages, the TDR last. Calls out
  of order get the status the tdx_1.5 handlers return (intel/tdx-module src/vmm_dispatcher/api_calls/tdh_mem_range_block.c,
  tdh_mem_track.c, tdh_mem_range_unblock.c, tdh_mem_page_remove.c, tdh_mem_sept_remove.c, tdh_vp_flush.c,
  tdh_mng_vpflushdone.c, tdh_phymem_cache_wb.c, tdh_mng_key_freeid.c, tdh_phymem_page_reclaim.c, tdh_phymem_page_rdmd.c).
  The platform has 4 LPs in 2 packages (LPs 0-1 and 2-3); TDH.VP.INIT associated every VCPU with LP 0.

  @leaf:TDH.PHYMEM.PAGE.RECLAIM @leaf:TDH.PHYMEM.PAGE.RDMD @leaf:TDH.MNG.KEY.FREEID @rule:PHYMEM.PAGE.RECLAIM-3 @rule:TDH.MNG.KEY.FREEID-1
  Scenario: the happy path returns every page of the TD to the host, and its HKID
    Given a TD built with 2 VCPUs and 3 private pages
    When the VMM tears the TD down
    Then TDH.PHYMEM.PAGE.RDMD shows every page of the TD as free
    And the TD had 25 pages
    When the VMM calls TDH.MNG.CREATE on the TD with:
      | RCX | TDR |
      | RDX | 33  |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.PHYMEM.PAGE.RDMD @rule:PHYMEM.PAGE.RDMD-4
  Scenario: the PAMT shows the TDR as a TDR page while the TD lives and as a free page after the teardown
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | TDR |
    Then RAX is TDX_SUCCESS
    And RCX is 0x4
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | TDVPR |
    Then RCX is 0x6
    And RDX is 0x40000000
    When the VMM tears the TD down
    And the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | TDR |
    Then RAX is TDX_SUCCESS
    And RCX is 0x0
    And R8 is 0x0
    And TDH.PHYMEM.PAGE.RDMD shows every page of the TD as free

  @leaf:TDH.PHYMEM.PAGE.RECLAIM @rule:PHYMEM.PAGE.RECLAIM-5 @rule:PHYMEM.PAGE.RECLAIM-2
  Scenario: TDH.PHYMEM.PAGE.RECLAIM of a live TD's page, with the page's type and owner
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.PHYMEM.PAGE.RECLAIM on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_LIFECYCLE_STATE_INCORRECT
    And RCX is 0x6
    And RDX is 0x40000000
    And R8 is 0x0
    When the VMM calls TDH.PHYMEM.PAGE.RECLAIM on the TD with:
      | RCX | TDR |
    Then RAX is TDX_LIFECYCLE_STATE_INCORRECT
    And RCX is 0x4

  @leaf:TDH.PHYMEM.PAGE.RECLAIM @rule:PHYMEM.PAGE.RECLAIM-4
  Scenario: TDH.PHYMEM.PAGE.RECLAIM of the TDR while the TD still owns pages
    Given a TD built with 1 VCPU and 1 private page
    And the VMM has torn the TD down up to TDH.MNG.KEY.FREEID
    When the VMM calls TDH.PHYMEM.PAGE.RECLAIM on the TD with:
      | RCX | TDR |
    Then RAX is TDX_TD_ASSOCIATED_PAGES_EXIST
    And RCX is 0x4

  @leaf:TDH.PHYMEM.PAGE.RECLAIM @rule:PHYMEM.PAGE.RECLAIM-6
  Scenario: a removed page is free already: TDH.PHYMEM.PAGE.RECLAIM refuses it
    Given a TD built with 1 VCPU and 1 private page
    And the VMM has torn the TD down up to TDH.PHYMEM.PAGE.RECLAIM
    When the VMM calls TDH.PHYMEM.PAGE.RECLAIM on the TD with:
      | RCX | TDR |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX

  @leaf:TDH.MNG.KEY.FREEID @rule:TDH.MNG.KEY.FREEID-3
  Scenario: TDH.MNG.KEY.FREEID before TDH.MNG.VPFLUSHDONE
    Given a TD built with 1 VCPU and 1 private page
    And the VMM has torn the TD down up to TDH.VP.FLUSH
    When the VMM calls TDH.MNG.KEY.FREEID on the TD with:
      | RCX | TDR |
    Then RAX is TDX_LIFECYCLE_STATE_INCORRECT

  @leaf:TDH.MNG.VPFLUSHDONE @rule:TDH.VP.FLUSH-2 @rule:TDH.MNG.VPFLUSHDONE-2
  Scenario: TDH.MNG.VPFLUSHDONE while a VCPU is still associated with an LP
    Given a TD built with 2 VCPUs and 1 private page
    And the VMM has torn the TD down up to TDH.MEM.PAGE.REMOVE
    When the VMM calls TDH.MNG.VPFLUSHDONE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_FLUSHVP_NOT_DONE
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.VPFLUSHDONE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_FLUSHVP_NOT_DONE
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR2 |
    And the VMM calls TDH.MNG.VPFLUSHDONE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.MNG.KEY.FREEID @leaf:TDH.PHYMEM.CACHE.WB @rule:TDH.MNG.KEY.FREEID-4 @rule:PHYMEM.CACHE.WB-1
  Scenario: TDH.MNG.KEY.FREEID before TDH.PHYMEM.CACHE.WB ran on every package
    Given a TD built with 1 VCPU and 1 private page
    And the VMM has torn the TD down up to TDH.MNG.VPFLUSHDONE
    When the VMM calls TDH.MNG.KEY.FREEID on the TD with:
      | RCX | TDR |
    Then RAX is TDX_WBCACHE_NOT_COMPLETE
    When the VMM calls TDH.PHYMEM.CACHE.WB
    Then RAX is TDX_SUCCESS
    Given the VMM runs on logical processor 1
    When the VMM calls TDH.PHYMEM.CACHE.WB
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.KEY.FREEID on the TD with:
      | RCX | TDR |
    Then RAX is TDX_WBCACHE_NOT_COMPLETE
    Given the VMM runs on logical processor 3
    When the VMM calls TDH.PHYMEM.CACHE.WB
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.KEY.FREEID on the TD with:
      | RCX | TDR |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.PHYMEM.CACHE.WB
    Then RAX is TDX_NO_HKID_READY_TO_WBCACHE

  @leaf:TDH.PHYMEM.CACHE.WB @rule:PHYMEM.CACHE.WB-5
  Scenario: TDH.PHYMEM.CACHE.WB with nothing to write back, a bad command, and busy resources
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.PHYMEM.CACHE.WB
    Then RAX is TDX_NO_HKID_READY_TO_WBCACHE
    When the VMM calls TDH.PHYMEM.CACHE.WB with:
      | RCX | 1 |
    Then RAX is TDX_WBCACHE_RESUME_ERROR
    When the VMM calls TDH.PHYMEM.CACHE.WB with:
      | RCX | 2 |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    Given the VMM has torn the TD down up to TDH.MNG.VPFLUSHDONE
    And the key ownership table is locked by another flow
    When the VMM calls TDH.PHYMEM.CACHE.WB
    Then RAX is TDX_OPERAND_BUSY with operand KOT
    Given this package's cache write-back is in progress in another flow
    When the VMM calls TDH.PHYMEM.CACHE.WB
    Then RAX is TDX_OPERAND_BUSY with operand WBCACHE

  @leaf:TDH.MEM.PAGE.REMOVE @rule:TDH.MEM.PAGE.REMOVE-4
  Scenario: TDH.MEM.PAGE.REMOVE of a page that is not blocked, and of a blocked page before TDH.MEM.TRACK
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_GPA_RANGE_NOT_BLOCKED with operand RCX
    And RDX is 0x400
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_TLB_TRACKING_NOT_DONE with operand RCX
    When the VMM calls TDH.MEM.TRACK on the TD with:
      | RCX | TDR |
    And the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_SUCCESS
    And RDX is 0x0

  @leaf:TDH.MEM.PAGE.REMOVE @rule:TDH.MEM.PAGE.REMOVE-3
  Scenario: before TDH.MR.FINALIZE the TD cannot run, so a page is removed without blocking
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.MEM.RANGE.UNBLOCK @rule:TDH.MEM.RANGE.UNBLOCK-3
  Scenario: TDH.MEM.RANGE.UNBLOCK before TDH.MEM.TRACK
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.RANGE.UNBLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    And the VMM calls TDH.MEM.RANGE.UNBLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_TLB_TRACKING_NOT_DONE with operand SEPT_TREE
    When the VMM calls TDH.MEM.TRACK on the TD with:
      | RCX | TDR |
    And the VMM calls TDH.MEM.RANGE.UNBLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_SUCCESS

  @leaf:TDH.MEM.RANGE.BLOCK @rule:TDH.MEM.RANGE.BLOCK-3
  Scenario: a blocked range is not blocked again, and a free entry cannot be blocked
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    And the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_GPA_RANGE_ALREADY_BLOCKED with operand RCX
    And RDX is 0x100
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | 0x1000 |
      | RDX | TDR    |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    And RCX is 0x8000000000000000

  @leaf:TDH.MEM.SEPT.REMOVE @rule:TDH.MEM.SEPT.REMOVE-4
  Scenario: TDH.MEM.SEPT.REMOVE of a Secure EPT page that still maps a page
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    Then RAX is TDX_GPA_RANGE_NOT_BLOCKED with operand RCX
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    And the VMM calls TDH.MEM.TRACK on the TD with:
      | RCX | TDR |
    And the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    Then RAX is TDX_EPT_PAGE_NOT_FREE with operand RCX
    And RDX is 0x101

  @leaf:TDH.MEM.SEPT.REMOVE @rule:TDH.MEM.SEPT.REMOVE-6 @rule:TDH.MEM.SEPT.REMOVE-5
  Scenario: an emptied Secure EPT page is blocked, tracked and removed
    Given a TD built with 1 VCPU and 1 private page
    And the VMM has torn the TD down up to TDH.MEM.PAGE.REMOVE
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    And the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    Then RAX is TDX_TLB_TRACKING_NOT_DONE with operand RCX
    When the VMM calls TDH.MEM.TRACK on the TD with:
      | RCX | TDR |
    And the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MEM.SEPT.REMOVE on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX

  @leaf:TDH.VP.FLUSH @rule:TDH.VP.FLUSH-1
  Scenario: TDH.VP.FLUSH on an LP the VCPU is not associated with
    Given a TD built with 1 VCPU and 1 private page
    And the VMM runs on logical processor 1
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_VCPU_NOT_ASSOCIATED
    Given the VMM runs on logical processor 0
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_VCPU_NOT_ASSOCIATED

  @leaf:TDH.MEM.RANGE.BLOCK @rule:TDH.MEM.RANGE.BLOCK-4 @rule:TDH.MNG.VPFLUSHDONE-4
  Scenario: after TDH.MNG.VPFLUSHDONE the TD's memory can only be reclaimed
    Given a TD built with 1 VCPU and 2 private pages
    And the VMM has torn the TD down up to TDH.MNG.VPFLUSHDONE
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | GPA_PAGE1 |
      | RDX | TDR       |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    When the VMM calls TDH.MNG.VPFLUSHDONE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_LIFECYCLE_STATE_INCORRECT

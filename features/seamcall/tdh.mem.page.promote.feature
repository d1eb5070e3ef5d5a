@area:seamcall @leaf:TDH.MEM.PAGE.PROMOTE
Feature: TDH.MEM.PAGE.PROMOTE merges 512 contiguous 4 KB mappings into one 2 MB mapping and frees their SEPT page
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_page_promote.c: RCX and RDX are set to 0 and, for
  version 1, R9-R11 to NULL_PA (all ones) before anything else; versions above 1 give TDX_OPERAND_INVALID (RAX). The
  entry at LEVEL must be a non-leaf entry (sept_state_lookup row 23: NL_MAPPED or NL_BLOCKED); its SEPT page's PAMT entry
  is locked (TDX_OPERAND_BUSY, RCX); a RUNNABLE TD needs the entry blocked (TDX_GPA_RANGE_NOT_BLOCKED with the entry in
  RCX/RDX) and TLB-tracked (TDX_TLB_TRACKING_NOT_DONE). is_sept_page_valid_for_merge: the first child entry maps an
  HPA aligned to the merged size and is MAPPED or PENDING, and every child i equals the first plus i x 4 KB (same state,
  contiguous HPAs); otherwise TDX_EPT_INVALID_PROMOTE_CONDITIONS (RCX) with the entry in RCX/RDX. On success RCX is the
  freed SEPT page, which becomes PT_NDA, and the merged entry is a 2 MB leaf in the children's state. The TD layout
  (TDR 0x40000000, page 1 at 0x40010000, next free page 0x40011000) is the one of docs/steps.md "a host-built TD".
  RDX[15:8] uses the model's state encoding (docs/fixtures.md): NL_MAPPED/MAPPED 4, BLOCKED 1, PENDING 2.

  @rule:TDH.MEM.PAGE.PROMOTE-3 @rule:TDH.MEM.PAGE.PROMOTE-1
  Scenario: version 1 sets R9-R11 to NULL_PA at the start, version 0 leaves them alone
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.PROMOTE version 1 on the TD with:
      | RCX | 0x200001 |
      | RDX | TDVPR    |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And R9 is 0xFFFFFFFFFFFFFFFF
    And R10 is 0xFFFFFFFFFFFFFFFF
    And R11 is 0xFFFFFFFFFFFFFFFF
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDVPR    |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RDX
    And R9 is unchanged
    And R10 is unchanged
    And R11 is unchanged
    When the VMM calls TDH.MEM.PAGE.PROMOTE version 2 on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_OPERAND_INVALID with operand RAX

  @rule:TDH.MEM.PAGE.PROMOTE-4
  Scenario: LEVEL must be 1 or 2; the entry at LEVEL must be a present non-leaf entry; its SEPT page must not be locked
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x1
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200000 |
      | RDX | TDR      |
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x40000001 |
      | RDX | TDR        |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RCX is 0x8000000000000000
    And RDX is 0x2
    Given the host page at 0x4000F000 is locked by another flow
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x1 |
      | RDX | TDR |
    Then RAX is TDX_OPERAND_BUSY with operand RCX

  @rule:TDH.MEM.PAGE.PROMOTE-5 @rule:TDH.MEM.PAGE.PROMOTE-2
  Scenario: a RUNNABLE TD's 512 pending pages are blocked, tracked and promoted into one 2 MB pending page
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    Then RAX is TDX_SUCCESS
    Given the VMM adds 512 pending 4K pages with TDH.MEM.PAGE.AUG from GPA 0x200000 onto host pages from 0x40200000
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_GPA_RANGE_NOT_BLOCKED with operand RCX
    And RDX is 0x401
    When the VMM calls TDH.MEM.RANGE.BLOCK on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    And the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_TLB_TRACKING_NOT_DONE with operand RCX
    When the VMM calls TDH.MEM.TRACK on the TD with:
      | RCX | TDR |
    And the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RCX is 0x40011000
    And RDX is 0x0
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RCX is 0x8000000040200000
    And RDX is 0x201
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x3FF000 |
      | RDX | TDR      |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RDX is 0x201
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x40011000 |
    Then RAX is TDX_SUCCESS
    And RCX is 0x0

  @rule:TDH.MEM.PAGE.PROMOTE-5 @rule:TDH.MEM.PAGE.PROMOTE-2
  Scenario: before TDH.MR.FINALIZE no blocking is needed; a page can no longer be added inside the 2 MB page
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    And the VMM adds 512 pending 4K pages with TDH.MEM.PAGE.AUG from GPA 0x200000 onto host pages from 0x40200000
    And the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RCX is 0x40011000
    When the VMM calls TDH.MEM.PAGE.ADD on the TD with:
      | RCX | 0x201000    |
      | RDX | TDR         |
      | R8  | FREE_PAGE   |
      | R9  | SOURCE_PAGE |
    Then RAX is TDX_EPT_WALK_FAILED with operand RCX
    And RDX is 0x201

  @rule:TDH.MEM.PAGE.PROMOTE-6
  Scenario: a SEPT page with no mapping, with 511 mappings, or with a non-contiguous last page is not promoted
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    And the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_EPT_INVALID_PROMOTE_CONDITIONS with operand RCX
    And RDX is 0x401
    Given the VMM adds 511 pending 4K pages with TDH.MEM.PAGE.AUG from GPA 0x200000 onto host pages from 0x40200000
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_EPT_INVALID_PROMOTE_CONDITIONS with operand RCX
    Given the VMM adds 1 pending 4K pages with TDH.MEM.PAGE.AUG from GPA 0x3FF000 onto host pages from 0x40400000
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_EPT_INVALID_PROMOTE_CONDITIONS with operand RCX
    And RDX is 0x401

  @rule:TDH.MEM.PAGE.PROMOTE-6
  Scenario: 512 contiguous pages whose first HPA is not 2 MB aligned are not promoted
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    And the VMM adds 512 pending 4K pages with TDH.MEM.PAGE.AUG from GPA 0x200000 onto host pages from 0x40201000
    And the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_EPT_INVALID_PROMOTE_CONDITIONS with operand RCX
    And RDX is 0x401

  @leaf:TDH.MEM.PAGE.REMOVE @rule:TDH.MEM.PAGE.PROMOTE-7 @rule:TDH.MEM.PAGE.AUG-2 @rule:TDH.MEM.PAGE.REMOVE-2
  Scenario: the TDR's child count follows AUG (+1 per 4 KB page), PROMOTE (-1, the SEPT page) and a 2 MB PAGE.REMOVE (-512)
    CHLDCNT is TDR field 0x8010000300000004 (tdr_tdcs_fields_lookup.c), host-readable with TDH.MNG.RD: the built TD
    has 16 child pages (6 TDCS, a TDVPR and 5 TDVPX, 3 SEPT pages, 1 private page). tdh_mem_page_aug.c,
    tdh_mem_page_promote.c and tdh_mem_page_remove.c update it by 1 << (9 x level), -1 and -(1 << (9 x level)); the
    removed 2 MB page's 512 host pages become free (PT_NDA).
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000300000004 |
    Then RAX is TDX_SUCCESS
    And R8 is 16
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    And the VMM adds 512 pending 4K pages with TDH.MEM.PAGE.AUG from GPA 0x200000 onto host pages from 0x40200000
    And the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000300000004 |
    Then R8 is 529
    When the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    And the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000300000004 |
    Then R8 is 528
    When the VMM calls TDH.MEM.PAGE.REMOVE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RCX is 0x40200000
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x8010000300000004 |
    Then R8 is 16
    When the VMM calls TDH.PHYMEM.PAGE.RDMD on the TD with:
      | RCX | 0x403FF000 |
    Then RCX is 0x0
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x200000 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RCX is 0x8000000000000000
    And RDX is 0x0
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x3FF000 |
      | RDX | TDR      |
    Then RCX is 0x8000000000000000
    And RDX is 0x0

  @rule:TDH.MEM.PAGE.PROMOTE-6 @rule:TDH.MEM.PAGE.PROMOTE-2
  Scenario: 512 pages added with TDH.MEM.PAGE.ADD (MAPPED) are promoted into one MAPPED 2 MB page
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM calls TDH.MEM.SEPT.ADD on the TD with:
      | RCX | 0x200001   |
      | RDX | TDR        |
      | R8  | 0x40011000 |
    And the VMM adds 512 4K pages with TDH.MEM.PAGE.ADD from GPA 0x200000 onto host pages from 0x40200000
    And the VMM calls TDH.MEM.PAGE.PROMOTE on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RCX is 0x40011000
    When the VMM calls TDH.MEM.SEPT.RD on the TD with:
      | RCX | 0x200001 |
      | RDX | TDR      |
    Then RAX is TDX_SUCCESS
    And RDX is 0x401

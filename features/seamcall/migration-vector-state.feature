@area:seamcall
Feature: Migration leaves touch the VMM's vector registers only once they ran AES-GCM
  The TDX module 1.5 encrypts migration data with AES-GCM, which uses the XMM registers. When a flow ran an AES-GCM
  primitive the module zeroes XMM0-15 before it returns to the VMM (and may reset AVX/AVX2/AVX-512 state to INIT);
  a call that fails earlier (operand, lock or state errors) leaves the vector registers as the VMM had them, and the
  leaves that never encrypt (TDH.EXPORT.BLOCKW, PAUSE, UNBLOCKW, TDH.IMPORT.COMMIT, END ...) preserve them
  (intel/tdx-module tdx_1.5 src/vmm_dispatcher/migration_api_calls/*, src/common/crypto/aes_gcm.c). A VMM must
  therefore treat XMM0-15 as clobbered by every AES-GCM migration leaf, but may not expect them zeroed on an early error.
  Before each call every XMM holds a distinct pattern. The TD is built without ATTRIBUTES.MIGRATABLE unless a scenario
  says otherwise. The module zeroes XMM0-15 in its SEAMCALL dispatcher (tdx_vmm_dispatcher.c, clear_xmms) whenever the
  flow set local_data.reset_avx_state, which every AES-GCM helper does (src/common/crypto/aes_gcm.c): even an error
  raised after the AES-GCM context was initialised returns with the XMMs zeroed.

  @leaf:TDH.EXPORT.STATE.IMMUTABLE @rule:CONTRACT-VECTOR @rule:EXPORT.STATE.IMMUTABLE-2
  Scenario: TDH.EXPORT.STATE.IMMUTABLE of a TD that is not migratable fails before AES-GCM and leaves every XMM alone
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.EXPORT.STATE.IMMUTABLE on the TD with:
      | RCX | TDR |
      | R8  | 0   |
      | R9  | 0   |
      | R10 | 0   |
    Then RAX is TDX_TD_NOT_MIGRATABLE
    And RDX is 0x0
    And XMM0 is unchanged
    And XMM7 is unchanged
    And XMM15 is unchanged
    And the call complies with the leaf's contract

  @leaf:TDH.EXPORT.STATE.IMMUTABLE @rule:CONTRACT-VECTOR @rule:EXPORT.STATE.IMMUTABLE-2
  Scenario: an AES-GCM export leaf given a page that is not a TDR fails on its operand and leaves every XMM alone
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.EXPORT.STATE.IMMUTABLE on the TD with:
      | RCX | TDVPR |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX
    And XMM0 is unchanged
    And XMM15 is unchanged
    And the call complies with the leaf's contract

  @leaf:TDH.IMPORT.STATE.IMMUTABLE @rule:CONTRACT-VECTOR @rule:IMPORT.STATE.IMMUTABLE-1
  Scenario: TDH.IMPORT.STATE.IMMUTABLE into a new TD with no migration stream fails before AES-GCM
    Given a TD that is tdcs
    When the VMM calls TDH.IMPORT.STATE.IMMUTABLE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_MIN_MIGS_NOT_CREATED
    And RCX is 0x0
    And RDX is 0x0
    And XMM0 is unchanged
    And XMM15 is unchanged
    And the call complies with the leaf's contract

  @leaf:TDH.EXPORT.BLOCKW @rule:CONTRACT-VECTOR @rule:EXPORT.BLOCKW-1
  Scenario: TDH.EXPORT.BLOCKW, which never encrypts, preserves every XMM
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.EXPORT.BLOCKW on the TD with:
      | RCX | 0   |
      | RDX | TDR |
    Then RAX is TDX_OP_STATE_INCORRECT
    And XMM0 is unchanged
    And XMM15 is unchanged
    And the call complies with the leaf's contract

  @leaf:TDH.IMPORT.COMMIT @rule:CONTRACT-VECTOR
  Scenario: TDH.IMPORT.COMMIT, which never encrypts, preserves every XMM
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.IMPORT.COMMIT on the TD with:
      | RCX | TDR |
    Then RAX is TDX_OP_STATE_INCORRECT
    And XMM3 is unchanged
    And the call complies with the leaf's contract

  @leaf:TDH.EXPORT.STATE.IMMUTABLE @rule:CONTRACT-VECTOR @rule:EXPORT.STATE.IMMUTABLE-4
  Scenario: a successful TDH.EXPORT.STATE.IMMUTABLE ran AES-GCM and returns with every XMM zeroed
    Given the VMM creates the TD with ATTRIBUTES.MIGRATABLE
    And a TD built with 1 VCPU and 1 private page
    And the VMM calls TDH.MIG.STREAM.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    And the VMM calls TDH.MIG.STREAM.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    And the migration TD has set the TD's migration keys
    And host memory at 0x30300000 holds the qwords "0x30301000 0x30302000"
    When the VMM calls TDH.EXPORT.STATE.IMMUTABLE on the TD with:
      | RCX | TDR                |
      | R8  | 0x0800000030304000 |
      | R9  | 0x0100000030300000 |
      | R10 | 0                  |
    Then RAX is TDX_SUCCESS
    And RDX is 0x2
    And XMM0 to XMM15 are 0x0
    And the call complies with the leaf's contract

  @leaf:TDH.EXPORT.STATE.IMMUTABLE @rule:CONTRACT-VECTOR @rule:EXPORT.STATE.IMMUTABLE-4
  Scenario: TDH.EXPORT.STATE.IMMUTABLE failing on a page-list entry after AES-GCM started still zeroes every XMM
    Given the VMM creates the TD with ATTRIBUTES.MIGRATABLE
    And a TD built with 1 VCPU and 1 private page
    And the VMM calls TDH.MIG.STREAM.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    And the VMM calls TDH.MIG.STREAM.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    And the migration TD has set the TD's migration keys
    And host memory at 0x30300000 holds the qwords "0x30301000 0x30302010"
    When the VMM calls TDH.EXPORT.STATE.IMMUTABLE on the TD with:
      | RCX | TDR                |
      | R8  | 0x0800000030304000 |
      | R9  | 0x0100000030300000 |
      | R10 | 0                  |
    Then RAX is TDX_OPERAND_INVALID with operand MIG_BUFF_LIST_ENTRY
    And RDX is 0x0
    And XMM0 to XMM15 are 0x0
    And the call complies with the leaf's contract

  @leaf:TDH.EXPORT.STATE.IMMUTABLE @rule:CONTRACT-VECTOR
  Scenario: TDH.EXPORT.STATE.IMMUTABLE with too few migration streams fails before AES-GCM and leaves every XMM alone
    Given the VMM creates the TD with ATTRIBUTES.MIGRATABLE
    And a TD built with 1 VCPU and 1 private page
    And the VMM calls TDH.MIG.STREAM.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    When the VMM calls TDH.EXPORT.STATE.IMMUTABLE on the TD with:
      | RCX | TDR                |
      | R8  | 0x0800000030304000 |
      | R9  | 0x0100000030300000 |
    Then RAX is TDX_MIN_MIGS_NOT_CREATED
    And XMM0 is unchanged
    And XMM15 is unchanged
    And the call complies with the leaf's contract

  # TDX_MIGRATION_DECRYPTION_KEY_NOT_SET is missing from leaf-specs/seamcall/tdh.export.state.immutable.yaml (tdx_1.5
  # tdh_export_state_immutable.c returns it before migsc_init), so this scenario does not check the contract.
  @leaf:TDH.EXPORT.STATE.IMMUTABLE @rule:CONTRACT-VECTOR
  Scenario: TDH.EXPORT.STATE.IMMUTABLE before the Migration TD set the keys fails before AES-GCM and leaves every XMM alone
    Given the VMM creates the TD with ATTRIBUTES.MIGRATABLE
    And a TD built with 1 VCPU and 1 private page
    And the VMM calls TDH.MIG.STREAM.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    And the VMM calls TDH.MIG.STREAM.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    And host memory at 0x30300000 holds the qwords "0x30301000 0x30302000"
    When the VMM calls TDH.EXPORT.STATE.IMMUTABLE on the TD with:
      | RCX | TDR                |
      | R8  | 0x0800000030304000 |
      | R9  | 0x0100000030300000 |
      | R10 | 0                  |
    Then RAX is TDX_MIGRATION_DECRYPTION_KEY_NOT_SET
    And RDX is 0x0
    And XMM0 is unchanged
    And XMM15 is unchanged

  @leaf:TDH.MIG.STREAM.CREATE @rule:CONTRACT-VECTOR
  Scenario: TDH.MIG.STREAM.CREATE adds a stream without AES-GCM and preserves every XMM
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MIG.STREAM.CREATE on the TD with:
      | RCX | FREE_PAGE |
      | RDX | TDR       |
    Then RAX is TDX_SUCCESS
    And XMM0 is unchanged
    And XMM15 is unchanged
    And the call complies with the leaf's contract

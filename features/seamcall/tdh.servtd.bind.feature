@area:seamcall
Feature: TDH.SERVTD.BIND and TDH.SERVTD.PREBIND match the service TD's TDINFO hash and record the binding in SERVTD_HASH
  BIND computes the service TD's TEE_INFO_HASH: the SHA-384 of its 512-byte TDINFO_STRUCT (ATTRIBUTES, XFAM, MRTD,
  MRCONFIGID, MROWNER, MROWNERCONFIG, RTMR0-3, SERVTD_HASH) with the fields selected by SERVTD_ATTR bits 42:32
  (IGNORE_TDINFO) zeroed. A pre-bound slot must match it; a bound slot is rebound when type and attributes match and,
  without INSTANCE_BINDING (SERVTD_ATTR bit 0), the hash (the new service TD's TD_UUID replaces the old), or, with it,
  the TD_UUID. SERVTD_NUM counts the slots in use; TDH.MR.FINALIZE sets SERVTD_HASH to the SHA-384 over each used slot's
  info hash, type (2 bytes) and attributes (8 bytes). Both TDs must have their keys (TDX_TD_KEYS_NOT_CONFIGURED).
  Sources: intel/tdx-module tdx_1.5 src/vmm_dispatcher/migration_api_calls/tdh_servtd_bind.c, tdh_servtd_prebind.c,
  src/common/helpers/helpers.c (get_teeinfohash), src/common/helpers/service_td.h,
  src/vmm_dispatcher/api_calls/tdh_mr_finalize.c (servtd_hash_buff_t); TDX module ABI spec TDINFO_STRUCT, SERVTD_ATTR.
  The target is "the TD" (TDR); "a second TD" is the service TD (TDR2), here with its own TD_PARAMS so that every
  TDINFO field it has is distinct.

  Background:
    Given a TD that is initialized
    And the second TD is created with TD_PARAMS:
      | ATTRIBUTES    | 0x10000000       |
      | XFAM          | 0x7              |
      | MRCONFIGID    | 48 bytes of 0x11 |
      | MROWNER       | 48 bytes of 0x22 |
      | MROWNERCONFIG | 48 bytes of 0x33 |
    And a second TD built with 1 VCPU

  @leaf:TDH.SERVTD.PREBIND @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-4 @rule:SERVTD.PREBIND-2
  Scenario Outline: a pre-bound TEE_INFO_HASH ignoring TDINFO fields <ignore> matches the service TD
    Given the VMM enters the TD on TDVPR_TD2
    And host memory at 0x30200000 holds the TEE_INFO_HASH of the second TD ignoring TDINFO fields <ignore>
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200000 |
      | R8  | 0          |
      | R9  | 0          |
      | R10 | <attr>     |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR    |
      | RDX | TDR2   |
      | R8  | 0      |
      | R9  | 0      |
      | R10 | <attr> |
    Then RAX is TDX_SUCCESS
    And RCX is the binding handle of slot 0 for the second TD
    And the call complies with the leaf's contract

    Examples:
      | ignore | attr          |
      | 0x0    | 0x0           |
      | 0x1    | 0x100000000   |
      | 0x2    | 0x200000000   |
      | 0x4    | 0x400000000   |
      | 0x8    | 0x800000000   |
      | 0x10   | 0x1000000000  |
      | 0x20   | 0x2000000000  |
      | 0x3C0  | 0x3C000000001 |
      | 0x400  | 0x40000000000 |
      | 0x7FF  | 0x7FF00000001 |

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-4 @rule:SERVTD.PREBIND-2
  Scenario Outline: a pre-bound hash of the whole TDINFO does not match when BIND ignores TDINFO fields <ignore>
    Given host memory at 0x30200000 holds the TEE_INFO_HASH of the second TD ignoring TDINFO fields 0x0
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200000 |
      | R10 | <attr>     |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR    |
      | RDX | TDR2   |
      | R10 | <attr> |
    Then RAX is TDX_SERVTD_INFO_HASH_MISMATCH
    And RCX is 0x0
    And R10 is 0x0

    Examples:
      | ignore | attr         |
      | 0x1    | 0x100000000  |
      | 0x2    | 0x200000000  |
      | 0x4    | 0x400000000  |
      | 0x8    | 0x800000000  |
      | 0x10   | 0x1000000000 |
      | 0x20   | 0x2000000000 |

  @leaf:TDH.SERVTD.PREBIND @leaf:TDH.SERVTD.BIND @leaf:TDH.MR.FINALIZE @rule:SERVTD.BIND-5
  Scenario: SERVTD_NUM counts the slot once whether pre-bound, pre-bound again or bound
    Given host memory at 0x30200000 holds the TEE_INFO_HASH of the second TD ignoring TDINFO fields 0x0
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9910000100000006 |
    Then R8 is 0x0
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200000 |
    And the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9910000100000006 |
    Then R8 is 0x1
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200000 |
    And the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9910000100000006 |
    Then R8 is 0x1
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9910000100000006 |
    Then R8 is 0x1

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-5
  Scenario: a first BIND counts the slot
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9910000100000006 |
    Then R8 is 0x1

  @leaf:TDH.SERVTD.PREBIND @leaf:TDH.MR.FINALIZE @rule:TDH.MR.FINALIZE-7
  Scenario: TDH.MR.FINALIZE hashes the pre-bound slot's info hash, type and attributes into SERVTD_HASH
    Given host memory at 0x30300000 holds 48 bytes of 0xAB
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR         |
      | RDX | 0x30300000  |
      | R10 | 0x30100000001 |
    Then RAX is TDX_SUCCESS
    Given the VMM creates VCPU V1 of the TD with 6 TDVPS pages
    When the VMM calls TDH.VP.INIT on the TD with:
      | RCX | V1 |
    And the VMM calls TDH.MR.FINALIZE on the TD with:
      | RCX | TDR |
    Then RAX is TDX_SUCCESS
    And the TD's SERVTD_HASH is the SHA-384 of 48 bytes of 0xAB, type 0 and attributes 0x30100000001

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-6
  Scenario: without INSTANCE_BINDING another service TD with the same TDINFO hash takes over the binding
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR                |
      | RDX | TDR2               |
      | R10 | 0x7FF00000000      |
    Then RAX is TDX_SUCCESS
    Given a second TD built with 1 VCPU
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR                |
      | RDX | TDR2               |
      | R10 | 0x7FF00000000      |
    Then RAX is TDX_SUCCESS
    And RCX is the binding handle of slot 0 for the second TD
    And R10 to R13 hold the TD's TD_UUID

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-6
  Scenario: without INSTANCE_BINDING a service TD with another TDINFO hash cannot take over the binding
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    Then RAX is TDX_SUCCESS
    Given the second TD is created with TD_PARAMS:
      | MRCONFIGID | 48 bytes of 0x44 |
    And a second TD built with 1 VCPU
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    Then RAX is TDX_SERVTD_INFO_HASH_MISMATCH
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-6
  Scenario: with INSTANCE_BINDING only the same service TD instance can be bound again
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR           |
      | RDX | TDR2          |
      | R10 | 0x7FF00000001 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR           |
      | RDX | TDR2          |
      | R10 | 0x7FF00000001 |
    Then RAX is TDX_SUCCESS
    Given a second TD built with 1 VCPU
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR           |
      | RDX | TDR2          |
      | R10 | 0x7FF00000001 |
    Then RAX is TDX_SERVTD_UUID_MISMATCH

  @leaf:TDH.SERVTD.BIND @leaf:TDH.SERVTD.PREBIND @rule:SERVTD.BIND-7 @rule:SERVTD.PREBIND-4
  Scenario: the target TD's keys flushed
    Given the VMM has torn the TD down up to TDH.MNG.VPFLUSHDONE
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED
    And RCX is 0x0
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200000 |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-7
  Scenario: the service TD's keys flushed
    When the VMM calls TDH.VP.FLUSH on the TD with:
      | RCX | TDVPR_TD2 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.MNG.VPFLUSHDONE on the TD with:
      | RCX | TDR2 |
    Then RAX is TDX_SUCCESS
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    Then RAX is TDX_TD_KEYS_NOT_CONFIGURED

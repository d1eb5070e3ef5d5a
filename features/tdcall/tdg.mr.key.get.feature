@leaf:TDG.MR.KEY.GET @area:tdcall
Feature: TDG.MR.KEY.GET derives a sealing key bound to the TD and the platform
  RCX = private GPA of the 128-byte TDKEYREQUEST (128-byte aligned): KEYNAME at 0 (must be 0), KEYSIZE_BITMAP at 3
  (bit 0 = 128-bit), reserved 4..7, KEYPOLICY at 8, ATTRIBUTES_MASK at 16, XFAM_MASK at 24, CPUSVN at 32,
  TEE_TCB_SVN at 48, SALT at 70, reserved 102..127. RDX = private GPA of the 32-byte key output (32-byte aligned).
  R8 = REQUESTOR_INFO (bits 7:0 at most 3, bits 63:8 zero). On success R9 = the key size in bits (128).
  The TD must have CONFIG_FLAGS.SEALING (bit 7, TDG.VM.RD field 0x1110000300000016) or TD_CTLS.ENABLE_HW_KEYS
  (bit 4, field 0x1110000300000017). New in TDX module 1.5.34 (not in 1.5.01).
  Source: intel/tdx-module 1.5.34 (commit 9fd3c8b1) tdg_mr_key_get.c, tdx_td_dispatcher.c, tdx_api_defs.h
  (td_key_request_t, requestor_info_t), td_control_structures.h (td_ctls_t), tdh_sys_init.c (supported key sizes).

  Background:
    Given a TD guest
    And the TD metadata field 0x1110000300000016 holds 0x80
    And the guest writes "00 00 00 01" to memory at 0x101000
    And the guest writes 32 bytes of 0xEE to memory at 0x101100

  Rule: on success the key lands at RDX and R9 holds its size in bits

    @rule:MR.KEY.GET-8
    Scenario: a TD with sealing enabled gets a 128-bit key
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And R9 is 0x80
      And guest memory at 0x101110 holds 16 bytes of 0x00
      And every register except RAX and R9 is unchanged
      And the call complies with the leaf's contract

    @rule:MR.KEY.GET-3
    Scenario: TD_CTLS.ENABLE_HW_KEYS also enables the leaf
      Given the TD metadata field 0x1110000300000016 holds 0x0
      And the TD metadata field 0x1110000300000017 holds 0x10
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 3        |
      Then RAX is TDX_SUCCESS
      And R9 is 0x80

  Rule: the TD must enable sealing, and the leaf is new in 1.5

    @rule:MR.KEY.GET-3
    Scenario: a TD without CONFIG_FLAGS.SEALING or TD_CTLS.ENABLE_HW_KEYS is refused before any input is checked
      Given the TD metadata field 0x1110000300000016 holds 0x0
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101001 |
        | RDX | 0x101101 |
        | R8  | 0xFFFF   |
      Then RAX is TDX_MR_KEY_GET_NOT_SUPPORTED
      And R9 is unchanged
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

    @rule:MR.KEY.GET-1
    Scenario: a 1.0 module rejects the leaf with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

  Rule: R8 is checked before the GPAs, RCX before RDX

    @rule:MR.KEY.GET-4
    Scenario Outline: REQUESTOR_INFO <r8> is rejected with operand R8
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101040 |
        | RDX | 0x101100 |
        | R8  | <r8>     |
      Then RAX is TDX_OPERAND_INVALID with operand R8
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | r8    |
        | 4     |
        | 0x100 |

    @rule:MR.KEY.GET-5
    Scenario Outline: TDKEYREQUEST GPA <rcx> is rejected with operand RCX
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | <rcx>    |
        | RDX | 0x101101 |
        | R8  | 0        |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | rcx            |
        | 0x101040       |
        | 0x800000101000 |

    @rule:MR.KEY.GET-5
    Scenario Outline: key output GPA <rdx> is rejected with operand RDX
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | <rdx>    |
        | R8  | 0        |
      Then RAX is TDX_OPERAND_INVALID with operand RDX
      And guest memory at 0x101100 holds 32 bytes of 0xEE
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | rdx            |
        | 0x101110       |
        | 0x800000101100 |

    @rule:MR.KEY.GET-5
    Scenario: an unmapped TDKEYREQUEST page exits to the host, then the PENDING page takes a #VE
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x500000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then every register is unchanged

  Rule: the TDKEYREQUEST is checked field by field

    @rule:MR.KEY.GET-6
    Scenario: a non-zero KEYNAME is rejected with operand KEYNAME, before the reserved fields
      Given the guest writes "01 00 00 01 01" to memory at 0x101000
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_OPERAND_INVALID with operand KEYNAME
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

    @rule:MR.KEY.GET-6
    Scenario Outline: a set reserved bit at byte <offset> of the TDKEYREQUEST is rejected with operand RCX
      Given the guest writes "<byte>" to memory at <address>
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_OPERAND_INVALID with operand RCX
      And guest memory at 0x101100 holds 32 bytes of 0xEE
      And the call complies with the leaf's contract

      Examples:
        | offset | address  | byte |
        | 4      | 0x101004 | 01   |
        | 8      | 0x101008 | 10   |
        | 16     | 0x101010 | 02   |
        | 26     | 0x10101A | 08   |
        | 51     | 0x101033 | 01   |
        | 127    | 0x10107F | 01   |

    @rule:MR.KEY.GET-6
    Scenario Outline: KEYSIZE_BITMAP <bitmap> without the 128-bit size is rejected with operand KEYSIZE_BITMAP
      Given the guest writes "00 00 00 <bitmap>" to memory at 0x101000
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_OPERAND_INVALID with operand KEYSIZE_BITMAP
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

      Examples:
        | bitmap |
        | 00     |
        | 02     |

  Rule: the key is derived under the requested SVNs

    @rule:MR.KEY.GET-9
    Scenario: a CPUSVN newer than the platform's gives TDX_SVN_INVALID and writes nothing
      Given the guest writes "FF" to memory at 0x101020
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_SVN_INVALID
      And R9 is unchanged
      And guest memory at 0x101100 holds 32 bytes of 0xEE
      And every register except RAX is unchanged
      And the call complies with the leaf's contract

  Rule: the key depends on every input the derivation string and the SVNs carry, and on nothing else
    The derivation string (tdgetkey_derivation_string_t) holds REQUESTOR, ATTRIBUTES and their mask, XFAM and its
    mask, RTMR i only when KEYPOLICY bit 32+i is set, and SALT; SEAMGETKEY also takes the requested CPUSVN and
    TEE_TCB_SVN. A first key is kept at 0x101200; the request then changes in one input and a second key is derived.

    @rule:MR.KEY.GET-8
    Scenario Outline: changing <input> changes the key
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      Given the guest copies 32 bytes from 0x101100 to 0x101200
      And the guest writes "<bytes>" to memory at <offset>
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | <r8>     |
      Then RAX is TDX_SUCCESS
      And guest memory at 0x101100 differs from the 32 bytes at 0x101200

      Examples:
        | input                          | offset   | bytes | r8 |
        | the requestor (R8 = 1)         | 0x101040 | 00    | 1  |
        | the requestor (R8 = 3)         | 0x101040 | 00    | 3  |
        | the SALT                       | 0x101046 | 5A    | 0  |
        | the last SALT byte             | 0x101065 | 01    | 0  |
        | ATTRIBUTES_MASK bit 0 (DEBUG)  | 0x101010 | 01    | 0  |
        | ATTRIBUTES_MASK bit 28 (SEPT_VE_DISABLE) | 0x101013 | 10 | 0 |
        | XFAM_MASK bit 0                | 0x101018 | 01    | 0  |
        | XFAM_MASK bit 18               | 0x10101A | 04    | 0  |
        | the requested CPUSVN           | 0x101020 | 01    | 0  |
        | the requested CPUSVN byte 5    | 0x101025 | 03    | 0  |
        | the requested TEE_TCB_SVN      | 0x101030 | 01    | 0  |
        | the requested TEE_TCB_SVN byte 1 | 0x101031 | 05  | 0  |

    @rule:MR.KEY.GET-8
    Scenario: the same request gives the same key
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 2        |
      Then RAX is TDX_SUCCESS
      Given the guest copies 32 bytes from 0x101100 to 0x101200
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 2        |
      Then RAX is TDX_SUCCESS
      And guest memory at 0x101100 holds the same 32 bytes as 0x101200

    @rule:MR.KEY.GET-8
    Scenario Outline: a key <bound> RTMR<n> by KEYPOLICY <changes> when RTMR<n> is extended
      Given the guest writes "<policy>" to memory at 0x10100C
      And the guest writes 48 bytes of 0xAB to memory at 0x100000
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      Given the guest copies 32 bytes from 0x101100 to 0x101200
      When the guest calls TDG.MR.RTMR.EXTEND with:
        | RCX | 0x100000 |
        | RDX | <n>      |
      Then RAX is TDX_SUCCESS
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And guest memory at 0x101100 <compare> 0x101200

      Examples:
        | bound          | n | policy | changes         | compare                       |
        | bound to       | 0 | 01     | changes         | differs from the 32 bytes at  |
        | bound to       | 3 | 08     | changes         | differs from the 32 bytes at  |
        | not bound to   | 2 | 01     | does not change | holds the same 32 bytes as    |
        | not bound to   | 1 | 00     | does not change | holds the same 32 bytes as    |

    @rule:MR.KEY.GET-8
    Scenario Outline: a key <bound> <mr> <changes> when <mr> changes
      MRTD enters the derivation string under KEYPOLICY bit 0, MROWNER under bit 1, SERVTD_HASH whenever
      ATTRIBUTES.MIGRATABLE (bit 29) is set (tdg_mr_key_get.c).
      Given the TD is configured with:
        | ATTRIBUTES | <attributes> |
      And the guest writes "<policy>" to memory at 0x101008
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      Given the guest copies 32 bytes from 0x101100 to 0x101200
      And the TD metadata field <field> holds 0x0123456789ABCDEF
      When the guest calls TDG.MR.KEY.GET with:
        | RCX | 0x101000 |
        | RDX | 0x101100 |
        | R8  | 0        |
      Then RAX is TDX_SUCCESS
      And guest memory at 0x101100 <compare> 0x101200

      Examples:
        | bound                      | mr          | attributes | policy | field              | changes         | compare                      |
        | bound by KEYPOLICY bit 0 to | MRTD        | 0          | 01     | 0x1310000300000000 | changes         | differs from the 32 bytes at |
        | not bound to               | MRTD        | 0          | 02     | 0x1310000300000000 | does not change | holds the same 32 bytes as   |
        | bound by KEYPOLICY bit 1 to | MROWNER     | 0          | 02     | 0x1310000300000018 | changes         | differs from the 32 bytes at |
        | not bound to               | MROWNER     | 0          | 01     | 0x1310000300000018 | does not change | holds the same 32 bytes as   |
        | of a migratable TD, bound to | SERVTD_HASH | 0x20000000 | 00     | 0x9910000300000000 | changes         | differs from the 32 bytes at |
        | of a TD that is not migratable, not bound to | SERVTD_HASH | 0 | 00 | 0x9910000300000000 | does not change | holds the same 32 bytes as |

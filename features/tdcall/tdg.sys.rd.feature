@leaf:TDG.SYS.RD @area:tdcall
Feature: TDG.SYS.RD reads a global TDX module metadata field
  RDX = field ID (context code ignored). On success R8 = value and RDX = the next guest-readable global field ID
  (all ones after the last); at the start RDX is set to all ones and R8 to 0. Guest-readable global fields in
  table order (intel/tdx-module 1.5 global_sys_fields_lookup.c): VENDOR_ID 0x0800000200000000,
  MINOR_VERSION 0x0800000100000003, MAJOR_VERSION 0x0800000100000004, SYS_ATTRIBUTES 0x0A00000200000000, ...;
  NUM_PKGS 0x0000000200000000 and BUILD_DATE 0x8800000200000001 are host-only. New in module 1.5.
  Source: TDX module ABI spec, TDG.SYS.RD; intel/tdx-module tdg_sys_rd.c, metadata_sys.c, tdg_vp_info.c.

  Background:
    Given a TD guest

  Rule: R8 holds the value and RDX the next readable field ID

    @rule:SYS.RD-2
    Scenario Outline: <field> of a 1.5 module reads <value>, next field <next>
      When the guest calls TDG.SYS.RD with:
        | RDX | <id> |
      Then RAX is TDX_SUCCESS
      And R8 is <value>
      And RDX is <next>
      And the call complies with the leaf's contract

      Examples:
        | field         | id                 | value  | next               |
        | VENDOR_ID     | 0x0800000200000000 | 0x8086 | 0x0800000100000003 |
        | MINOR_VERSION | 0x0800000100000003 | 5      | 0x0800000100000004 |
        | MAJOR_VERSION | 0x0800000100000004 | 1      | 0x0A00000200000000 |

    @rule:SYS.RD-2
    Scenario Outline: TDX_FEATURES0 of a 1.5 module reads <value> when local attestation is <verify>
      intel/tdx-module tdx_1.5 metadata_sys.c sets bits 0-5 (migration, TD preserving, service TD, TDG.VP.RD/WR,
      relaxed memory-management concurrency, CPUID virtualization guest control), 7 (TD partitioning), 8 (local
      attestation, only when SEAMVERIFYREPORT is available), 9-11 (TD entry enhancements, host priority locks, config
      IA32_ARCH_CAPABILITIES) and 16-19 (pending EPT violation v2, FMS config, NO_RBP_MOD, L2 TLB invalidation
      optimization); bit positions from tdx_api_defs.h tdx_features_enum0_t.
      Given the TD is configured with:
        | VERIFYREPORT | <verify> |
      When the guest calls TDG.SYS.RD with:
        | RDX | 0x0A00000300000008 |
      Then RAX is TDX_SUCCESS
      And R8 is <value>

      Examples:
        | verify | value   |
        | true   | 0xF0FBF |
        | false  | 0xF0EBF |

    @rule:SYS.RD-2
    Scenario: the context code of the field ID is ignored
      When the guest calls TDG.SYS.RD with:
        | RDX | 0x0870000100000004 |
      Then RAX is TDX_SUCCESS
      And R8 is 1

    @rule:SYS.RD-2
    Scenario Outline: the null field ID (<id>) returns the first readable field ID, which then reads
      When the guest calls TDG.SYS.RD with:
        | RDX | <id> |
      Then RAX is TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
      And RDX is 0x0800000200000000
      And R8 is 0
      And the call complies with the leaf's contract
      When the guest calls TDG.SYS.RD with values from the previous call:
        | RDX | previous RDX |
      Then RAX is TDX_SUCCESS
      And R8 is 0x8086

      Examples:
        | id                 |
        | 0xFFFFFFFFFFFFFFFF |
        | 0xFF8FFFFFFFFFFFFF |

  Rule: after an error RDX is all ones and R8 is 0

    @rule:SYS.RD-1
    Scenario Outline: a field ID with <what> returns <status>
      When the guest calls TDG.SYS.RD with:
        | RDX | <id> |
      Then RAX is <status>
      And RDX is 0xFFFFFFFFFFFFFFFF
      And R8 is 0
      And the call complies with the leaf's contract

      Examples:
        | what                           | id                 | status                          |
        | reserved bit 24 set            | 0x0800000101000004 | TDX_METADATA_FIELD_ID_INCORRECT |
        | LAST_ELEMENT_IN_FIELD non-zero | 0x0800000500000004 | TDX_METADATA_FIELD_ID_INCORRECT |
        | reserved bit 62 set            | 0x4800000100000004 | TDX_METADATA_FIELD_ID_INCORRECT |
        | an unknown field code          | 0x0800000100000FFF | TDX_METADATA_FIELD_ID_INCORRECT |
        | a host-only field (NUM_PKGS)   | 0x0000000200000000 | TDX_METADATA_FIELD_NOT_READABLE |
        | a host-only field (BUILD_DATE) | 0x8800000200000001 | TDX_METADATA_FIELD_NOT_READABLE |

  Rule: RCX and the other registers are not touched

    @rule:SYS.RD-3
    Scenario: only RAX, RDX and R8 change
      When the guest calls TDG.SYS.RD with:
        | RDX | 0x0800000100000004 |
      Then RAX is TDX_SUCCESS
      And RCX is unchanged
      And every register except RAX, RDX and R8 is unchanged

  Rule: TDG.SYS.RD exists exactly when TDG.VP.INFO advertises it in R10 bit 0

    @rule:SYS.RD-4
    Scenario: a 1.5 module advertises TDG.SYS.RD and it works
      When the guest calls TDG.VP.INFO
      Then R10 field TDG_SYS_RD_AVAILABLE is 1
      When the guest calls TDG.SYS.RD with:
        | RDX | 0x0800000100000004 |
      Then RAX is TDX_SUCCESS

    @rule:SYS.RD-4
    Scenario: a 1.0 module does not advertise TDG.SYS.RD and rejects it with operand RAX
      Given the TDX module version is "1.0"
      When the guest calls TDG.VP.INFO
      Then R10 is 0
      When the guest calls TDG.SYS.RD with:
        | RDX | 0x0800000100000004 |
      Then RAX is TDX_OPERAND_INVALID with operand RAX
      And no other register changed

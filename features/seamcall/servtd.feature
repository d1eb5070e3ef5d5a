@area:seamcall
Feature: TDH.SERVTD.BIND and TDH.SERVTD.PREBIND bind a service TD (a MigTD) to a target TD
  A VMM binds a running service TD to a target TD that is not initialised yet (or pre-binds the service TD's
  TDINFO hash first and binds later). BIND clears RCX and R10-R13 at once; on success RCX is the binding handle
  ((target TDR | slot) + the service TD's TD_UUID bits 63:0) and R10-R13 the target TD's TD_UUID. RDX naming the
  target itself is refused before anything else. The service TD must be RUNNABLE; a new binding needs the target
  UNINITIALIZED or INITIALIZED; TDX module 1.5 has one slot and one service TD type (0, MigTD)
  (intel/tdx-module tdx_1.5 src/vmm_dispatcher/migration_api_calls/tdh_servtd_bind.c, tdh_servtd_prebind.c,
  src/common/helpers/service_td.h, include/auto_gen/op_state_lookup.c).
  The target is "the TD" (TDR); "a second TD" is the service TD (TDR2).

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-1 @rule:SERVTD.BIND-2
  Scenario: binding a running service TD to an initialized TD returns the handle and the target's TD_UUID
    Given a TD that is initialized
    And a second TD built with 1 VCPU
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
      | R8  | 0    |
      | R9  | 0    |
      | R10 | 0    |
    Then RAX is TDX_SUCCESS
    And RCX is the binding handle of slot 0 for the second TD
    And R10 to R13 hold the TD's TD_UUID
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-1
  Scenario: a TD cannot be its own service TD; RDX is checked before the TDR and the outputs are cleared
    Given a TD that is initialized
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR |
      | RDX | TDR |
    Then RAX is TDX_OPERAND_INVALID with operand RDX
    And RCX is 0x0
    And R10 is 0x0
    And R13 is 0x0
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-2
  Scenario: a service TD that is not RUNNABLE cannot be bound
    Given a TD that is initialized
    And a second TD built with 1 VCPU
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR2 |
      | RDX | TDR  |
    Then RAX is TDX_OP_STATE_INCORRECT
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-2
  Scenario: a new binding of a TD that is already RUNNABLE is refused
    Given a TD built with 1 VCPU and 1 private page
    And a second TD built with 1 VCPU
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    Then RAX is TDX_OP_STATE_INCORRECT
    And RCX is 0x0
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-3
  Scenario Outline: BIND checks slot, type and attributes after both TDs: <register> = <value>
    Given a TD that is initialized
    And a second TD built with 1 VCPU
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX        | TDR     |
      | RDX        | TDR2    |
      | <register> | <value> |
    Then RAX is TDX_OPERAND_INVALID with operand <register>
    And the call complies with the leaf's contract

    Examples:
      | register | value             |
      | R8       | 1                 |
      | R9       | 1                 |
      | R9       | 0x10000           |
      | R10      | 0x2               |
      | R10      | 0x80000000000     |

  @leaf:TDH.SERVTD.BIND @rule:SERVTD.BIND-2
  Scenario: rebinding with other attributes is refused
    Given a TD that is initialized
    And a second TD built with 1 VCPU
    And the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
      | R10 | 0x1  |
    Then RAX is TDX_SERVTD_ATTR_MISMATCH
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.PREBIND @rule:SERVTD.PREBIND-1 @rule:SERVTD.PREBIND-2
  Scenario: pre-binding a hash succeeds and writes no register; binding a service TD with another hash then fails
    Given a TD that is initialized
    And a second TD built with 1 VCPU
    And host memory at 0x30200000 holds 48 bytes of 0xAB
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200000 |
    Then RAX is TDX_SUCCESS
    And every register except RAX is unchanged
    And the call complies with the leaf's contract
    When the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    Then RAX is TDX_SERVTD_INFO_HASH_MISMATCH
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.PREBIND @rule:SERVTD.PREBIND-3
  Scenario: the pre-bound hash must be at a 64-byte aligned shared address
    Given a TD that is initialized
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200020 |
    Then RAX is TDX_OPERAND_INVALID with operand RDX
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.PREBIND @rule:SERVTD.PREBIND-2
  Scenario: a bound slot cannot be pre-bound again
    Given a TD that is initialized
    And a second TD built with 1 VCPU
    And the VMM calls TDH.SERVTD.BIND on the TD with:
      | RCX | TDR  |
      | RDX | TDR2 |
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200000 |
    Then RAX is TDX_SERVTD_BOUND
    And the call complies with the leaf's contract

  @leaf:TDH.SERVTD.PREBIND @rule:SERVTD.PREBIND-2
  Scenario: a TD that is already RUNNABLE cannot be pre-bound
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.SERVTD.PREBIND on the TD with:
      | RCX | TDR        |
      | RDX | 0x30200000 |
    Then RAX is TDX_OP_STATE_INCORRECT
    And the call complies with the leaf's contract

@area:tdvmcall @ghci
Feature: The other GHCI sub-functions reach the host and return its status in R10
  Source: GHCI spec, TDG.VP.VMCALL sub-functions; Linux arch/x86/coco/tdx/tdx.c; KVM arch/x86/kvm/vmx/tdx.c.

  Background:
    Given a TD guest

  @leaf:TDG.VP.VMCALL<Instruction.HLT> @rule:HLT-2
  Scenario: HLT returns no data
    When the guest calls TDG.VP.VMCALL<Instruction.HLT> with:
      | RCX | bitmap R10 R11 R12 |
      | R12 | 0                  |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUCCESS
    And every register outside the bitmap is unchanged
    And the call complies with the leaf's contract

  @leaf:TDG.VP.VMCALL<Instruction.HLT> @rule:HLT-1
  Scenario: the host sees whether interrupts were blocked
    When the guest calls TDG.VP.VMCALL<Instruction.HLT> with:
      | RCX | bitmap R10 R11 R12 |
      | R12 | 1                  |
    Then the host saw R11 = 12
    And the host saw R12 = 1

  @leaf:TDG.VP.VMCALL<Instruction.WBINVD> @rule:WBINVD-2
  Scenario: WBINVD returns no data
    When the guest calls TDG.VP.VMCALL<Instruction.WBINVD> with:
      | RCX | bitmap R10 R11 R12 |
      | R12 | 0                  |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUCCESS
    And the host saw R11 = 54
    And every register outside the bitmap is unchanged

  @leaf:TDG.VP.VMCALL<GetTdVmCallInfo> @rule:GETTDVMCALLINFO-1
  Scenario: GetTdVmCallInfo with R12 = 0 promises the base sub-functions
    When the guest calls TDG.VP.VMCALL<GetTdVmCallInfo> with:
      | RCX | bitmap R10 R11 R12 R13 R14 |
      | R12 | 0                          |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUCCESS
    And R11 is 0
    And R12 is 0
    And R13 is 0
    And R14 is 0
    And the call complies with the leaf's contract

  @leaf:TDG.VP.VMCALL<SetupEventNotifyInterrupt> @rule:EVENTNOTIFY-1
  Scenario Outline: vector <vector> is <verdict>
    When the guest calls TDG.VP.VMCALL<SetupEventNotifyInterrupt> with:
      | RCX | bitmap R10 R11 R12 |
      | R12 | <vector>           |
    Then RAX is TDX_SUCCESS
    And R10 is <status>

    Examples:
      | vector | verdict  | status                        |
      | 32     | accepted | TDG.VP.VMCALL_SUCCESS         |
      | 255    | accepted | TDG.VP.VMCALL_SUCCESS         |
      | 31     | refused  | TDG.VP.VMCALL_INVALID_OPERAND |
      | 256    | refused  | TDG.VP.VMCALL_INVALID_OPERAND |

  @leaf:TDG.VP.VMCALL<GetQuote> @rule:GETQUOTE-1
  Scenario: GetQuote with a private buffer is refused
    When the guest calls TDG.VP.VMCALL<GetQuote> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | 0x0000000000100000     |
      | R13 | 0x1000                 |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_INVALID_OPERAND

  @leaf:TDG.VP.VMCALL<GetQuote> @rule:GETQUOTE-3
  Scenario: GetQuote with a shared buffer is accepted
    When the guest calls TDG.VP.VMCALL<GetQuote> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | 0x0000800000180000     |
      | R13 | 0x1000                 |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUCCESS
    And the host saw R12 = 0x0000800000180000
    And the call complies with the leaf's contract

  @leaf:TDG.VP.VMCALL<Service> @rule:SERVICE-2
  Scenario: Service with a reserved notification vector is refused
    When the guest calls TDG.VP.VMCALL<Service> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 0x0000800000180000             |
      | R13 | 0x0000800000181000             |
      | R14 | 5                              |
      | R15 | 0                              |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_INVALID_OPERAND

  @leaf:TDG.VP.VMCALL<Service> @rule:SERVICE-1
  Scenario: a host that does not offer Service says so
    Given the host does not support Service
    When the guest calls TDG.VP.VMCALL<Service> with:
      | RCX | bitmap R10 R11 R12 R13 R14 R15 |
      | R12 | 0x0000800000180000             |
      | R13 | 0x0000800000181000             |
      | R14 | 0                              |
      | R15 | 0                              |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUBFUNC_UNSUPPORTED

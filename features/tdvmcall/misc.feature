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
  Scenario: GetQuote with a shared buffer is accepted and the host fills in the header
    The buffer header (GHCI GetQuote; Linux struct tdx_quote_buf; QEMU struct tdx_get_quote_header): u64 version
    (1) at 0, u64 status at 8, u32 in_len at 16, u32 out_len at 20, data from 24. A host without a quote service
    answers GET_QUOTE_SERVICE_UNAVAILABLE (0x8000000000000001) and out_len 0.
    Given the guest writes "01 00 00 00 00 00 00 00 FF FF FF FF FF FF FF FF 00 04 00 00 77 77 77 77" to memory at 0x0000800000180000
    When the guest calls TDG.VP.VMCALL<GetQuote> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | 0x0000800000180000     |
      | R13 | 0x1000                 |
    Then RAX is TDX_SUCCESS
    And R10 is TDG.VP.VMCALL_SUCCESS
    And the host saw R12 = 0x0000800000180000
    And guest memory at 0x0000800000180000 holds "01 00 00 00 00 00 00 00 01 00 00 00 00 00 00 80 00 04 00 00 00 00 00 00"
    And the call complies with the leaf's contract

  @leaf:TDG.VP.VMCALL<GetQuote> @rule:GETQUOTE-3
  Scenario: the quote lands after the header with status GET_QUOTE_SUCCESS and its length in out_len
    Given the host fills GetQuote buffers with status 0x0 and quote "AABBCCDDEE"
    And the guest writes "01 00 00 00 00 00 00 00 FF FF FF FF FF FF FF FF 00 04 00 00 77 77 77 77" to memory at 0x0000800000180000
    When the guest calls TDG.VP.VMCALL<GetQuote> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | 0x0000800000180000     |
      | R13 | 0x2000                 |
    Then R10 is TDG.VP.VMCALL_SUCCESS
    And guest memory at 0x0000800000180000 holds "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 04 00 00 05 00 00 00 AA BB CC DD EE"

  @leaf:TDG.VP.VMCALL<GetQuote> @rule:GETQUOTE-2
  Scenario Outline: GetQuote with <what> is refused with <status> and the buffer is untouched
    The KVM + QEMU host (Linux tdx_get_quote, QEMU tdx_handle_get_quote): size 0, a header version other than 1 or
    a size above 128 KB (TDX_GET_QUOTE_MAX_BUF_LEN) is INVALID_OPERAND; a GPA or size not 4 KB aligned is ALIGN_ERROR.
    Given the guest writes "<version> 00 00 00 00 00 00 00 FF FF FF FF FF FF FF FF" to memory at 0x0000800000180000
    When the guest calls TDG.VP.VMCALL<GetQuote> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | <gpa>                  |
      | R13 | <size>                 |
    Then RAX is TDX_SUCCESS
    And R10 is <status>
    And guest memory at 0x0000800000180000 holds "<version> 00 00 00 00 00 00 00 FF FF FF FF FF FF FF FF"

    Examples:
      | what                     | version | gpa                | size    | status                        |
      | size 0                   | 01      | 0x0000800000180000 | 0       | TDG.VP.VMCALL_INVALID_OPERAND |
      | header version 2         | 02      | 0x0000800000180000 | 0x1000  | TDG.VP.VMCALL_INVALID_OPERAND |
      | header version 0         | 00      | 0x0000800000180000 | 0x1000  | TDG.VP.VMCALL_INVALID_OPERAND |
      | a 132 KB buffer          | 01      | 0x0000800000180000 | 0x21000 | TDG.VP.VMCALL_INVALID_OPERAND |
      | a GPA 2 KB aligned       | 01      | 0x0000800000180800 | 0x1000  | TDG.VP.VMCALL_ALIGN_ERROR     |
      | a size of 2 KB           | 01      | 0x0000800000180000 | 0x800   | TDG.VP.VMCALL_ALIGN_ERROR     |

  @leaf:TDG.VP.VMCALL<GetQuote> @rule:GETQUOTE-2
  Scenario: a 128 KB buffer is accepted
    Given the guest writes "01 00 00 00 00 00 00 00" to memory at 0x0000800000180000
    When the guest calls TDG.VP.VMCALL<GetQuote> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | 0x0000800000180000     |
      | R13 | 0x20000                |
    Then R10 is TDG.VP.VMCALL_SUCCESS

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

@leaf:TDG.VP.VMCALL<MapGPA> @area:tdvmcall @ghci
Feature: TDG.VP.VMCALL<MapGPA> converts a GPA range between private and shared
  R12 is the start GPA (its shared bit picks the direction), R13 the size; both 4 KB aligned.
  The host answers in R10; on TDG.VP.VMCALL_RETRY, R11 holds the GPA to resume from.
  Source: GHCI spec, TDG.VP.VMCALL<MapGPA>; Linux arch/x86/coco/tdx/tdx.c.

  Background:
    Given a TD guest

  Rule: a range the host maps completes with TDG.VP.VMCALL_SUCCESS

    @rule:MAPGPA-2
    Scenario: one 4 KB page converted to shared
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | 0x0000800000100000     |
        | R13 | 0x1000                 |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_SUCCESS
      And the host saw R12 = 0x0000800000100000
      And the host saw R13 = 0x1000
      And every register outside the bitmap is unchanged
      And the call complies with the leaf's contract

  Rule: misaligned ranges are refused with TDG.VP.VMCALL_ALIGN_ERROR

    @rule:MAPGPA-1
    Scenario Outline: a misaligned <what> is refused
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | <gpa>                  |
        | R13 | <size>                 |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_ALIGN_ERROR
      And the call complies with the leaf's contract

      Examples:
        | what      | gpa                | size   |
        | start GPA | 0x0000800000100800 | 0x1000 |
        | size      | 0x0000800000100000 | 0x0800 |

  Rule: RETRY returns the GPA to resume from in R11

    @rule:MAPGPA-4
    Scenario: the host stops part-way and the guest learns where to resume
      Given the host answers MapGPA with TDG.VP.VMCALL_RETRY once and:
        | R11 | 0x0000800000101000 |
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | 0x0000800000100000     |
        | R13 | 0x2000                 |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_RETRY
      And R11 is 0x0000800000101000
      And the call complies with the leaf's contract

    @rule:MAPGPA-4
    Scenario: the retry from the resume GPA completes
      Given the host answers MapGPA with TDG.VP.VMCALL_RETRY once and:
        | R11 | 0x0000800000101000 |
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | 0x0000800000100000     |
        | R13 | 0x2000                 |
      And the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | 0x0000800000101000     |
        | R13 | 0x1000                 |
      Then R10 is TDG.VP.VMCALL_SUCCESS

  Rule: the host refuses an invalid range with TDG.VP.VMCALL_INVALID_OPERAND and R11 = the start GPA
    The modelled host is KVM's (Linux arch/x86/kvm/vmx/tdx.c tdx_map_gpa): a range that is empty or wraps, leaves
    the GPA width or crosses the SHARED bit is INVALID_OPERAND (checked before alignment); on any error R11 = R12.
    GPAW is 48 here, so the SHARED bit is bit 47.

    @rule:MAPGPA-1
    Scenario Outline: a range that <what> is refused with INVALID_OPERAND
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | <gpa>                  |
        | R13 | <size>                 |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_INVALID_OPERAND
      And R11 is <gpa>
      And the call complies with the leaf's contract

      Examples:
        | what                                   | gpa                | size               |
        | is empty                               | 0x0000800000100000 | 0                  |
        | wraps around                           | 0xFFFFFFFFFFFFF000 | 0x2000             |
        | starts above the GPA width             | 0x0001000000000000 | 0x1000             |
        | ends above the GPA width               | 0x0000FFFFFFFFF000 | 0x2000             |
        | crosses the SHARED bit upwards         | 0x00007FFFFFFFF000 | 0x2000             |
        | is misaligned and crosses the SHARED bit | 0x00007FFFFFFFF800 | 0x1000           |

    @rule:MAPGPA-1
    Scenario: a range that ends exactly at the GPA width is converted
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | 0x0000FFFFFFFFF000     |
        | R13 | 0x1000                 |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_SUCCESS

    @rule:MAPGPA-1
    Scenario: an ALIGN_ERROR also reports the start GPA in R11
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | 0x0000800000100800     |
        | R13 | 0x1000                 |
      Then R10 is TDG.VP.VMCALL_ALIGN_ERROR
      And R11 is 0x0000800000100800

  Rule: the module status stays in RAX whatever the host answers

    @rule:MAPGPA-3
    Scenario: a host error does not turn into a module error
      Given the host answers MapGPA with TDG.VP.VMCALL_INVALID_OPERAND
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | 0x0000800000100000     |
        | R13 | 0x1000                 |
      Then RAX is TDX_SUCCESS
      And R10 is TDG.VP.VMCALL_INVALID_OPERAND

    @rule:MAPGPA-3
    Scenario Outline: the host's <status> reaches the guest in R10 with RAX TDX_SUCCESS
      Given the host answers MapGPA with <status>
      When the guest calls TDG.VP.VMCALL<MapGPA> with:
        | RCX | bitmap R10 R11 R12 R13 |
        | R12 | 0x0000800000100000     |
        | R13 | 0x1000                 |
      Then RAX is TDX_SUCCESS
      And R10 is <status>
      And the call complies with the leaf's contract

      Examples:
        | status                              |
        | TDG.VP.VMCALL_GPA_INUSE             |
        | TDG.VP.VMCALL_ALIGN_ERROR           |
        | TDG.VP.VMCALL_SUBFUNC_UNSUPPORTED   |
        | TDG.VP.VMCALL_INVALID_OPERAND       |

@area:seamcall @leaf:TDH.VP.ENTER
Feature: TDH.VP.ENTER runs the guest until it needs the host
  The VMM builds a TD with SEAMCALLs and gives its VCPU a guest program: a list of TDCALLs with their registers.
  TDH.VP.ENTER runs the program until a TD exit: on TDG.VP.VMCALL the host gets RAX = 77 (TDX_SUCCESS with exit
  reason TDCALL in bits 31:0), RCX = the guest's bitmap and only the registers it selects; the host writes its answer
  and enters again, and the guest sees exactly the selected registers change. After its last call the guest halts
  with TDG.VP.VMCALL<Instruction.HLT>. Facts from intel/tdx-module tdx_1.5 src/td_transitions/tdh_vp_enter.c,
  td_exit.c and src/td_dispatcher/vm_exits/tdg_vp_vmcall.c. The guest starts with GPR n = 0x6E57_0000_0000_0n0n.

  @leaf:TDG.VP.VMCALL<Instruction.CPUID> @leaf:TDG.VP.VMCALL<MapGPA> @rule:TDH.VP.ENTER-3 @rule:TDH.VP.ENTER-4
  Scenario: the guest exits for CPUID and MapGPA and resumes with the host's answers
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | call                             | registers                                                      |
      | TDG.VP.VMCALL<Instruction.CPUID> | RCX=bitmap R10 R11 R12 R13 R14 R15, R12=0x1, R13=0x0            |
      | TDG.VP.VMCALL<MapGPA>            | RCX=bitmap R10 R11 R12 R13, R12=0x0000800000010000, R13=0x1000 |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.CPUID>
    And the host sees RCX = the guest's bitmap
    And the host sees R10 = 0x0
    And the host sees R12 = 0x1
    And the host sees R13 = 0x0
    And the host sees R14 = 0x6E57000000000E0E
    And the host sees R15 = 0x6E57000000000F0F
    And the host sees only the registers the guest's bitmap selects
    When the VMM answers and enters again with:
      | R10 | 0x0        |
      | R12 | 0x000806F8 |
      | R13 | 0x00010800 |
      | R14 | 0xFEDA3203 |
      | R15 | 0x178BFBFF |
    Then the guest's call returned TDX_SUCCESS
    And the guest saw RCX = 0xFC00
    And the guest saw R10 = 0x0
    And the guest saw R11 = 0xA
    And the guest saw R12 = 0x806F8
    And the guest saw R13 = 0x10800
    And the guest saw R14 = 0xFEDA3203
    And the guest saw R15 = 0x178BFBFF
    And the guest saw RBX = 0x6E57000000000303
    And the guest's registers outside the bitmap are unchanged
    And the TD exit is TDG.VP.VMCALL<MapGPA>
    And the host sees R11 = 0x10001
    And the host sees R12 = 0x0000800000010000
    And the host sees R13 = 0x1000
    And the host sees only the registers the guest's bitmap selects
    When the VMM answers and enters again with:
      | R10 | 0x0 |
    Then the guest's call returned TDX_SUCCESS
    And the guest saw R10 = 0x0
    And the guest saw R12 = 0x0000800000010000
    And the guest's registers outside the bitmap are unchanged
    And the TD exit is TDG.VP.VMCALL<Instruction.HLT>
    And the host sees RCX = 0x1C00

  @leaf:TDG.VP.VMCALL<Instruction.CPUID> @rule:TDH.VP.ENTER-3
  Scenario: registers the guest does not select reach the host as zero
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.VP.VMCALL<Instruction.CPUID> | RCX=bitmap R10 R11 R12 R13, R12=0x7, R13=0x0 |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.CPUID>
    And the host sees RBX = 0x0
    And the host sees RDX = 0x0
    And the host sees RSI = 0x0
    And the host sees RDI = 0x0
    And the host sees R8 = 0x0
    And the host sees R14 = 0x0
    And the host sees R15 = 0x0
    And the host sees only the registers the guest's bitmap selects

  @leaf:TDG.VP.VMCALL<Instruction.CPUID> @rule:TDH.VP.ENTER-4
  Scenario: a hostile host cannot reach the guest registers the bitmap does not select
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.VP.VMCALL<Instruction.CPUID> | RCX=bitmap R10 R11 R12 R13 R14 R15, R12=0x0, R13=0x0 |
    When the VMM enters the TD
    And the VMM writes 0xBAD0BAD0BAD0BAD0 into every register and enters again
    Then the guest's call returned TDX_SUCCESS
    And the guest's registers outside the bitmap are unchanged
    And the guest saw RBX = 0x6E57000000000303
    And the guest saw RBP = 0x6E57000000000505
    And the guest saw RDI = 0x6E57000000000707
    And the guest saw R8 = 0x6E57000000000808
    And the guest saw R12 = 0xBAD0BAD0BAD0BADC
    And the guest saw R15 = 0xBAD0BAD0BAD0BADF

  @rule:TDH.VP.ENTER-3
  Scenario: without NO_RBP_MOD a TDG.VP.VMCALL exit clobbers the host's RBP
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.VP.VMCALL<Instruction.CPUID> | RCX=bitmap R10 R11 R12 R13, R12=0x0 |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.CPUID>
    And RBP is clobbered after TDH.VP.ENTER
    And the host sees RBP = 0x0

  @rule:TDH.VP.ENTER-3
  Scenario: without NO_RBP_MOD the guest may pass RBP to the host
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.VP.VMCALL<Instruction.CPUID> | RCX=bitmap RBP R10 R11 R12 R13, R12=0x0 |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.CPUID>
    And the host sees RBP = 0x6E57000000000505
    And the host sees only the registers the guest's bitmap selects

  @rule:TDH.VP.ENTER-3
  Scenario: with NO_RBP_MOD enumerated and configured a TDG.VP.VMCALL exit leaves the host's RBP alone
    Given the TDX module enumerates NO_RBP_MOD
    And the VMM creates the TD with CONFIG_FLAGS.NO_RBP_MOD
    And a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.VP.VMCALL<Instruction.CPUID> | RCX=bitmap RBP R10 R11 R12 R13, R12=0x0 |
      | TDG.VP.VMCALL<Instruction.CPUID> | RCX=bitmap R10 R11 R12 R13, R12=0x0     |
    When the VMM enters the TD
    Then the guest's call returned TDX_OPERAND_INVALID with operand RCX
    And the TD exit is TDG.VP.VMCALL<Instruction.CPUID>
    And RBP is unchanged after TDH.VP.ENTER
    And the host sees only the registers the guest's bitmap selects
    When the VMM writes 0xBAD0BAD0BAD0BAD0 into every register and enters again
    Then the guest's call returned TDX_SUCCESS
    And the guest saw RBP = 0x6E57000000000505
    And RBP is unchanged after TDH.VP.ENTER

  @leaf:TDG.MEM.PAGE.ACCEPT @rule:TDH.VP.ENTER-2
  Scenario: an asynchronous TD exit zeroes RBP even with NO_RBP_MOD (tdx_1.5 async_tdexit_internal)
    Given the TDX module enumerates NO_RBP_MOD
    And the VMM creates the TD with CONFIG_FLAGS.NO_RBP_MOD
    And a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.MEM.PAGE.ACCEPT | RCX=0x5000 |
    When the VMM enters the TD
    Then the TD exit is an EPT violation at 0x5000
    And the host sees RCX = 0x2
    And RBP is clobbered after TDH.VP.ENTER
    And the host sees RBP = 0x0
    And the host sees no guest register

  @rule:TDH.VP.ENTER-3 @rule:TDH.VP.ENTER-4
  Scenario: XMM registers the guest selects reach the host and come back; the others are reset
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.VP.VMCALL<Instruction.CPUID> | RCX=bitmap R10 R11 R12 R13 R14 R15 XMM3, R12=0x0, XMM3=0x00112233445566778899AABBCCDDEEFF |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.CPUID>
    And the host sees RCX = 0x8FC00
    And the host sees XMM3 = 0x00112233445566778899AABBCCDDEEFF
    And the host sees XMM4 = 0x0
    And the host sees only the registers the guest's bitmap selects
    When the VMM answers and enters again with:
      | R10  | 0x0                                |
      | XMM3 | 0xFFEEDDCCBBAA99887766554433221100 |
      | XMM4 | 0xBAD0BAD0BAD0BAD0BAD0BAD0BAD0BAD0 |
    Then the guest saw XMM3 = 0xFFEEDDCCBBAA99887766554433221100
    And the guest saw XMM4 = 0x6E570000000020046E57000000001004
    And the guest's registers outside the bitmap are unchanged

  @leaf:TDH.MEM.PAGE.AUG @leaf:TDG.MEM.PAGE.ACCEPT @rule:TDH.MEM.PAGE.AUG-2
  Scenario: the VMM adds a PENDING page with TDH.MEM.PAGE.AUG and the guest accepts it
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x5000    |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_SUCCESS
    And RCX is 0x0
    And RDX is 0x0
    Given the guest program:
      | TDG.MEM.PAGE.ACCEPT | RCX=0x5000 |
      | TDG.MEM.PAGE.ACCEPT | RCX=0x5000 |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.HLT>
    And the guest's call returned TDX_PAGE_ALREADY_ACCEPTED

  @leaf:TDH.MEM.PAGE.AUG @leaf:TDG.MEM.PAGE.ACCEPT @rule:TDH.MEM.PAGE.AUG-2 @rule:TDH.VP.ENTER-2
  Scenario: the guest accepts a GPA the VMM has not added; the VMM adds it on the EPT violation and enters again
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.MEM.PAGE.ACCEPT | RCX=0x6000 |
    When the VMM enters the TD
    Then the TD exit is an EPT violation at 0x6000
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x6000    |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_SUCCESS
    When the VMM enters again
    Then the guest's call returned TDX_SUCCESS
    And the TD exit is TDG.VP.VMCALL<Instruction.HLT>

  @leaf:TDH.MEM.PAGE.AUG @rule:TDH.MEM.PAGE.AUG-2
  Scenario: TDH.MEM.PAGE.AUG of a GPA that is already PENDING
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x5000    |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    And the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x5000    |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_EPT_ENTRY_STATE_INCORRECT with operand RCX

  @leaf:TDH.MEM.PAGE.AUG @rule:TDH.MEM.PAGE.AUG-3
  Scenario: TDH.MEM.PAGE.AUG rejects a 1GB page
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x2       |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_OPERAND_INVALID with operand RCX

  @rule:TDH.VP.ENTER-1
  Scenario: TDH.VP.ENTER before TDH.MR.FINALIZE
    Given a TD built with 1 VCPU and 1 private page, not finalized
    When the VMM enters the TD
    Then RAX is TDX_OP_STATE_INCORRECT
    And every register except RAX is unchanged

  @rule:TDH.VP.ENTER-1
  Scenario Outline: TDH.VP.ENTER rejects RCX flags: <what>
    Given a TD built with 1 VCPU and 1 private page
    When the VMM enters the TD with RCX flags <flags>
    Then RAX is TDX_OPERAND_INVALID with operand RCX
    And every register except RAX is unchanged

    Examples:
      | what                                                   | flags              |
      | a reserved bit in 11:0                                 | 0x1                |
      | a reserved bit in 63:54                                | 0x0040000000000000 |
      | HOST_RECOVERABILITY_HINT after no trap-like TD exit    | 0x0010000000000000 |
      | RESUME_L1 while the VCPU is not in an L2 VM            | 0x0020000000000000 |

  @rule:TDH.VP.ENTER-1
  Scenario: TDH.VP.ENTER of a page that is not a TDVPR
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.VP.ENTER on the TD with:
      | RCX | TDR |
    Then RAX is TDX_PAGE_METADATA_INCORRECT with operand RCX

  @rule:TDH.VP.ENTER-1
  Scenario: TDH.VP.ENTER while the TDR is locked by another flow
    Given a TD built with 1 VCPU and 1 private page
    And the TD's TDR page is locked by another flow
    When the VMM enters the TD
    Then RAX is TDX_OPERAND_BUSY with operand TDR

  @rule:TDH.VP.ENTER-6
  Scenario: TDH.VP.ENTER on another logical processor than the VCPU's
    Given a TD built with 1 VCPU and 1 private page
    And the VMM runs on logical processor 1
    When the VMM enters the TD
    Then RAX is TDX_VCPU_ASSOCIATED

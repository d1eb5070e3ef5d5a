@area:seamcall @leaf:TDH.VP.ENTER
Feature: TDCALLs of a guest program run by TDH.VP.ENTER: RAX decoding, outputs, #VE on a PENDING page
  A guest TDCALL other than TDG.VP.VMCALL completes inside the TD: the module decodes RAX (leaf in 15:0, version in
  23:16, 63:24 reserved), runs the leaf on the TD's state and returns to the guest with no TD exit. A memory operand on a
  PENDING page injects a #VE (registers unchanged; TDG.VP.VEINFO.GET then reports exit reason 48 and the GPA).
  Sources: intel/tdx-module tdx_1.5 src/td_dispatcher/tdx_td_dispatcher.c (leaf and version checks),
  include/tdx_api_defs.h (TDCALL leaf numbers 0..27, none 13..17, 19, 21), src/td_dispatcher/vm_exits_l1/tdg_vp_info.c,
  tdg_vm_rd.c (version 1: RDX = next field id), src/common/helpers/helpers.c (tdx_inject_ve, check_walk_and_map_guest_side_gpa),
  src/td_dispatcher/vm_exits_l1/tdg_vp_veinfo_get.c.

  @rule:DISPATCH-RESERVED-RAX @rule:DISPATCH-UNKNOWN-LEAF @rule:DISPATCH-VERSION
  Scenario Outline: a guest TDCALL with RAX = <rax> (<why>) completes with TDX_OPERAND_INVALID (RAX) inside the TD
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.VP.INFO | RAX=<rax> |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.HLT>
    And the guest's call returned TDX_OPERAND_INVALID with operand RAX

    Examples:
      | rax       | why                      |
      | 0x1000001 | RAX bit 24 is reserved   |
      | 0x1E      | leaf 30 does not exist   |
      | 0x0D      | leaf 13 does not exist   |
      | 0x10001   | TDG.VP.INFO version 1    |

  @rule:VP.INFO-1 @rule:VP.INFO-2
  Scenario: TDG.VP.INFO in a guest program returns the TD's GPAW and each VCPU's index
    Given a TD built with 2 VCPUs and 1 private page
    And the guest program on TDVPR2:
      | TDG.VP.INFO | |
    When the VMM enters the TD on TDVPR2
    Then the TD exit is TDG.VP.VMCALL<Instruction.HLT>
    And the guest's call returned TDX_SUCCESS
    And the guest saw RCX = 0x30
    And the guest saw R9 = 0x1

  @rule:VM.RD-2
  Scenario: a guest program's TDG.VM.RD version 1 (RAX bits 23:16) returns the next field id in RDX
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.VM.RD | RAX=0x10007, RCX=0x0, RDX=0x1110000300000000 |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.HLT>
    And the guest's call returned TDX_SUCCESS
    And the guest saw RDX = 0x1110000300000001
    And the guest saw R8 = 0x0

  @rule:VEINFO.GET-3
  Scenario: a memory operand on a PENDING page injects a #VE that TDG.VP.VEINFO.GET reports
    Given a TD built with 1 VCPU and 1 private page
    When the VMM calls TDH.MEM.PAGE.AUG on the TD with:
      | RCX | 0x5000    |
      | RDX | TDR       |
      | R8  | FREE_PAGE |
    Then RAX is TDX_SUCCESS
    Given the guest program:
      | TDG.MR.RTMR.EXTEND | RCX=0x5000, RDX=0x2 |
      | TDG.VP.VEINFO.GET  |                     |
    When the VMM enters the TD
    Then the TD exit is TDG.VP.VMCALL<Instruction.HLT>
    And the guest's call returned TDX_SUCCESS
    And the guest saw RCX = 0x30
    And the guest saw RDX = 0x1
    And the guest saw R9 = 0x5000

  @rule:TDH.VP.ENTER-2
  Scenario: a memory operand the VMM has not mapped makes an EPT-violation TD exit naming a data read of that GPA
    Given a TD built with 1 VCPU and 1 private page
    And the guest program:
      | TDG.MR.RTMR.EXTEND | RCX=0x7000, RDX=0x2 |
    When the VMM enters the TD
    Then the TD exit is an EPT violation at 0x7000
    And the host sees RCX = 0x1

  @leaf:TDH.MNG.RD @rule:TDH.VP.INIT-11
  Scenario: TDCS.NUM_ASSOC_VCPUS counts the VCPUs TDH.VP.INIT associated with a logical processor
    Given a TD built with 2 VCPUs and 1 private page
    When the VMM calls TDH.MNG.RD on the TD with:
      | RCX | TDR                |
      | RDX | 0x9010000200000002 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x2

  @leaf:TDH.MNG.CREATE @rule:TDH.MNG.CREATE-7
  Scenario: every TD gets its own non-zero TD_UUID (tdh_mng_create.c: 256 bits from RDSEED)
    Given a TD built with 1 VCPU and 1 private page
    And a second TD built with 1 VCPU
    Then the TD_UUIDs of TDR and TDR2 are not zero and differ

@area:seamcall
Feature: SEAMCALL with no SEAM module loaded fails VMfailInvalid and writes no register
  When the SEAM range holds no loaded TDX module, SEAMCALL completes VMfailInvalid: RFLAGS.CF (bit 0) is set and
  no register is written, so RAX still holds the leaf number the VMM put there. No TDX module status exists for this
  case: Linux (arch/x86/virt/vmx/tdx, the SEAMCALL assembly helpers) tests CF and substitutes the software value
  TDX_SEAMCALL_VMFAILINVALID. A wrapper that reads RAX without testing CF mistakes the leaf number for a status
  (TDH.SYS.INIT = 33 looks like a non-zero, non-error status). #UD (not in VMX operation) and #GP (TDX not enabled)
  are faults, not register results, and are out of scope.

  @leaf:TDH.SYS.INIT @rule:SEAMCALL-VMFAILINVALID
  Scenario: TDH.SYS.INIT with no SEAM module loaded sets CF and leaves RAX holding the leaf number
    Given the SEAM module is not loaded
    When the VMM calls TDH.SYS.INIT
    Then RFLAGS.CF is 1
    And every register is unchanged except RFLAGS

  @leaf:TDH.MNG.CREATE @rule:SEAMCALL-VMFAILINVALID
  Scenario: a TD leaf with operands fails VMfailInvalid the same way, before any module check
    Given the SEAM module is not loaded
    When the VMM calls TDH.MNG.CREATE with:
      | RCX | 0x40000000 |
      | RDX | 33         |
    Then RFLAGS.CF is 1
    And every register is unchanged except RFLAGS

  @leaf:TDH.SYS.INIT @rule:SEAMCALL-VMFAILINVALID
  Scenario: with the module loaded the same call succeeds with CF clear
    When the VMM calls TDH.SYS.INIT
    Then RAX is TDX_SUCCESS
    And RFLAGS.CF is 0

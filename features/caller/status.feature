# Sources: Intel TDX Module v1.5 ABI Specification (completion status in RAX, TDX_SUCCESS = 0); GHCI 1.5
# TDG.VP.VMCALL (the host's status in R10 is only meaningful when RAX is TDX_SUCCESS); Linux
# arch/x86/coco/tdx/tdx.c (__tdx_hypercall returns R10 after checking RAX).
@area:caller @caller
Feature: A module error reaches the caller's return value and R10 is not trusted
  In the module-error case the module answers TDX_OPERAND_INVALID with every other register unchanged, so R10
  still holds the caller's own input: a wrapper that returns R10 without checking RAX reports success.

  Background:
    Given the caller library and caller spec under test
    When every function of the caller spec has run in its normal and module-error cases

  @rule:CALLER-RAX-BEFORE-R10 @rule:CALLER-ERROR-LOST
  Scenario: on a module error the function returns neither R10 nor success
    Then no function breaks CALLER-RAX-BEFORE-R10 or CALLER-ERROR-LOST

  @rule:CALLER-RETURN
  Scenario: the return value is what the caller spec says (status, host status, or an output's low bytes)
    Then no function breaks CALLER-RETURN

  @rule:CALLER-RESULT
  Scenario: on success the results land in the declared struct fields
    Then no function breaks CALLER-RESULT

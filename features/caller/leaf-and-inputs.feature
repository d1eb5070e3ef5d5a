# Sources: Intel TDX Module v1.5 ABI Specification (TDCALL/SEAMCALL leaf numbers in RAX[15:0], version in RAX[23:16],
# RAX[63:24] reserved); GHCI 1.5 (TDG.VP.VMCALL sub-function in R11, R10 = 0 for a GHCI-standard call);
# the leaf specs under leaf-specs/ (inputs and their reserved bits). Rules: docs/caller-spec-format.md.
@area:caller @caller
Feature: A caller wrapper issues the leaf its caller spec names, with the inputs it was given
  The caller library and its caller spec come from `leafspec certify --caller LIB.so --caller-spec CALLER.yaml`
  (or -Dleafspec.caller.lib / -Dleafspec.caller.spec); without them the bundled correct examples run. Each function
  of the spec runs natively; its TDCALL or SEAMCALL traps to the reference engine, once with the engine answering
  (normal) and once with the module answering TDX_OPERAND_INVALID (module-error).

  Background:
    Given the caller library and caller spec under test
    When every function of the caller spec has run in its normal and module-error cases

  @rule:CALLER-INSTRUCTION @rule:CALLER-NO-CALL
  Scenario: every function executes the instruction of its leaf
    Then no function breaks CALLER-INSTRUCTION or CALLER-NO-CALL

  @rule:CALLER-LEAF @rule:CALLER-RAX-RESERVED
  Scenario: RAX holds the leaf number and a listed version, and RAX[63:24] is zero
    Then no function breaks CALLER-LEAF or CALLER-RAX-RESERVED

  @rule:CALLER-SUBFUNCTION
  Scenario: a TDG.VP.VMCALL wrapper selects its sub-function in R10 and R11
    Then no function breaks CALLER-SUBFUNCTION

  @rule:CALLER-INPUT @rule:CALLER-INPUT-RESERVED
  Scenario: the arguments reach the registers the leaf reads, with reserved bits zero
    Then no function breaks CALLER-INPUT or CALLER-INPUT-RESERVED

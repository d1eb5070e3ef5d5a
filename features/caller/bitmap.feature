# Sources: GHCI 1.5 TDG.VP.VMCALL (RCX bitmap of the GPRs and XMMs exposed to the VMM; RCX[63:32] reserved);
# intel/tdx-module tdx_1.5 src/td_dispatcher/vm_exits/tdg_vp_vmcall.c (RAX, RCX, RSP never exposed; RBP refused
# under NO_RBP_MOD); leaf-specs/tdvmcall/*.yaml (what each sub-function reads and writes, caller.must-select).
@area:caller @caller
Feature: A TDG.VP.VMCALL wrapper exposes exactly the registers its sub-function needs
  Every register the bitmap selects is handed to the host: it must be one the sub-function reads or writes, and
  one that is not an input must hold zero so that no guest data leaks.

  Background:
    Given the caller library and caller spec under test
    When every function of the caller spec has run in its normal and module-error cases

  @rule:CALLER-BITMAP-RESERVED @rule:CALLER-BITMAP-FORBIDDEN
  Scenario: the bitmap selects no forbidden register (RAX, RCX, RSP, RBP) and no reserved bit
    Then no function breaks CALLER-BITMAP-FORBIDDEN or CALLER-BITMAP-RESERVED

  @rule:CALLER-BITMAP-SELECT
  Scenario: the bitmap selects every register the sub-function reads or writes
    Then no function breaks CALLER-BITMAP-SELECT

  @rule:CALLER-BITMAP-LEAK
  Scenario: the bitmap leaks nothing: a selected register that is not an input holds zero
    Then no function breaks CALLER-BITMAP-LEAK

# Sources: GHCI 1.5 TDG.VP.VMCALL<MapGPA> (R10 = TDG.VP.VMCALL_RETRY with the GPA to resume from in R11);
# leaf-specs/tdvmcall/tdg.vp.vmcall.mapgpa.yaml (caller.handle-retry, MAPGPA-4, MAPGPA-5); Linux
# arch/x86/coco/tdx/tdx.c tdx_map_gpa() (reissue from R11 with the rest of the range, R11 checked, three retries
# without progress).
@area:caller @caller
Feature: A MapGPA wrapper resumes after TDG.VP.VMCALL_RETRY until the whole range is mapped
  A host may stop a MapGPA part-way and answer TDG.VP.VMCALL_RETRY with the GPA to resume from in R11. The caller
  spec scripts such answers (host-answers); the wrapper must check R11 against the range and reissue from it with
  START_GPA = R11 and SIZE = end - R11 until the host answers success or a real error. A wrapper that keeps calling
  is stopped after max-calls TDCALLs with a message, not left to hang.

  Background:
    Given the caller library and caller spec under test
    When every function of the caller spec has run in its normal and module-error cases

  @rule:CALLER-RETRY
  Scenario: a RETRY is resumed from R11 with the rest of the range, and the loop ends
    Then no function breaks CALLER-RETRY

# Sources: docs/caller-spec-format.md (CALLER-FAULT: an invalid opcode other than TDCALL 66 0F 01 CC and SEAMCALL
# 66 0F 01 CF, SIGSEGV, SIGBUS or SIGFPE is a real fault of the wrapper).
@area:caller @caller
Feature: A caller wrapper runs without real faults
  Background:
    Given the caller library and caller spec under test
    When every function of the caller spec has run in its normal and module-error cases

  @rule:CALLER-FAULT @rule:CALLER-HARNESS
  Scenario: no function faults or breaks the harness
    Then no function breaks CALLER-FAULT or CALLER-HARNESS

  Scenario: every failure the checker reports is one of the caller rules
    Then no function breaks a rule outside the caller rules

# Sources: System V AMD64 ABI (RBX, RBP, RSP, R12-R15 callee-saved; XMM caller-saved); Linux
# arch/x86/coco/tdx/tdcall.S and arch/x86/virt/vmx/tdx/tdxcall.S (helpers save the callee-saved registers they use
# and clear the registers the host could write); the caller spec's own convention (preserves-all-except).
@area:caller @caller
Feature: A caller wrapper preserves the registers its convention preserves and keeps nothing the host wrote
  In the normal case a hostile host writes 0xB057B057000000ii into every register that is not an output of the
  sub-function; the module hands back only what the bitmap selected.

  Background:
    Given the caller library and caller spec under test
    When every function of the caller spec has run in its normal and module-error cases

  @rule:CALLER-PRESERVE
  Scenario: every function preserves the general registers its convention preserves, and RSP
    Then no function breaks CALLER-PRESERVE

  @rule:CALLER-XMM
  Scenario: a custom all-preserving convention also preserves the XMM registers
    Then no function breaks CALLER-XMM

  @rule:CALLER-HOST-VALUE
  Scenario: no register still holds a value the host wrote unless it is a declared output
    Then no function breaks CALLER-HOST-VALUE

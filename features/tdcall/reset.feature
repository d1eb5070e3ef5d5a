@area:tdcall
Feature: a reset gives back the TD, the host and the memory a scenario starts with
  Every scenario starts with LeafImplementation.reset (the adapter protocol's "reset"); if a reset keeps state of the
  previous scenario, results depend on the order scenarios run in. These scenarios remember what a freshly reset
  implementation shows, change what fixtures and calls can change, reset, and compare. TDINFO is bytes 512..1023 of
  the TDREPORT (ABI spec TDREPORT_STRUCT); the MAC is not compared (a real module may re-key).
  Source: docs/adapter-protocol.md (reset), LeafImplementation#reset.

  Background:
    Given a TD guest

  @leaf:TDG.MR.REPORT
  Scenario: TDINFO after a reset equals TDINFO before any change
    When the guest calls TDG.MR.REPORT with:
      | RCX | 0x101000 |
      | RDX | 0x100400 |
      | R8  | 0        |
    Then RAX is TDX_SUCCESS
    Given the 512 bytes at 0x101200 are remembered as "fresh TDINFO"
    And the 64 bytes at 0x100400 are remembered as "fresh REPORTDATA"
    And the TD is configured with:
      | ATTRIBUTES | 0x10000000 |
      | XFAM       | 0x2E7      |
    And the TD metadata field 0x1310000300000010 holds 0x1234
    And the TD metadata field 0x1310000300000018 holds 0x5678
    And the guest writes 48 bytes of 0xAB to memory at 0x100000
    When the guest calls TDG.MR.RTMR.EXTEND with:
      | RCX | 0x100000 |
      | RDX | 1        |
    Then RAX is TDX_SUCCESS
    Given the guest writes 64 bytes of 0x5A to memory at 0x100400
    When the implementation is reset
    Then the 64 bytes at 0x100400 equal those remembered as "fresh REPORTDATA"
    When the guest calls TDG.MR.REPORT with:
      | RCX | 0x101000 |
      | RDX | 0x100400 |
      | R8  | 0        |
    Then RAX is TDX_SUCCESS
    And the 512 bytes at 0x101200 equal those remembered as "fresh TDINFO"

  @leaf:TDG.VP.VMCALL<MapGPA> @area:tdvmcall
  Scenario: a scripted host answer does not survive a reset
    When the guest calls TDG.VP.VMCALL<MapGPA> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | 0x0000800000100000     |
      | R13 | 0x1000                 |
    Given R10 is remembered as "fresh host status"
    And R11 is remembered as "fresh R11"
    When the implementation is reset
    And the host answers MapGPA with TDG.VP.VMCALL_RETRY
    And the implementation is reset
    And the guest calls TDG.VP.VMCALL<MapGPA> with:
      | RCX | bitmap R10 R11 R12 R13 |
      | R12 | 0x0000800000100000     |
      | R13 | 0x1000                 |
    Then R10 equals the value remembered as "fresh host status"
    And R11 equals the value remembered as "fresh R11"

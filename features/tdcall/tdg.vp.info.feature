@leaf:TDG.VP.INFO @area:tdcall
Feature: TDG.VP.INFO reports the TD's execution environment
  A guest learns its GPA width, attributes, VCPU counts and its own VCPU index from TDG.VP.INFO.
  Source: TDX module ABI spec, TDG.VP.INFO output operands; intel/tdx-module tdg_vp_info.c.

  Background:
    Given a TD guest

  Rule: the leaf always succeeds and fills its outputs from the TD's configuration

    @rule:VP.INFO-1
    Scenario: a TD with a 48-bit GPA width
      Given the TD is configured with:
        | GPAW       | 48         |
        | ATTRIBUTES | 0x10000000 |
        | MAX_VCPUS  | 8          |
        | NUM_VCPUS  | 4          |
        | VCPU_INDEX | 2          |
      When the guest calls TDG.VP.INFO
      Then RAX is TDX_SUCCESS
      And RCX field GPAW is 48
      And RDX is 0x10000000
      And R8 field NUM_VCPUS is 4
      And R8 field MAX_VCPUS is 8
      And R9 field VCPU_INDEX is 2
      And the call complies with the leaf's contract

    @rule:VP.INFO-1
    Scenario: a TD with a 52-bit GPA width
      Given the TD is configured with:
        | GPAW | 52 |
      When the guest calls TDG.VP.INFO
      Then RAX is TDX_SUCCESS
      And RCX field GPAW is 52

    @rule:VP.INFO-2
    Scenario: the VCPU counts are consistent
      When the guest calls TDG.VP.INFO
      Then R8 field NUM_VCPUS is at most R8 field MAX_VCPUS
      And R9 field VCPU_INDEX is below R8 field NUM_VCPUS

  Rule: reserved output bits read as zero and nothing else changes

    @rule:VP.INFO-3
    Scenario: reserved outputs are zero and inputs are preserved
      When the guest calls TDG.VP.INFO
      Then R11 is 0
      And every register except RAX, RCX, RDX, R8, R9, R10 and R11 is unchanged
      And the call complies with the leaf's contract

    @rule:VP.INFO-4 @module:1.5
    Scenario: a 1.5 module reports TDG.SYS.RD as available in R10
      Given the TDX module version is "1.5"
      When the guest calls TDG.VP.INFO
      Then R10 field TDG_SYS_RD_AVAILABLE is 1

    @rule:VP.INFO-4 @module:1.0
    Scenario: a 1.0 module returns R10 = 0
      Given the TDX module version is "1.0"
      When the guest calls TDG.VP.INFO
      Then RAX is TDX_SUCCESS
      And R10 is 0

  Rule: ATTRIBUTES come back exactly as configured

    @rule:VP.INFO-5
    Scenario Outline: ATTRIBUTES <attributes> are returned unmasked in RDX
      Given the TD is configured with:
        | ATTRIBUTES | <attributes> |
      When the guest calls TDG.VP.INFO
      Then RAX is TDX_SUCCESS
      And RDX is <attributes>

      Examples:
        | attributes         |
        | 0x0000000000000000 |
        | 0x0000000010000000 |
        | 0x8000000000000001 |

@area:seamcall @leaf:TDH.MEM.RD @leaf:TDH.MEM.WR
Feature: TDH.MEM.RD and TDH.MEM.WR read and write 8 bytes of a debug TD's private memory
  intel/tdx-module tdx_1.5 src/vmm_dispatcher/api_calls/tdh_mem_rd_wr.c: the TD must have ATTRIBUTES.DEBUG (bit 0); RCX
  is an 8-byte aligned private GPA; the walk must end at a MAPPED leaf; R8 returns the 8 bytes at that GPA (the old
  value for TDH.MEM.WR, which writes R8's input there). The host-built TD's page i (GPA i x 4 KB) holds bytes
  (31 i + b) mod 256 (docs/steps.md), so the qword at GPA 0x1008 is 0x2E2D2C2B2A292827.

  @rule:TDH.MEM.RD-3 @rule:TDH.MEM.WR-1
  Scenario: the qword at an offset inside the second page, written and read back
    Given the VMM creates the TD with ATTRIBUTES.DEBUG
    And a TD built with 1 VCPU and 2 private pages
    When the VMM calls TDH.MEM.RD on the TD with:
      | RCX | 0x1008 |
      | RDX | TDR    |
    Then RAX is TDX_SUCCESS
    And R8 is 0x2E2D2C2B2A292827
    When the VMM calls TDH.MEM.WR on the TD with:
      | RCX | 0x1008             |
      | RDX | TDR                |
      | R8  | 0x1122334455667788 |
    Then RAX is TDX_SUCCESS
    And R8 is 0x2E2D2C2B2A292827
    When the VMM calls TDH.MEM.RD on the TD with:
      | RCX | 0x1008 |
      | RDX | TDR    |
    Then R8 is 0x1122334455667788
    When the VMM calls TDH.MEM.RD on the TD with:
      | RCX | 0x1004 |
      | RDX | TDR    |
    Then RAX is TDX_OPERAND_INVALID with operand RCX

#!/usr/bin/env python3
"""A minimal TDX guest-side implementation for LeafSpec, in Python (stdlib only).

It speaks the LeafSpec adapter protocol (docs/adapter-protocol.md): one JSON object per line on stdin,
one reply per line on stdout, diagnostics on stderr. It models, from the public specifications:

  * the TDCALL RAX decode (leaf in 15:0, version in 23:16, 63:24 reserved) for the leaves it knows;
  * TDG.VP.INFO (leaf 1);
  * TDG.VP.VMCALL (leaf 0): the RCX bitmap checks, the host's view of the selected registers, the restore of
    every unselected register, and a small host VMM that answers Instruction.CPUID from a table
    (fixture host.cpuid) and every other sub-function with TDG.VP.VMCALL_SUBFUNC_UNSUPPORTED.

Everything else is answered with {"error": "not-supported"} so those scenarios end NOT_SUPPORTED.

Run:  bin/leafspec run --impl 'cmd:python3 examples/python/adapter.py' --tags '@leaf:TDG.VP.INFO'
"""
import json
import sys
import time

PROTOCOL = 1
M64 = (1 << 64) - 1

TDX_SUCCESS = 0
TDX_OPERAND_INVALID = 0xC000010000000000
OPERAND_RAX, OPERAND_RCX = 0, 1

VMCALL_SUCCESS = 0
VMCALL_SUBFUNC_UNSUPPORTED = 0x8000000000000003
SUBFUNC_CPUID = 10
EXIT_REASON_TDCALL = 77

LEAF_VMCALL, LEAF_VP_INFO = 0, 1
# TDCALL leaf numbers that exist in a TDX 1.5 module; this model answers only 0 and 1, the rest are NOT_SUPPORTED.
# (1.0 knows leaves 0..10 only.) Any other number is an unknown leaf: TDX_OPERAND_INVALID (RAX).
KNOWN_1_5 = set(range(0, 13)) | {18, 20, 22, 23, 24, 25, 26, 27, 29}
KNOWN_1_0 = set(range(0, 11))

IDENTITY = {"name": "LeafSpec Python example", "version": "0.1", "vendor": "LeafSpec examples"}
CAPABILITIES = {
    "roles": ["MODULE_TDCALL", "VMM_TDVMCALL"],
    "specVersions": ["1.0", "1.5"],
    "leaves": ["TDG.VP.INFO", "TDG.VP.VMCALL", "TDG.VP.VMCALL<Instruction.CPUID>"],
    "features": ["host-view", "vector-state"],
}


class NotSupported(Exception):
    pass


class BadArgument(Exception):
    pass


def num(text):
    """Fixture values: decimal or 0x hex."""
    t = str(text).strip().replace("_", "")
    return int(t, 16) if t.lower().startswith("0x") else int(t)


class Td:
    def __init__(self):
        self.gpaw, self.attributes = 48, 0
        self.max_vcpus, self.num_vcpus, self.vcpu_index = 8, 4, 0
        self.no_rbp_mod, self.version = False, "1.5"
        self.cpuid = {}  # (leaf, subleaf) -> (eax, ebx, ecx, edx)
        self.last_exit = None  # host view of the last TDG.VP.VMCALL, or None

    # ------------------------------------------------------------------ fixtures
    def fixture(self, name, params):
        if name == "td.config":
            for key, value in params.items():
                k = key.upper()
                if k == "GPAW":
                    if num(value) not in (48, 52):
                        raise BadArgument("GPAW must be 48 or 52")
                    self.gpaw = num(value)
                elif k == "ATTRIBUTES":
                    self.attributes = num(value) & M64
                elif k == "MAX_VCPUS":
                    self.max_vcpus = num(value)
                elif k == "NUM_VCPUS":
                    self.num_vcpus = num(value)
                elif k == "VCPU_INDEX":
                    self.vcpu_index = num(value)
                elif k == "NO_RBP_MOD":
                    self.no_rbp_mod = str(value).strip().lower() == "true"
                elif k == "VERSION":
                    if value not in ("1.0", "1.5"):
                        raise NotSupported("TDX module version " + value)
                    self.version = value
                else:
                    raise NotSupported("td.config " + key)
        elif name == "host.cpuid":
            key = (num(params["leaf"]) & 0xFFFFFFFF, num(params.get("subleaf", "0")) & 0xFFFFFFFF)
            self.cpuid[key] = tuple(num(params.get(r, "0")) & 0xFFFFFFFF for r in ("eax", "ebx", "ecx", "edx"))
        else:
            raise NotSupported("fixture " + name)

    # ------------------------------------------------------------------ TDCALL
    def tdcall(self, r):
        """r: {"gpr": [16 ints], "rflags": int, "xmm": [16 ints]}; updated in place."""
        self.last_exit = None
        rax = r["gpr"][0]
        leaf, version = rax & 0xFFFF, (rax >> 16) & 0xFF
        known = KNOWN_1_5 if self.version == "1.5" else KNOWN_1_0
        # 1.0 compares the whole of RAX with the leaf numbers; 1.5 decodes leaf/version and rejects 63:24
        reserved = (rax >> 24) if self.version == "1.5" else (rax >> 16)
        if leaf not in known or reserved != 0:
            r["gpr"][0] = TDX_OPERAND_INVALID | OPERAND_RAX
            return
        if leaf == LEAF_VP_INFO:
            if version != 0:
                r["gpr"][0] = TDX_OPERAND_INVALID | OPERAND_RAX
                return
            self.vp_info(r)
        elif leaf == LEAF_VMCALL:
            if version != 0:
                r["gpr"][0] = TDX_OPERAND_INVALID | OPERAND_RAX
                return
            self.vmcall(r)
        else:
            raise NotSupported("leaf number %d" % leaf)

    def vp_info(self, r):
        g = r["gpr"]
        g[0] = TDX_SUCCESS
        g[1] = self.gpaw
        g[2] = self.attributes
        g[8] = ((self.max_vcpus & 0xFFFFFFFF) << 32) | (self.num_vcpus & 0xFFFFFFFF)
        g[9] = self.vcpu_index & 0xFFFFFFFF
        g[10] = 1 if self.version == "1.5" else 0
        g[11] = 0

    def vmcall(self, r):
        g = r["gpr"]
        control = g[1]
        gpr_select, xmm_select = control & 0xFFFF, (control >> 16) & 0xFFFF
        no_rbp_mod = self.no_rbp_mod and self.version == "1.5"
        forbidden = 0x1 | 0x2 | 0x10 | (0x20 if no_rbp_mod else 0)  # RAX, RCX, RSP (and RBP under NO_RBP_MOD)
        if gpr_select & forbidden or control >> 32:
            g[0] = TDX_OPERAND_INVALID | OPERAND_RCX
            return
        # what the host sees: selected registers, everything else scrubbed to 0
        host = {"gpr": [0] * 16, "rflags": 0x2, "xmm": [0] * 16}
        host["gpr"][0] = EXIT_REASON_TDCALL
        host["gpr"][1] = control & 0xFFFFFFFF
        for i in range(2, 16):
            if gpr_select & (1 << i):
                host["gpr"][i] = g[i]
        for x in range(16):
            if xmm_select & (1 << x):
                host["xmm"][x] = r["xmm"][x]
        self.last_exit = {"gpr": list(host["gpr"]), "rflags": host["rflags"], "xmm": list(host["xmm"])}
        self.host_answer(host)
        # back in the TD: only selected RDX..R15 and XMMs take the host's values
        for i in range(2, 16):
            if gpr_select & (1 << i):
                g[i] = host["gpr"][i]
        for x in range(16):
            if xmm_select & (1 << x):
                r["xmm"][x] = host["xmm"][x]
        g[1] = control
        g[0] = TDX_SUCCESS

    def host_answer(self, h):
        """A tiny host VMM: R10 = 0 selects the GHCI-standard sub-function in R11."""
        g = h["gpr"]
        if g[10] == 0 and g[11] == SUBFUNC_CPUID:
            eax, ebx, ecx, edx = self.cpuid.get((g[12] & 0xFFFFFFFF, g[13] & 0xFFFFFFFF), (0, 0, 0, 0))
            g[12], g[13], g[14], g[15] = eax, ebx, ecx, edx
            g[10] = VMCALL_SUCCESS
        else:
            g[10] = VMCALL_SUBFUNC_UNSUPPORTED


# ---------------------------------------------------------------------- wire format
def h64(v):
    return "0x%016x" % v


def regs_in(o):
    def val(s, bits):
        if not isinstance(s, str) or not s.lower().startswith("0x"):
            raise ValueError("register values are \"0x...\" strings")
        v = int(s, 16)
        if v >> bits:
            raise ValueError("value too wide: " + s)
        return v
    return {"gpr": [val(s, 64) for s in o["gpr"]], "rflags": val(o["rflags"], 64), "xmm": [val(s, 128) for s in o["xmm"]]}


def regs_out(r):
    return {"gpr": [h64(v) for v in r["gpr"]], "rflags": h64(r["rflags"]), "xmm": ["0x%032x" % v for v in r["xmm"]]}


def handle(td, req):
    op = req.get("op")
    if op == "hello":
        return {"protocol": PROTOCOL, "identity": IDENTITY, "capabilities": CAPABILITIES}
    if op == "reset":
        td.__init__()
        return {"ok": True}
    if op == "call":
        if req.get("insn") != "TDCALL":
            raise NotSupported("%s (this example models the TD guest side only)" % req.get("insn"))
        r = regs_in(req["regs"])
        td.tdcall(r)
        return {"regs": regs_out(r)}
    if op == "fixture":
        td.fixture(req["name"], req.get("params") or {})
        return {"ok": True}
    if op == "observe":
        if req.get("name") == "host.last-exit":
            return {"regs": regs_out(td.last_exit) if td.last_exit else None}
        raise NotSupported("observation " + str(req.get("name")))
    if op in ("read-memory", "write-memory"):
        raise NotSupported("guest memory access")
    if op == "sleep":
        time.sleep(int(req.get("ms", 0)) / 1000.0)
        return {"ok": True}
    if op == "bye":
        return {"ok": True}
    raise NotSupported("op " + str(op))


def main():
    td = Td()
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            if not isinstance(req, dict) or not isinstance(req.get("id"), int):
                raise ValueError("a request is a JSON object with an integer \"id\"")
        except ValueError as e:
            reply = {"id": None, "error": "bad-request", "message": str(e)}
            out.write(json.dumps(reply) + "\n")
            out.flush()
            continue
        rid = req["id"]
        try:
            reply = {"id": rid}
            reply.update(handle(td, req))
        except NotSupported as e:
            reply = {"id": rid, "error": "not-supported", "capability": str(e)}
        except BadArgument as e:
            reply = {"id": rid, "error": "invalid-argument", "message": str(e)}
        except (KeyError, TypeError, ValueError) as e:
            reply = {"id": rid, "error": "bad-request", "message": "%s: %s" % (type(e).__name__, e)}
        out.write(json.dumps(reply, separators=(",", ":")) + "\n")
        out.flush()
        if req.get("op") == "bye":
            return


if __name__ == "__main__":
    main()

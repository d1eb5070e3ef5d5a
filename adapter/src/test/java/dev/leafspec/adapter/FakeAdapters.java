package dev.leafspec.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes small fake adapters (python3 scripts) into a test's temporary folder. */
final class FakeAdapters {
    private FakeAdapters() {
    }

    /**
     * A protocol-speaking fake whose {@code call} misbehaves according to its first argument:
     * good (RAX += 1, R15 = RFLAGS, XMM15 = XMM0 + 1), crash, crash-once (marker file = second argument), hang,
     * garbage, truncated, partial-exit, wrong-id, long-line, blank-flood, unsolicited, bad-regs, reported-error;
     * wrong-id-third, hang-third, unsupported-third: good except the third call after the start (for pipelining).
     * {@code hello} answers protocol 1 unless the mode is "protocol-2".
     */
    static final String SCRIPT = """
            import json, os, sys, time
            mode = sys.argv[1]
            marker = sys.argv[2] if len(sys.argv) > 2 else None
            out = sys.stdout
            def send(o):
                out.write(json.dumps(o) + "\\n"); out.flush()
            regs = lambda g, f, x: {"gpr": ["0x%016x" % v for v in g], "rflags": "0x%016x" % f, "xmm": ["0x%032x" % v for v in x]}
            print("fake adapter started in mode " + mode, file=sys.stderr, flush=True)
            calls = 0
            for line in sys.stdin:
                req = json.loads(line)
                rid, op = req["id"], req["op"]
                if op == "hello":
                    send({"id": rid, "protocol": 2 if mode == "protocol-2" else 1,
                          "identity": {"name": "fake", "version": "1", "vendor": "tests"},
                          "capabilities": {"roles": ["MODULE_TDCALL"], "specVersions": ["1.5"], "leaves": ["TDG.VP.INFO"], "features": []}})
                elif op in ("reset", "write-memory", "bye"):
                    send({"id": rid, "ok": True})
                    if op == "bye": sys.exit(0)
                elif op == "fixture":
                    if req["name"] == "td.config": send({"id": rid, "ok": True, "echo": req["params"]})
                    elif req["name"] == "bad": send({"id": rid, "error": "invalid-argument", "message": "no such value"})
                    else: send({"id": rid, "error": "not-supported", "capability": "fixture " + req["name"]})
                elif op == "observe":
                    send({"id": rid, "regs": None})
                elif op == "read-memory":
                    send({"id": rid, "data": "ab" * req["length"]})
                elif op == "call":
                    r = req["regs"]
                    calls += 1
                    if mode == "wrong-id-third" and calls == 3: send({"id": rid + 1, "ok": True}); continue
                    if mode == "hang-third" and calls == 3: time.sleep(3600)
                    if mode == "unsupported-third" and calls == 3:
                        send({"id": rid, "error": "not-supported", "capability": "leaf number 3"}); continue
                    if mode == "crash" or (mode == "crash-once" and not os.path.exists(marker)):
                        if marker: open(marker, "w").close()
                        print("dying on purpose", file=sys.stderr, flush=True)
                        sys.exit(3)
                    if mode == "hang": time.sleep(3600)
                    if mode == "garbage": out.write("this is not json\\n"); out.flush(); continue
                    if mode == "truncated": out.write('{"id": %d, "regs": {"gpr": [\\n' % rid); out.flush(); continue
                    if mode == "partial-exit": out.write('{"id": %d, "re' % rid); out.flush(); sys.exit(0)
                    if mode == "wrong-id": send({"id": rid + 1, "ok": True}); continue
                    if mode == "long-line": out.write("x" * 3000000); out.flush(); time.sleep(3600)
                    if mode == "blank-flood":
                        while True: out.write("\\n" * 1000); out.flush()
                    if mode == "unsolicited":
                        for i in range(2000): out.write('{"log": %d}\\n' % i)
                        out.flush(); time.sleep(3600)
                    if mode == "bad-regs": send({"id": rid, "regs": {"gpr": [0] * 16, "rflags": "0x2", "xmm": ["0x0"] * 16}}); continue
                    if mode == "reported-error": send({"id": rid, "error": "internal", "message": "ZeroDivisionError"}); continue
                    g = [int(v, 16) for v in r["gpr"]]
                    x = [int(v, 16) for v in r["xmm"]]
                    f = int(r["rflags"], 16)
                    g[0] = (g[0] + 1) & ((1 << 64) - 1)
                    g[15] = f
                    x[15] = (x[0] + 1) & ((1 << 128) - 1)
                    send({"id": rid, "regs": regs(g, f, x)})
                else:
                    send({"id": rid, "error": "not-supported", "capability": "op " + op})
            """;

    static Path write(Path dir) throws IOException {
        Path p = dir.resolve("fake_adapter.py");
        Files.writeString(p, SCRIPT);
        return p;
    }

    static AdapterSettings settings(Path dir, String mode, String... extra) throws IOException {
        Path script = write(dir);
        List<String> cmd = new java.util.ArrayList<>(List.of("python3", script.toString(), mode));
        cmd.addAll(List.of(extra));
        return AdapterSettings.of(cmd).withTimeoutMs(2000);
    }
}

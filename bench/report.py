#!/usr/bin/env python3
"""Writes bench/RESULTS.md from bench/results/ (JMH JSON, full-run timings). Called by bench/run."""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
from pathlib import Path

PKG = "dev.leafspec.bench."

# benchmark (class.method) -> label, baselines (same run), target (op, value, text)
BENCHES = {
    "TdcallBench.tdgVpInfo": dict(
        label="TDG.VP.INFO (RAX = 1) on the reference engine",
        baselines=["TdcallBench.baselineTrivialCall", "TdcallBench.baselineRegisterFileCopy"],
        target=(">=", 5e6, "≥ 5 M calls/s")),
    "TdcallBench.baselineTrivialCall": dict(
        label="baseline: trivial SPI call (writes RAX = 0)", baseline_row=True),
    "TdcallBench.baselineRegisterFileCopy": dict(
        label="baseline: RegisterFile.copyFrom (whole register file)", baseline_row=True),
    "VmcallBench.vmcallCpuid": dict(
        label="TDG.VP.VMCALL&lt;Instruction.CPUID&gt; round trip (RCX 0xFC00), inputs reset",
        baselines=["VmcallBench.baselineResetAndTrivialCall"]),
    "VmcallBench.vmcallMapGpa": dict(
        label="TDG.VP.VMCALL&lt;MapGPA&gt; round trip (RCX 0x3C00, 4 KB to private), inputs reset",
        baselines=["VmcallBench.baselineResetAndTrivialCall"]),
    "VmcallBench.baselineResetAndTrivialCall": dict(
        label="baseline: input reset (copyFrom) + trivial SPI call", baseline_row=True),
    "TdTeardownBench.buildAndTearDown": dict(
        label="build (1 VCPU, 16 pages) and tear down a TD through the host model, KVM order, 107 SEAMCALLs",
        baselines=["TdTeardownBench.baselineSysRdCalls", "TdTeardownBench.baselinePlatformReady"],
        target=(">=", 2e4, "≥ 20 k cycles/s")),
    "TdTeardownBench.baselineSysRdCalls": dict(
        label="baseline: as many SEAMCALLs (TDH.SYS.RD of one field)", baseline_row=True),
    "TdTeardownBench.baselinePlatformReady": dict(
        label="baseline: reset() + fixture platform.ready (a clean module, no TD)", baseline_row=True),
    "AdapterBench.cAdapterPipelined": dict(
        label="TDG.VP.INFO to the C example adapter through ProcessImplementation.callBatch, pipelined "
              "(batches of 64 written before their replies are read); calls/s",
        baselines=["AdapterBench.echoPipelined", "AdapterBench.cAdapterCall"],
        target=(">=", 5e4, "≥ 50 k calls/s")),
    "AdapterBench.cAdapterCall": dict(
        label="TDG.VP.INFO to the C example adapter through ProcessImplementation.call, one synchronous round trip "
              "at a time (bounded by the pipe's wake-up latency; the 50 k target is for pipelined calls)",
        baselines=["AdapterBench.echoCall"]),
    "AdapterBench.echoPipelined": dict(
        label="baseline: the same pipelined requests to a bare echo over the same pipe (bench/src/main/c/echo_adapter.c)",
        baseline_row=True),
    "AdapterBench.echoCall": dict(
        label="baseline: the same synchronous round trip to the bare echo", baseline_row=True),
    "CallerTrapBench.pipelinedAllFunctions": dict(
        label="trapped calls end to end (issue 5): every function of examples/callers/guest in libguest-ok.so run natively, "
              "TDCALL → SIGILL → reference engine → answer → resume → return, every caller rule checked, each call PASS; "
              "pipelined (the next call's command goes with the answer to the current trap); calls/s",
        baselines=["CallerTrapBench.trapOnly"],
        target=(">=", 2e4, "≥ 20 k calls/s")),
    "CallerTrapBench.pipelinedTdvmcall": dict(
        label="the same for ex_tdvmcall only (TDG.VP.VMCALL&lt;Instruction.CPUID&gt;: hostile host, bitmap and leak checks), "
              "pipelined; calls/s",
        baselines=["CallerTrapBench.trapOnly"],
        target=(">=", 2e4, "≥ 20 k calls/s")),
    "CallerTrapBench.synchronousTdvmcall": dict(
        label="ex_tdvmcall one call at a time (command, trap, answer, return: two pipe round trips); calls/s",
        baselines=["CallerTrapBench.trapOnly"]),
    "CallerTrapBench.trapOnly": dict(
        label="baseline: TDCALL trapped and skipped in the harness (SIGILL delivery and sigreturn, no engine, no pipe); traps/s",
        baseline_row=True),
    "SpecLoadBench.loadCatalogue": dict(
        label="SpecLoader.loadCatalogue(../leaf-specs), warm JVM",
        baselines=["SpecLoadBench.baselineReadFiles"],
        target=("<", 500.0, "< 0.5 s")),
    "SpecLoadBench.baselineReadFiles": dict(
        label="baseline: read the same YAML files' bytes", baseline_row=True),
}
ORDER = list(BENCHES)


def seconds_per_op(score, unit):
    """Time per operation in seconds for a JMH score and unit (ops/s, ops/ms, ms/op, ns/op, ...)."""
    scale = {"s": 1.0, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}
    a, b = unit.split("/")
    if a == "ops":
        return scale[b] / score
    return score * scale[a]


def fmt_num(x):
    for div, suf in ((1e9, " G"), (1e6, " M"), (1e3, " k")):
        if abs(x) >= div:
            return f"{x / div:.3g}{suf}"
    return f"{x:.3g}"


def fmt_time(sec):
    for mul, suf in ((1e9, "ns"), (1e6, "µs"), (1e3, "ms")):
        if sec * mul < 1000:
            return f"{sec * mul:.3g} {suf}"
    return f"{sec:.3g} s"


def fmt_score(score, err, unit):
    if unit.startswith("ops/"):
        e = "" if err != err else f" ± {fmt_num(err)}"   # NaN error (one iteration)
        return f"{fmt_num(score)}{e} {unit}"
    e = "" if err != err else f" ± {err:.3g}"
    return f"{score:.4g}{e} {unit}"


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    jv = subprocess.run(["java", "-version"], capture_output=True, text=True)
    java = (jv.stderr or jv.stdout).strip()
    return nproc, cpu, java


def load_start(results):
    f = results / "loadavg-start"
    if f.exists():
        return "at the start: " + " / ".join(f.read_text().split()) + ", "
    return ""


def git_rev():
    root = Path(__file__).resolve().parent.parent
    try:
        rev = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown (no git)"
    if not rev:
        return "unknown (not a git checkout)"
    return f"commit `{rev}`" + (" plus uncommitted changes in the working tree" if dirty else "")


def load_timings(results):
    rows = {}
    tsv = results / "fullrun.tsv"
    if not tsv.exists():
        return rows
    for line in tsv.read_text().splitlines()[1:]:
        kind, run, ms, rc = line.split("\t")
        rows.setdefault(kind, []).append((int(run), int(ms), int(rc)))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jmh-command", required=True)
    ap.add_argument("--run-command", default="")
    ap.add_argument("--version-command", default="")
    ap.add_argument("--partial", action="store_true", help="a JMH filter was given: do not list missing benchmarks")
    a = ap.parse_args()
    results = Path(a.results)

    data = json.loads((results / "jmh.json").read_text())
    by_name = {}
    for r in data:
        name = r["benchmark"].removeprefix(PKG)
        pm = r["primaryMetric"]
        by_name[name] = dict(score=float(pm["score"]), err=float(pm["scoreError"]), unit=pm["scoreUnit"], mode=r["mode"],
                             sec=seconds_per_op(float(pm["score"]), pm["scoreUnit"]), raw=r)
    names = [n for n in ORDER if n in by_name] + sorted(n for n in by_name if n not in BENCHES)
    # a partial run (a JMH filter) keeps the other rows of the previous RESULTS.md, marked, with that run's date
    prev_text = Path(a.out).read_text() if Path(a.out).exists() else ""
    prev_rows, prev_date, prev_machine, prev_fullrun = {}, "?", "?", []
    section = None
    for line in prev_text.split("\n"):
        if line.startswith("## "):
            section = line
        elif line.startswith("- **Date:** "):
            prev_date = line[len("- **Date:** "):].strip()
        elif line.startswith("- **Machine:** "):
            prev_machine = line[len("- **Machine:** "):].strip()
        if section == "## JMH" and line.startswith("| `"):
            prev_rows[line.split("`")[1]] = line
        if section is not None and section.startswith("## Full `leafspec run`"):
            prev_fullrun.append(line)
    kept = []

    nproc, cpu, java = machine()
    first = data[0] if data else {}
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = []
    w = out.append
    w("# Benchmark results")
    w("")
    w("Generated by `bench/run` (do not edit by hand; rerun `bench/run` to refresh).")
    w("")
    w(f"- **Date:** {now}")
    w(f"- **Machine:** {nproc} CPUs (`nproc`), {cpu} (`/proc/cpuinfo`), {platform.system()} {platform.release()}; "
      f"load average (1 / 5 / 15 min) {load_start(results)}at the end: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    w("- **Java** (`java -version`):")
    w("")
    w("  ```")
    for line in java.splitlines():
        w("  " + line)
    w("  ```")
    w(f"- **Source:** {git_rev()}")
    w(f"- **JMH:** {first.get('jmhVersion', '?')}, {first.get('threads', '?')} thread, "
      f"{first.get('forks', '?')} fork, {first.get('warmupIterations', '?')} × {first.get('warmupTime', '?')} warm-up, "
      f"{first.get('measurementIterations', '?')} × {first.get('measurementTime', '?')} measurement; "
      f"JVM options: `{' '.join(first.get('jvmArgs', [])) or '(none)'}`")
    w("- **Command:** `bench/run`, which builds (`mvn -B -ntp -q -DskipTests package`) and runs")
    w("")
    w("  ```sh")
    w("  " + a.jmh_command)
    if a.run_command:
        w("  " + a.run_command)
    if a.version_command:
        w("  " + a.version_command)
    w("  ```")
    w("")
    w("## JMH")
    w("")
    w("Score ± error is JMH's 99.9 % confidence half-width. *Cost vs baseline* is the time per operation divided by")
    w("the time per operation of the named baseline measured in the same run (for throughput scores: baseline")
    w("score / score), with the difference per operation in brackets.")
    w("")
    w("| Benchmark | What | Score ± error | Time/op | Cost vs same-run baseline | Target | Result |")
    w("|---|---|---|---|---|---|---|")
    # in ORDER: measured rows, and (partial runs) the previous run's rows or (full runs) "did not run" rows
    rows = ORDER + [n for n in names if n not in BENCHES]
    for n in rows:
        meta = BENCHES.get(n, {"label": n})
        if n not in by_name:
            if a.partial and n in prev_rows:
                kept.append(n)
                cells = prev_rows[n].split(" | ")
                cells[0] = cells[0].replace(" †", "") + " †"
                w(" | ".join(cells))
            elif not a.partial:
                target = meta["target"][2] if "target" in meta else "—"
                result = "**MISS** (did not run)" if "target" in meta else "—"
                w(f"| `{n}` | {meta['label']} | did not run: see `bench/results/jmh.log` | — | — | {target} | {result} |")
            continue
        b = by_name[n]
        ratios = []
        for base in meta.get("baselines", []):
            if base in by_name:
                bb = by_name[base]
                ratio = b["sec"] / bb["sec"]
                diff = b["sec"] - bb["sec"]
                sign = "+" if diff >= 0 else "−"
                ratios.append(f"{ratio:.3g}× `{base.split('.')[1]}` ({sign}{fmt_time(abs(diff))})")
        ratio_cell = "<br>".join(ratios) if ratios else ("(baseline)" if meta.get("baseline_row") else "—")
        target, result = "—", "—"
        if "target" in meta:
            op, val, text = meta["target"]
            target = text
            s = b["score"]
            ok = s >= val if op == ">=" else s < val
            result = "**PASS**" if ok else "**MISS**"
        w(f"| `{n}` | {meta['label']} | {fmt_score(b['score'], b['err'], b['unit'])} | {fmt_time(b['sec'])} "
          f"| {ratio_cell} | {target} | {result} |")
    w("")

    if kept:
        w(f"† Kept from the previous `bench/RESULTS.md` (run of {prev_date}; machine: {prev_machine}): this run was "
          f"partial (a JMH filter) and measured only the rows without †. Their ratios are to baselines of their own run.")
        w("")

    timings = load_timings(results)
    if not timings and a.partial and prev_fullrun:
        while prev_fullrun and not prev_fullrun[-1].strip():
            prev_fullrun.pop()
        w(prev_fullrun[0])
        w("")
        w(f"(Kept from the previous run of {prev_date}: this partial run timed no full runs.)")
        out.extend(prev_fullrun[1:])
        w("")
    if timings:
        w("## Full `leafspec run`, JVM start included")
        w("")
        w("Wall-clock time of the whole process, measured by `bench/run` with `date +%s%N` around each invocation,")
        w("from the repository root. Baseline: JVM start alone (`leafspec --version`, same JVM, same jar).")
        w("")
        w("| Command | Runs | Min | Median | Max | Exit codes | Cost vs baseline (median) | Target | Result |")
        w("|---|---|---|---|---|---|---|---|---|")
        ver = timings.get("version", [])
        ver_med = statistics.median(ms for _, ms, _ in ver) if ver else None
        for kind, label, target in (("run", "`leafspec run --out <tmp>`", 15000), ("version", "`leafspec --version` (baseline)", None)):
            rows = timings.get(kind)
            if not rows:
                continue
            ms = [m for _, m, _ in rows]
            med = statistics.median(ms)
            rcs = ", ".join(sorted({str(rc) for _, _, rc in rows}))
            ratio = "(baseline)"
            if kind != "version" and ver_med:
                ratio = f"{med / ver_med:.3g}× (+{(med - ver_med) / 1000:.2f} s)"
            tgt, res = "—", "—"
            if target:
                tgt = f"< {target / 1000:.0f} s"
                bad = sorted({rc for _, _, rc in rows if rc not in (0, 1)})
                res = "**PASS**" if med < target and not bad else "**MISS**"
                if bad:
                    res += f" (exit {', '.join(map(str, bad))}: the run did not complete)"
            w(f"| {label} | {len(ms)} | {min(ms) / 1000:.2f} s | {med / 1000:.2f} s | {max(ms) / 1000:.2f} s | {rcs} "
              f"| {ratio} | {tgt} | {res} |")
        summaries = sorted(results.glob("run-*-summary.json"))
        if summaries:
            s = [json.loads(p.read_text()) for p in summaries]
            dur = statistics.median(x.get("durationMs", 0) for x in s)
            counts = [f"{x.get('passed')}/{x.get('failed')}/{x.get('notSupported')}" for x in s]
            w("")
            if len(set(counts)) == 1:
                w(f"Each run: {s[0].get('passed')} scenarios passed, {s[0].get('failed')} failed, "
                  f"{s[0].get('notSupported')} not supported ({s[0].get('implementation')}).")
            else:
                w(f"Scenarios passed/failed/not supported, run by run: {', '.join(counts)} "
                  f"({s[0].get('implementation')}).")
            w(f"The CLI's own scenario time (`summary.json` durationMs): median {dur / 1000:.2f} s.")
        w("")
        w("Exit code 0: every scenario that ran passed; 1: a scenario failed (the timing still counts); "
          "anything else is a harness error and the target is reported as MISS.")
        w("")

    # sections written by other tools (e.g. "## Mutation testing (PIT)" from mutation/) are kept as they are
    prev = Path(a.out).read_text() if Path(a.out).exists() else ""
    kept, keep = [], False
    for line in prev.split("\n"):
        if line.startswith("## "):
            keep = line.startswith("## Mutation testing")
        if keep:
            kept.append(line)
    if kept:
        out.append("")
        out.extend(kept)

    Path(a.out).write_text("\n".join(out))


if __name__ == "__main__":
    main()

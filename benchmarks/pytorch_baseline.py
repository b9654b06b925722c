#!/usr/bin/env python3
"""Measures PyTorch's CPU speed (single thread, float32, batch 1, NCHW) on the benchmark suite's layers,
so the benchmark table can compare ConvGen against PyTorch measured on the same machine.

A development-time script: no test or CI runs it. Run it with a Python that has torch, for example
Debian's python3-torch (plus libopenblas0-pthread, and libblis4-pthread for the BLIS configuration):

    /usr/bin/python3 benchmarks/pytorch_baseline.py            # writes benchmarks/pytorch-baseline.md
    /usr/bin/python3 benchmarks/pytorch_baseline.py --quick    # a fast smoke run (numbers not meaningful)

PyTorch's backend cannot all be chosen from inside one process: OpenBLAS reads OPENBLAS_CORETYPE when it
loads, and which libblas.so.3 torch binds `sgemm_` to is fixed at load time. So the script is its own
driver: it starts one worker process per BLAS configuration (OpenBLAS with the core type auto-detected,
forced to Zen, forced to SkylakeX; BLIS; optionally the reference BLAS), in several rounds with the
order rotated, and every worker measures each case with oneDNN (torch.backends.mkldnn.enabled) both on
and off, interleaved. Which backend PyTorch actually runs is asked from PyTorch itself
(torch._C._select_conv_backend): with oneDNN enabled, PyTorch still sends some shapes to its own
im2col + BLAS path (e.g. 1×1 kernels single-threaded), and such a measurement is then counted under
that BLAS path, not under oneDNN. Samples of the same effective backend (oneDNN does not depend on the
BLAS) are pooled across workers and rounds; the table gives, per case, the backend with the lowest
median, and also the time of the out-of-the-box configuration (oneDNN on, OpenBLAS core auto-detected).

Each sample times a loop of calls with time.perf_counter_ns, long enough for >= 0.2 s; a case is warmed
up first (and again by the calibration of the loop count). FLOPs = 2 * multiply-adds:
2·D·H'·W'·(C/groups)·P·Q for a convolution (the same for its Transpose and WeightsGradient), and
2·C·H·W·(D/groups)·P·Q for conv_transpose2d.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LIBDIR = "/usr/lib/x86_64-linux-gnu"

# name -> (label, extra environment). Every worker also gets the *_NUM_THREADS=1 variables.
CONFIGS = {
    "openblas-auto": ("OpenBLAS auto", {"OPENBLAS_CORETYPE": None}),
    "openblas-zen": ("OpenBLAS Zen", {"OPENBLAS_CORETYPE": "Zen"}),
    "openblas-skylakex": ("OpenBLAS SkylakeX", {"OPENBLAS_CORETYPE": "SkylakeX"}),
    "blis": ("BLIS", {"LD_LIBRARY_PATH": LIBDIR + "/blis-pthread"}),
    "reference": ("reference BLAS", {"LD_LIBRARY_PATH": LIBDIR + "/blas"}),
}
DEFAULT_CONFIGS = ["openblas-auto", "openblas-zen", "openblas-skylakex", "blis"]
OUT_OF_THE_BOX = "openblas-auto"

# (layer, member, kind, C, H, W, D, P, Q, stride, padding, groups). kind: conv / convT (conv_transpose2d).
CASES = [
    ("1 · C1 H3 W3 → D2, 2×2", "Forward", "conv", 1, 3, 3, 2, 2, 2, 1, 0, 1),
    ("2 · C1 H4 W4 → D1, 3×3", "Forward", "conv", 1, 4, 4, 1, 3, 3, 1, 0, 1),
    ("3 · C1 H28 W28 → D8, 5×5", "Forward", "conv", 1, 28, 28, 8, 5, 5, 1, 0, 1),
    ("4 · C3 H32 W32 → D16, 3×3", "Forward", "conv", 3, 32, 32, 16, 3, 3, 1, 0, 1),
    ("5 · C16 H32 W32 → D32, 3×3", "Forward", "conv", 16, 32, 32, 32, 3, 3, 1, 0, 1),
    ("6 · C64 H56 W56 → D64, 3×3", "Forward", "conv", 64, 56, 56, 64, 3, 3, 1, 0, 1),
    ("7 · C64 H28 W28 → D128, 1×1", "Forward", "conv", 64, 28, 28, 128, 1, 1, 1, 0, 1),
    ("8 · C3 H224 W224 → D64, 7×7 s2", "Forward", "conv", 3, 224, 224, 64, 7, 7, 2, 0, 1),
    ("9 · Sobel C1 H4 W4 → D1, 3×3", "Forward", "conv", 1, 4, 4, 1, 3, 3, 1, 0, 1),
    ("10 · C16 H32 W32 → D32, 3×3 s2 p1", "Forward", "conv", 16, 32, 32, 32, 3, 3, 2, 1, 1),
    ("11 · depthwise C64 H56 W56, 3×3 p1 g64", "Forward", "conv", 64, 56, 56, 64, 3, 3, 1, 1, 64),
    ("12 · conv_transpose2d C32 H16 W16 → D16, 4×4 s2 p1", "Forward", "convT", 32, 16, 16, 16, 4, 4, 2, 1, 1),
    ("4 · C3 H32 W32 → D16, 3×3", "Transpose", "conv", 3, 32, 32, 16, 3, 3, 1, 0, 1),
    ("4 · C3 H32 W32 → D16, 3×3", "WeightsGradient", "conv", 3, 32, 32, 16, 3, 3, 1, 0, 1),
    ("5 · C16 H32 W32 → D32, 3×3", "Transpose", "conv", 16, 32, 32, 32, 3, 3, 1, 0, 1),
    ("5 · C16 H32 W32 → D32, 3×3", "WeightsGradient", "conv", 16, 32, 32, 32, 3, 3, 1, 0, 1),
    ("6 · C64 H56 W56 → D64, 3×3", "Transpose", "conv", 64, 56, 56, 64, 3, 3, 1, 0, 1),
    ("6 · C64 H56 W56 → D64, 3×3", "WeightsGradient", "conv", 64, 56, 56, 64, 3, 3, 1, 0, 1),
]
SOBEL = [1, 0, -1, 2, 0, -2, 1, 0, -1]


def out_size(n, k, stride, padding, transposed):
    return (n - 1) * stride - 2 * padding + k if transposed else (n + 2 * padding - k) // stride + 1


def flops(case):
    _, _, kind, c, h, w, d, p, q, s, pad, g = case
    if kind == "convT":
        return 2 * c * h * w * (d // g) * p * q
    return 2 * d * out_size(h, p, s, pad, False) * out_size(w, q, s, pad, False) * (c // g) * p * q


# ---------------------------------------------------------------------------------------------------
# Worker: one process, one BLAS configuration.


def worker(args):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    torch.manual_seed(42)
    backend_enum = torch._C._select_conv_backend

    def rand(*shape):
        return torch.rand(*shape, dtype=torch.float32) * 2 - 1

    def set_mkldnn(on):
        torch.backends.mkldnn.enabled = on

    def variants(case):
        """(method, mkldnn, fn, backend-selection arguments) for every way PyTorch can compute the case."""
        layer, member, kind, c, h, w, d, p, q, s, pad, g = case
        st, pd, dl = [s, s], [pad, pad], [1, 1]
        out = []
        if kind == "convT":
            x = rand(1, c, h, w)
            k = rand(c, d // g, p, q)
            fn = lambda: F.conv_transpose2d(x, k, None, s, pad, 0, g)
            sel = (x, k, None, st, pd, dl, True, [0, 0], g)
            out.append(("F.conv_transpose2d", fn, sel))
        else:
            ho, wo = out_size(h, p, s, pad, False), out_size(w, q, s, pad, False)
            x = rand(1, c, h, w)
            k = torch.tensor(SOBEL, dtype=torch.float32).reshape(1, 1, 3, 3) if layer.startswith("9 ") \
                else rand(d, c // g, p, q)
            gy = rand(1, d, ho, wo)
            sel = (x, k, None, st, pd, dl, False, [0, 0], g)
            cb = torch.ops.aten.convolution_backward
            if member == "Forward":
                out.append(("F.conv2d", lambda: F.conv2d(x, k, None, s, pad, 1, g), sel))
            elif member == "Transpose":
                # What autograd (and torch.nn.grad.conv2d_input) runs for the input gradient …
                out.append(("convolution_backward (input)",
                            lambda: cb(gy, x, k, None, st, pd, dl, False, [0, 0], g, [True, False, False])[0], sel))
                # … and the same product as a transposed convolution of the output-shaped tensor.
                assert s == 1 and pad == 0
                out.append(("F.conv_transpose2d",
                            lambda: F.conv_transpose2d(gy, k, None, 1, 0, 0, g),
                            (gy, k, None, st, pd, dl, True, [0, 0], g)))
            else:
                # What autograd (and torch.nn.grad.conv2d_weight) runs for the weight gradient.
                out.append(("convolution_backward (weight)",
                            lambda: cb(gy, x, k, None, st, pd, dl, False, [0, 0], g, [False, True, False])[1], sel))
        return [(m, on, fn, sel, i == 0) for i, (m, fn, sel) in enumerate(out) for on in (True, False)]

    def timed(fn, n):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        return time.perf_counter_ns() - t0

    min_ns = int(args.min_sample_s * 1e9)
    results = []
    with torch.inference_mode():
        for ci, case in enumerate(CASES):
            vs = variants(case)
            runs = []
            for method, on, fn, sel, primary in vs:
                set_mkldnn(on)
                backend = str(backend_enum(*sel)).split(".")[-1]
                # Warm-up, then find the loop count for one sample of >= min_sample_s.
                end = time.perf_counter_ns() + min_ns // 2
                while time.perf_counter_ns() < end:
                    fn()
                n = 1
                while True:
                    t = timed(fn, n)
                    if t >= min_ns:
                        break
                    n = max(n * 2, int(n * min_ns * 1.1 / max(t, 1)))
                runs.append({"method": method, "primary": primary, "mkldnn": on, "backend": backend,
                             "n": n, "ns": [], "fn": fn})
            for _ in range(args.samples):  # interleave the variants
                for r in runs:
                    set_mkldnn(r["mkldnn"])
                    r["ns"].append(timed(r["fn"], r["n"]) / r["n"])
            for r in runs:
                del r["fn"]
            results.append({"case": ci, "runs": runs})
    set_mkldnn(True)

    blas = "?"
    try:
        import ctypes
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        blas = "OpenBLAS core " + lib.openblas_get_corename().decode()
    except OSError:
        pass
    maps = open("/proc/self/maps").read()
    blas_file = sorted({ln.split()[-1] for ln in maps.splitlines() if "libblas.so" in ln})
    json.dump({"torch": torch.__version__, "blas": blas, "libblas": blas_file, "results": results}, sys.stdout)


# ---------------------------------------------------------------------------------------------------
# Driver.


def busy_seconds():
    """CPU seconds all CPUs have spent busy since boot (from /proc/stat)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]  # idle + iowait
    return (sum(v[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def children_seconds():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def other_load(window_s):
    """CPUs' worth of work done by processes other than this script and its workers, over window_s."""
    b0, c0, t0 = busy_seconds(), children_seconds(), time.time()
    time.sleep(window_s)
    return (busy_seconds() - b0 - (children_seconds() - c0)) / (time.time() - t0)


def wait_for_quiet(args):
    waited = 0.0
    while True:
        other = other_load(5)
        if other <= args.max_other or waited >= args.max_wait_s:
            return other
        print(f"  other processes use {other:.2f} CPUs: waiting", file=sys.stderr)
        time.sleep(25)
        waited += 30


def run_worker(name, args):
    env = dict(os.environ)
    for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "BLIS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[v] = "1"
    for k, v in CONFIGS[name][1].items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    cmd = [sys.executable, os.path.abspath(__file__), "--worker",
           "--samples", str(args.samples), "--min-sample-s", str(args.min_sample_s)]
    for attempt in range(args.retries + 1):
        wait_for_quiet(args)
        b0, c0, t0 = busy_seconds(), children_seconds(), time.time()
        out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE).stdout
        wall = time.time() - t0
        other = (busy_seconds() - b0 - (children_seconds() - c0)) / wall
        print(f"    {name}: {wall:.0f} s, other processes used {other:.2f} CPUs", file=sys.stderr)
        if other <= args.max_other or attempt == args.retries:
            res = json.loads(out)
            res["other"] = max(other, 0.0)
            return res
        print(f"    {name}: too busy, measuring again", file=sys.stderr)


def cpu_model():
    info = {}
    for ln in open("/proc/cpuinfo"):
        if ":" in ln:
            k, v = (s.strip() for s in ln.split(":", 1))
            info.setdefault(k, v)
        if not ln.strip() and info:
            break
    flags = info.get("flags", "").split()
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    return (f"{info.get('model name', '?')} (family {info.get('cpu family', '?')}, model {info.get('model', '?')}, "
            f"stepping {info.get('stepping', '?')}; {isa}{' + FMA' if 'fma' in flags else ''}), {os.cpu_count()} logical CPUs")


def fmt_us(ns):
    us = ns / 1000
    return f"{us:,.0f}" if us >= 100 else f"{us:.1f}" if us >= 10 else f"{us:.2f}"


def gflops(case, ns):
    g = flops(case) / ns
    return f"{g:.1f}" if g >= 1 else f"{g:.3f}"


METHOD_NOTE = {"convolution_backward (input)": "autograd", "convolution_backward (weight)": "autograd",
               "F.conv_transpose2d": "conv_transpose2d"}


def path_label(key):
    method, backend, config = key
    if backend in ("Mkldnn", "MkldnnEmpty"):
        return "oneDNN"
    return "native" + ("" if backend in ("Slow2d", "SlowTranspose2d") else f" {backend}")


def best_label(case, meds, within=0.03):
    """The winner, plus the BLAS configurations and other backends within `within` of it."""
    best = min(meds, key=meds.get)
    close = [k for k in meds if meds[k] <= meds[best] * (1 + within)]
    same_path = [k for k in close if k[:2] == best[:2]]
    label = path_label(best)
    if best[2]:
        label += " + " + " / ".join(CONFIGS[k[2]][0] for k in sorted(same_path, key=meds.get))
    if case[1] == "Transpose":
        label += f" ({METHOD_NOTE.get(best[0], best[0])})"
    others = [k for k in close if k[:2] != best[:2]]
    if others:
        label += "; within 3%: " + ", ".join(
            path_label(k) + (f" + {CONFIGS[k[2]][0]}" if k[2] else "")
            + (f" ({METHOD_NOTE.get(k[0], k[0])})" if case[1] == "Transpose" else "")
            for k in sorted(others, key=meds.get))
    return label


def driver(args):
    configs = args.configs
    workers = {c: [] for c in configs}
    # Finished workers are kept in a cache file, so an interrupted run resumes where it stopped.
    params = {"samples": args.samples, "min_sample_s": args.min_sample_s, "cases": CASES}
    cache = []
    if args.cache and os.path.exists(args.cache):
        with open(args.cache) as f:
            cache = [w for w in json.load(f) if w.get("params") == json.loads(json.dumps(params))]
        print(f"resuming from {args.cache}: {len(cache)} workers done", file=sys.stderr)
    started = datetime.datetime.now()
    for rnd in range(args.rounds):
        order = configs[rnd % len(configs):] + configs[:rnd % len(configs)]
        for c in order:
            done = [w for w in cache if w["config"] == c and w["round"] == rnd]
            if done:
                workers[c].append(done[0])
                continue
            print(f"round {rnd + 1}/{args.rounds} {c}", file=sys.stderr)
            res = run_worker(c, args)
            res.update(config=c, round=rnd, params=params)
            workers[c].append(res)
            if args.cache:
                cache.append(res)
                with open(args.cache, "w") as f:
                    json.dump(cache, f)
    others = [w["other"] for ws in workers.values() for w in ws]
    if args.cache and os.path.exists(args.cache):
        os.remove(args.cache)  # complete: a later run measures afresh

    # Pool samples by effective backend: oneDNN's do not depend on the BLAS, the native path's do.
    per_case = []
    for ci, case in enumerate(CASES):
        groups = {}
        oob = []
        for c in configs:
            for wres in workers[c]:
                for r in wres["results"][ci]["runs"]:
                    onednn = r["backend"] in ("Mkldnn", "MkldnnEmpty")
                    key = (r["method"], r["backend"], None if onednn else c)
                    groups.setdefault(key, []).extend(r["ns"])
                    if c == OUT_OF_THE_BOX and r["mkldnn"] and r["primary"]:
                        oob.extend(r["ns"])
        meds = {k: statistics.median(v) for k, v in groups.items()}
        best = min(meds, key=meds.get)
        per_case.append((case, best, meds[best], len(groups[best]), statistics.median(oob), meds))

    w0 = workers[configs[0]][0]
    lines = []
    lines.append("# PyTorch CPU baseline on this machine")
    lines.append("")
    lines.append(f"- Measured {started:%Y-%m-%d %H:%M} by `benchmarks/pytorch_baseline.py` "
                 f"({args.rounds} rounds × {len(configs)} BLAS configurations × {args.samples} samples; "
                 f"each sample ≥ {args.min_sample_s} s of back-to-back calls).")
    lines.append(f"- CPU: {cpu_model()}.")
    lines.append(f"- PyTorch {w0['torch']} (Debian python3-torch, Python {platform.python_version()}), "
                 "`torch.set_num_threads(1)`, float32, batch 1, NCHW, no bias, random weights, "
                 "`torch.inference_mode()`.")
    auto_core = workers[OUT_OF_THE_BOX][0]["blas"].replace("OpenBLAS core ", "") if OUT_OF_THE_BOX in workers else "?"
    lines.append("- Backends tried: oneDNN on/off (`torch.backends.mkldnn.enabled`) × BLAS "
                 + ", ".join(CONFIGS[c][0] for c in configs)
                 + f" (OpenBLAS 0.3.21 \"auto\" = `OPENBLAS_CORETYPE` unset, which detects {auto_core}; "
                 "the others force `OPENBLAS_CORETYPE`; BLIS 0.9.0 via `LD_LIBRARY_PATH`). "
                 "Which backend ran is PyTorch's own choice (`torch._C._select_conv_backend`): "
                 "\"oneDNN\" = oneDNN 2.6.3; \"native\" = PyTorch's im2col/col2im + BLAS `sgemm` path, "
                 "which it also takes with oneDNN enabled for some shapes (1×1 kernels, kernels ≤ 3×3 on small "
                 "inputs).")
    lines.append("- Transpose = the input gradient: \"autograd\" is `torch.ops.aten.convolution_backward` with "
                 "output_mask (True, False, False) (what autograd and `torch.nn.grad.conv2d_input` run), "
                 "\"conv_transpose2d\" is `F.conv_transpose2d` of the output-shaped tensor with the same weights; "
                 "the faster one is shown. WeightsGradient = `convolution_backward` with output_mask "
                 "(False, True, False) (what autograd and `torch.nn.grad.conv2d_weight` run).")
    lines.append(f"- Other processes used {min(others):.2f}–{max(others):.2f} CPUs (of {os.cpu_count()}) while the "
                 "workers measured (from /proc/stat, the workers' own CPU time taken out).")
    lines.append("- µs = median time per call of the fastest backend (samples of the same backend pooled over "
                 "workers and rounds; oneDNN's over all BLAS configurations); BLAS configurations within 3% of "
                 "the fastest are listed with it. GFLOP/s from FLOPs = 2·D·H'·W'·(C/groups)·P·Q "
                 "(conv_transpose2d: 2·C·H·W·(D/groups)·P·Q). \"Out of the box\" = oneDNN enabled (the default), "
                 "OpenBLAS auto, autograd's method.")
    lines.append("")
    lines.append("| layer | member | FLOPs | µs | GFLOP/s | best backend | out of the box µs |")
    lines.append("|---|---|---:|---:|---:|---|---:|")
    for case, _, ns, _, oob, meds in per_case:
        f = flops(case)
        fl = f"{f / 1e6:.1f} M" if f >= 1e6 else f"{f / 1e3:.0f} K" if f >= 1e4 else str(f)
        lines.append(f"| {case[0]} | {case[1]} | {fl} | {fmt_us(ns)} | {gflops(case, ns)} | "
                     f"{best_label(case, meds)} | {fmt_us(oob)} |")
    lines.append("")
    lines.append("<details><summary>All backends (median µs per call)</summary>")
    lines.append("")
    lines.append("| layer | member | method | backend | BLAS | µs | GFLOP/s |")
    lines.append("|---|---|---|---|---|---:|---:|")
    for case, _, _, _, _, meds in per_case:
        for (method, backend, cfg), ns in sorted(meds.items(), key=lambda kv: kv[1]):
            lines.append(f"| {case[0]} | {case[1]} | {method} | {backend} | "
                         f"{CONFIGS[cfg][0] if cfg else '—'} | {fmt_us(ns)} | {gflops(case, ns)} |")
    lines.append("")
    lines.append("</details>")
    text = "\n".join(lines) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {args.out}", file=sys.stderr)
    print(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--configs", nargs="+", default=DEFAULT_CONFIGS, choices=list(CONFIGS))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--samples", type=int, default=7, help="samples per variant per worker")
    ap.add_argument("--min-sample-s", type=float, default=0.2)
    ap.add_argument("--max-other", type=float, default=0.1,
                    help="CPUs' worth of other processes' work above which the script waits / measures again")
    ap.add_argument("--max-wait-s", type=float, default=1800)
    ap.add_argument("--retries", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "pytorch-baseline.md"))
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "pytorch_baseline_cache.json"),
                    help="finished workers' results, to resume an interrupted run ('' for none)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 1 round, 2 samples of 0.01 s, no file")
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.samples, args.min_sample_s, args.out = 1, 2, 0.01, None
        args.retries, args.max_wait_s, args.cache = 0, 0, ""
    if args.worker:
        worker(args)
    else:
        driver(args)


if __name__ == "__main__":
    main()

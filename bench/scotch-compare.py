#!/usr/bin/env python3
"""Compare topospec's placement solver with Scotch's static mapping (scotch_gmap) on the same
instances, scoring every mapping with topospec's cost model.

    python3 bench/scotch-compare.py [--ranks 256,512,1024,4096] [--shapes regular,failed,mixed,partial]
                                    [--seconds 10] [--qaplib DIR] [--work DIR [--reuse]]
                                    [--bench PATH]

Installs Debian's `scotch` when scotch_gmap or amk_grf is missing, builds topospec-bench
(release), then:
  * placement instances (`topospec-bench place --ranks N --shape S`): regular clusters, failed
    GPUs (a failed GPU on every 8th node, made up by 1-GPU nodes), mixed node types (4-GPU PCIe
    nodes of another SKU among HGX nodes) and partially allocated nodes (6 or 4 GPUs free).
    Scotch gets its best target: `super.tgt`, a `sub` of the regular `tleaf` superset holding the
    GPUs that exist; `amk.tgt`, built by `amk_grf -lleaves.txt` from `target.grf`, a graph that
    carries topospec's distances (each node's GPUs a clique, GPUs to rack hubs, hubs to a spine);
    and, on regular machines, the plain `tleaf`. Each target is mapped with `-b0` (one rank per
    GPU) under the default (quality), balance and quality+balance strategies; every one-to-one
    mapping is evaluated with `topospec-bench place --evaluate` (the cost is recomputed from the
    .map file, never taken from Scotch) and the best counts;
  * QAPLIB instances whose distances are Manhattan grids (nug12, tho150), with Scotch's mesh2D target.
"""
import argparse, contextlib, os, shutil, subprocess, sys, tempfile, json, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REUSE = False  # --work DIR --reuse: keep Scotch's mappings from an earlier run in DIR


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def ensure_scotch():
    if shutil.which("scotch_gmap") and shutil.which("amk_grf"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "scotch"], check=True, env=env)


def read_map(path):
    lines = open(path).read().split("\n")
    mapping = {}
    for line in lines[1:]:
        parts = line.split()
        if len(parts) == 2:
            mapping[int(parts[0])] = int(parts[1])
    return mapping


def valid_map(path, ranks):
    mapping = read_map(path)
    if sorted(mapping.keys()) != list(range(ranks)) or sorted(mapping.values()) != list(range(ranks)):
        return None
    return mapping


def placement(bench, ranks, shape, seconds, work):
    folder = os.path.join(work, f"place-{ranks}-{shape}")
    flags = ["--ranks", str(ranks), "--shape", shape]
    export = json.loads(run([bench, "place", "--export-scotch", folder] + flags))
    ours = json.loads(run([bench, "place", "--seconds", str(seconds)] + flags))
    row = {"instance": f"place {ranks} {shape}", "ranks": ranks, "shape": shape, "topospec": ours["cost"],
           "topospec_time": ours["comm_seconds"], "topospec_tp_whole": ours["tp_groups_in_one_node"],
           "default": ours["default_cost"], "default_time": ours["default_comm_seconds"],
           "topospec_seconds": ours["seconds"],
           "lower_bound": max(ours["lower_bound"], ours.get("structural_lower_bound") or 0)}
    targets = {"sub": os.path.join(folder, "super.tgt")}
    if export.get("tleaf"):
        targets["tleaf"] = os.path.join(folder, "target.tgt")
    amk = os.path.join(folder, "amk.tgt")
    if not (REUSE and os.path.exists(amk)):
        run(["amk_grf", "-l" + os.path.join(folder, "leaves.txt"), os.path.join(folder, "target.grf"), amk])
    targets["amk_grf"] = amk
    best = None
    for name, target in targets.items():
        for strategy in ["", "-cb", "-cqb"]:
            out = os.path.join(folder, f"scotch-{name}{strategy}.map")
            options = ["-b0"] + ([strategy] if strategy else [])
            started = time.time()
            timing = out + ".seconds"
            if REUSE and os.path.exists(out) and os.path.exists(timing):
                elapsed = float(open(timing).read())
            else:
                try:
                    run(["scotch_gmap", os.path.join(folder, "graph.grf"), target, out] + options)
                except subprocess.CalledProcessError:
                    continue
                elapsed = time.time() - started
                with open(timing, "w") as f:
                    f.write(f"{elapsed:.3f}\n")
            mapping = valid_map(out, ranks)
            if mapping is None:
                continue
            perm = out + ".perm"
            with open(perm, "w") as f:
                for process in sorted(mapping):
                    f.write(f"{process} {mapping[process]}\n")
            scored = json.loads(run([bench, "place", "--evaluate", perm] + flags))
            if best is None or scored["cost"] < best["cost"]:
                best = dict(scored, target=f"{name} -b0 {strategy}".strip(), seconds=elapsed)
    if best is None:
        row["scotch"] = "no one-to-one mapping"
        return row
    row["scotch"] = best["cost"]
    row["scotch_time"] = best["comm_seconds"]
    row["scotch_tp_whole"] = best["tp_groups_in_one_node"]
    row["scotch_target"] = best["target"]
    row["scotch_seconds"] = best["seconds"]
    return row


def read_qaplib(path):
    numbers = [int(x) for x in open(path).read().split()]
    n = numbers[0]
    a = numbers[1:1 + n * n]
    b = numbers[1 + n * n:1 + 2 * n * n]
    return n, a, b


def grid_columns(n, b):
    """Columns of a row-major Manhattan grid reproducing b, or None."""
    for cols in range(1, n + 1):
        if n % cols:
            continue
        if all(b[i * n + j] == abs(i % cols - j % cols) + abs(i // cols - j // cols) for i in range(n) for j in range(n)):
            return cols
    return None


def qaplib(bench, path, best, work):
    n, a, b = read_qaplib(path)
    name = os.path.basename(path)
    ours = json.loads(run([bench, "qap", path, "--best", str(best), "--seconds", "1"]))
    row = {"instance": name, "topospec": ours["cost"], "best_known": best, "gap": float(ours["gap_percent"]),
           "seconds": ours["seconds"]}
    # QAPLIB gives two matrices; whichever is a Manhattan grid is the distance (nug and tho list
    # the distances first). cost = sum flow[k][l] * grid[q(k)][q(l)] is QAPLIB's value for the
    # inverse assignment, so the two costs compare directly.
    cols = grid_columns(n, b)
    flow, grid = a, b
    if cols is None:
        cols = grid_columns(n, a)
        flow, grid = b, a
    if cols is None:
        row["scotch"] = "skipped (distances are not a grid)"
        return row
    a, b = flow, grid
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    adjacency = [[] for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i != j and a[i * n + j] + a[j * n + i] > 0:
                adjacency[i].append((a[i * n + j] + a[j * n + i], j))
    with open(os.path.join(folder, "graph.grf"), "w") as f:
        f.write(f"0\n{n} {sum(len(x) for x in adjacency)}\n0 010\n")
        for edges in adjacency:
            f.write(f"{len(edges)} " + " ".join(f"{w} {v}" for w, v in edges) + "\n")
    with open(os.path.join(folder, "target.tgt"), "w") as f:
        f.write(f"mesh2D {cols} {n // cols}\n")
    run(["scotch_gmap", os.path.join(folder, "graph.grf"), os.path.join(folder, "target.tgt"), os.path.join(folder, "out.map")])
    mapping = read_map(os.path.join(folder, "out.map"))
    if sorted(mapping.values()) != list(range(n)):
        row["scotch"] = "not one-to-one"
        return row
    p = [mapping[i] for i in range(n)]
    row["scotch"] = sum(a[i * n + j] * b[p[i] * n + p[j]] for i in range(n) for j in range(n))
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ranks", default="256,512,1024,4096")
    parser.add_argument("--shapes", default="regular,failed,mixed,partial")
    parser.add_argument("--seconds", default="10", help="topospec's search limit per instance")
    parser.add_argument("--qaplib", default=os.path.join(ROOT, "Tests/Fixtures/shared/qaplib"))
    parser.add_argument("--bench", help="use this topospec-bench binary instead of building one (release)")
    parser.add_argument("--work", help="keep the exported instances and Scotch's mappings in this folder")
    parser.add_argument("--reuse", action="store_true", help="with --work: reuse Scotch's mappings found there "
                        "(the instance must not have changed), re-running only topospec")
    args = parser.parse_args()
    global REUSE
    REUSE = args.reuse and args.work is not None
    ensure_scotch()
    bench = args.bench
    if bench is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "topospec-bench"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        bench = os.path.join(ROOT, ".build/release/topospec-bench")
    rows = []
    with (tempfile.TemporaryDirectory() if args.work is None else contextlib.nullcontext(args.work)) as work:
        os.makedirs(work, exist_ok=True)
        for ranks in [int(r) for r in args.ranks.split(",")]:
            for shape in args.shapes.split(","):
                row = placement(bench, ranks, shape, args.seconds, work)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
        for name, best in [("nug12", 578), ("chr12a", 9552), ("had20", 6922), ("kra30a", 88900), ("tho150", 8133398)]:
            path = os.path.join(args.qaplib, name + ".dat")
            if os.path.exists(path):
                rows.append(qaplib(bench, path, best, work))
    print("| instance | topospec | best Scotch (target) | default order | lower bound | topospec ÷ Scotch | ÷ bound: topospec / Scotch | TP groups whole: topospec / Scotch | comm. s: topospec / Scotch / default |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "shape" not in r:
            continue
        if isinstance(r["scotch"], str):
            print(f"| {r['instance']} | {r['topospec']:.4g} | {r['scotch']} | {r['default']:.4g} | {r['lower_bound']:.4g} | | | | |")
            continue
        print(f"| {r['instance']} | {r['topospec']:.4g} | {r['scotch']:.4g} ({r['scotch_target']}) | {r['default']:.4g} | "
              f"{r['lower_bound']:.4g} | {r['topospec'] / r['scotch']:.3f} | "
              f"{r['topospec'] / r['lower_bound']:.3f} / {r['scotch'] / r['lower_bound']:.3f} | {r['topospec_tp_whole']} / {r['scotch_tp_whole']} | "
              f"{r['topospec_time']:.4g} / {r['scotch_time']:.4g} / {r['default_time']:.4g} |")
    print()
    print(f"{'QAPLIB instance':20} {'topospec':>14} {'gap %':>7} {'seconds':>8} {'scotch':>34} {'best known':>14}")
    gaps = []
    for r in rows:
        if "best_known" in r:
            scotch = r["scotch"] if isinstance(r["scotch"], str) else f"{r['scotch']:.6g}"
            print(f"{r['instance']:20} {r['topospec']:>14.6g} {r['gap']:>7.3f} {r['seconds']:>8.3f} {scotch:>34} {r['best_known']:>14.6g}")
            gaps.append(r["gap"])
    if gaps:
        print(f"QAPLIB: mean gap {sum(gaps) / len(gaps):.3f} % over {len(gaps)} instances (1 s each)")
    compared = [r for r in rows if not isinstance(r["scotch"], str)]
    # A lower bound above any placement found would be a bug in the bound: say so.
    for r in compared:
        if "lower_bound" in r and r["lower_bound"] > min(r["topospec"], r["scotch"], r["default"]) * (1 + 1e-9):
            print(f"lower bound {r['lower_bound']:.6g} exceeds a placement's cost on {r['instance']}: the bound is wrong")
            return 2
    worse = [r for r in compared if r["topospec"] > r["scotch"] * (1 + 1e-9)]
    irregular = [r for r in compared if r.get("shape") not in (None, "regular")]
    if irregular:
        mean = sum(r["topospec"] / r["scotch"] for r in irregular) / len(irregular)
        print(f"\nirregular instances: topospec ÷ best Scotch {mean:.3f} on average over {len(irregular)}")
        reachable = sum(r["lower_bound"] / r["scotch"] for r in irregular) / len(irregular)
        print(f"irregular instances: lower bound ÷ best Scotch {reachable:.3f} on average (no placement can average below this)")
    print(f"topospec worse than Scotch on {len(worse)} of {len(compared)} compared instances")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())

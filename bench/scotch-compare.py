#!/usr/bin/env python3
"""Compare topospec's placement solver with Scotch's static mapping (scotch_gmap) on the same
instances, scoring both with topospec's cost model.

    python3 bench/scotch-compare.py [--ranks 64,256,1024] [--qaplib DIR]

Installs Debian's `scotch` when scotch_gmap is missing, builds topospec-bench (release), then:
  * placement instances (`topospec-bench place --ranks N`): exports the communication graph and a
    `tleaf` target, runs scotch_gmap, and evaluates Scotch's mapping with topospec's cost model
    (the cost is recomputed from the .map file, not taken from Scotch);
  * the regression case where Scotch's mapping was 25 % worse than TP-inside-a-node
    (TP 8 x DP 2 x PP 2 on 4 x 8 GPUs, DP traffic three times TP's) is covered by
    Tests/TopoRulesTests/PlacementTests.swift;
  * QAPLIB instances whose distances are Manhattan grids (nug12, tho150), with Scotch's mesh2D target.
Irregular machines (failed GPUs, mixed nodes) need a decomposition-defined target built by
Scotch's amk_grf, which Debian's package does not ship; they are reported as skipped.
"""
import argparse, os, shutil, subprocess, sys, tempfile, json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def ensure_scotch():
    if shutil.which("scotch_gmap"):
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


def placement(bench, ranks, irregular, work):
    flags = ["--irregular"] if irregular else []
    folder = os.path.join(work, f"place-{ranks}{'-irregular' if irregular else ''}")
    export = json.loads(run([bench, "place", "--ranks", str(ranks), "--export-scotch", folder] + flags))
    ours = json.loads(run([bench, "place", "--ranks", str(ranks)] + flags))
    row = {"instance": f"place {ranks} ranks{' irregular' if irregular else ''}", "topospec": ours["cost"],
           "default": ours["default_cost"], "topospec_seconds": ours["seconds"]}
    if not export.get("tleaf"):
        row["scotch"] = "skipped (irregular machine)"
        return row
    target = os.path.join(folder, "target.tgt")
    out = os.path.join(folder, "scotch.map")
    run(["scotch_gmap", os.path.join(folder, "graph.grf"), target, out])
    mapping = read_map(out)
    if sorted(mapping.values()) != list(range(ranks)):
        row["scotch"] = "not one-to-one"
        return row
    perm = os.path.join(folder, "scotch.perm")
    with open(perm, "w") as f:
        for process in sorted(mapping):
            f.write(f"{process} {mapping[process]}\n")
    scored = json.loads(run([bench, "place", "--ranks", str(ranks), "--evaluate", perm] + flags))
    row["scotch"] = scored["cost"]
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
    row = {"instance": name, "topospec": ours["cost"], "best_known": best}
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
    parser.add_argument("--ranks", default="64,256,1024,4096")
    parser.add_argument("--qaplib", default=os.path.join(ROOT, "Tests/Fixtures/shared/qaplib"))
    args = parser.parse_args()
    ensure_scotch()
    subprocess.run(["swift", "build", "-c", "release", "--product", "topospec-bench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    bench = os.path.join(ROOT, ".build/release/topospec-bench")
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for ranks in [int(r) for r in args.ranks.split(",")]:
            for irregular in (False, True):
                rows.append(placement(bench, ranks, irregular, work))
        for name, best in [("nug12", 578), ("chr12a", 9552), ("had20", 6922), ("kra30a", 88900), ("tho150", 8133398)]:
            path = os.path.join(args.qaplib, name + ".dat")
            if os.path.exists(path):
                rows.append(qaplib(bench, path, best, work))
    print(f"{'instance':34} {'topospec':>14} {'scotch':>34} {'default / best known':>22}")
    for r in rows:
        reference = r.get("default", r.get("best_known", ""))
        scotch = r["scotch"] if isinstance(r["scotch"], str) else f"{r['scotch']:.6g}"
        print(f"{r['instance']:34} {r['topospec']:>14.6g} {scotch:>34} {reference:>22.6g}")
    worse = [r for r in rows if not isinstance(r["scotch"], str) and r["topospec"] > r["scotch"] * (1 + 1e-9)]
    print(f"\ntopospec worse than Scotch on {len(worse)} of {sum(not isinstance(r['scotch'], str) for r in rows)} compared instances")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Compare topospec's collective model with NCCL's own on every published measurement.

For each row of Tests/Fixtures/collective/measurements.tsv this prints the measured bus bandwidth,
topospec's prediction (`topospec collective`) and NCCL's own prediction, and both ratios.

NCCL's prediction comes from nccl-sim (../shared/tools/nccl-sim: NCCL's src/graph code compiled
offline) run on the NCCL topology file `topospec emit nccl-topo` writes for the row's node type,
with `--nranks nodes x GPUs` (nccl-sim emulates that many identical nodes). From NCCL's own tuning
table (the latency / bandwidth pairs `ncclTopoTuneModel` logs for every collective, algorithm and
protocol) it takes the choice NCCL's tuner makes: src/graph/tuning.cc `ncclTopoGetAlgoTime`,
time = latency + bytes / (1000 x bandwidth), with that function's tree correction factors (read
from NCCL's tuning.cc, found next to the nccl-sim binary or at $NCCL_SRC) and its ring plateau
factor, for one operation per call as nccl-tests issues them; the lowest time wins. Bus bandwidth
= bytes / time x nccl-tests' bus factor (PERFORMANCE.md: all-reduce 2(n-1)/n, all-gather and
reduce-scatter (n-1)/n, broadcast and reduce 1).

Rows NCCL's model does not cover get no NCCL figure and say why: RCCL systems (AMD GPUs),
all-to-all (point-to-point in NCCL, outside its tuning model), CollNet / SHARP and NVLink domains
of several trays (MNNVL): nccl-sim has no CollNet plugin and no MNNVL cliques.

Not run in CI (CI cannot reach NCCL's source). Needs python3, a built topospec and nccl-sim:

    NCCL_SIM=/path/to/nccl-sim scripts/compare-nccl-model.py [--topospec BIN] [--work DIR] > out.tsv

The per-regime summary goes to stderr. docs/nccl-model-comparison.tsv is this script's output.
"""

import argparse
import glob
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests/Fixtures/collective")
MEASUREMENTS = os.path.join(ROOT, "Tests/Fixtures/collective/measurements.tsv")

NCCL_FUNC = {"all_reduce": "AllReduce", "all_gather": "AllGather", "reduce_scatter": "ReduceScatter",
             "broadcast": "Broadcast", "reduce": "Reduce"}
PROTOCOLS = ["LL", "LL128", "Simple"]


def bus_factor(op, n):
    """nccl-tests' bus bandwidth factor (doc/PERFORMANCE.md)."""
    if op == "all_reduce":
        return 2.0 * (n - 1) / n
    if op in ("all_gather", "reduce_scatter", "alltoall"):
        return (n - 1) / n
    return 1.0


def regime(system, op, nodes):
    """The agreement table's regime of a row (docs/collective-model.md, section Agreement)."""
    if op == "alltoall":
        return "all-to-all"
    if system == "cw-h100-sharp":
        return "CollNet / SHARP"
    if system == "cw-gb200-tray":
        return "several NVL72 racks" if nodes > 18 else "one NVLink domain"
    if system == "gb200-tray":
        return "one NVLink domain"
    if system in ("a40-bridged", "rtx5090-8x", "v100-pcie-4x"):
        return "NVLink bridge / PCIe"
    if nodes == 1:
        return "full mesh" if system in ("oci-mi355x", "mi300x-8x") else "one NVLink domain"
    if system == "aws-p5" and nodes > 2:
        return "EFA, 4-32 nodes"
    return "2 nodes over the network" if nodes == 2 else "3-4 nodes"


def expand_hostlist(expr):
    m = re.fullmatch(r"([^\[]*)\[(\d+)-(\d+)\](.*)", expr)
    if not m:
        return [expr]
    width = len(m.group(2))
    return [f"{m.group(1)}{i:0{width}d}{m.group(4)}" for i in range(int(m.group(2)), int(m.group(3)) + 1)]


def read_spec(path):
    """Node names by type (spec order) and GPUs per node type, from the fixture's plain layout."""
    names, gpus, section, current = {}, {}, None, None
    for line in open(path):
        if re.match(r"^[a-z_]+:", line):
            section = line.split(":")[0]
            continue
        if section == "node_types":
            m = re.match(r"^  ([a-z0-9-]+):\s*$", line)
            if m:
                current = m.group(1)
            m = re.match(r"^    gpus: \{.*count: (\d+)", line)
            if m and current:
                gpus[current] = int(m.group(1))
        elif section == "nodes":
            m = re.match(r'^  "?([^":]+)"?: \{type: ([a-z0-9-]+)\}', line)
            if m:
                names.setdefault(m.group(2), []).extend(expand_hostlist(m.group(1)))
    return names, gpus


def tree_correction_factors(nccl_src):
    """`treeCorrectionFactor` of NCCL's src/graph/tuning.cc, read from the source nccl-sim was built from."""
    text = open(os.path.join(nccl_src, "src/graph/tuning.cc")).read()
    m = re.search(r"treeCorrectionFactor\[NCCL_NUM_PROTOCOLS\]\[\d+\]\s*=\s*\{(.*?)\};", text, re.S)
    if not m:
        sys.exit("cannot find treeCorrectionFactor in " + nccl_src + "/src/graph/tuning.cc")
    rows = re.findall(r"\{([^{}]*)\}", m.group(1))
    return [[float(v) for v in row.split(",") if v.strip()] for row in rows]


def parse_sim(stdout, stderr):
    """NCCL's tuning table (latency us, bandwidth GB/s per function/algorithm/protocol) and facts of the run."""
    table, algos = {}, []
    for line in stderr.splitlines():
        if "NCCL INFO" not in line:
            continue
        body = line.split("NCCL INFO", 1)[1]
        cells = [c.strip() for c in body.split("|")]
        if cells[0] == "Algorithm":
            algos = [c for c in cells[1:] if c]
        elif cells[0] in NCCL_FUNC.values() and algos:
            values = [c for c in cells[1:] if c]
            for i, value in enumerate(values):
                lat, bw = (float(x) for x in value.split("/"))
                table[(cells[0], algos[i // 3], PROTOCOLS[i % 3])] = (lat, bw)
    facts = {"result": next((l for l in stdout.splitlines() if l.startswith("RESULT")), "RESULT: none")}
    m = re.search(r"^GRAPH RING: .*nChannels (\d+)", stdout, re.M)
    t = re.search(r"^GRAPH TREE: .*nChannels (\d+)", stdout, re.M)
    facts["channels"] = min(int(m.group(1)), int(t.group(1))) if m and t else 1
    m = re.search(r"nRanks (\d+) nNodes (\d+)", stdout)
    facts["nodes"] = int(m.group(2)) if m else 1
    facts["x86"] = bool(re.search(r"^  CPU numa \d+: arch x86_64", stdout, re.M))
    return table, facts


def nccl_choice(table, facts, func, nbytes, nranks, cc, factors):
    """NCCL's pick and its predicted time (us): src/enqueue.cc updateCollCostTable's candidates, each
    timed by src/graph/tuning.cc ncclTopoGetAlgoTime for one operation."""
    best = None
    log_size = int(math.log2(nbytes >> 6)) if nbytes >> 6 > 0 else -1
    for (f, algo, proto), (lat, bw) in table.items():
        if f != func or bw == 0:
            continue
        if algo == "NVLS" and facts["nodes"] > 1:
            continue  # src/enqueue.cc updateCollCostTable: NVLS alone spans nodes only with CollNet
        p = PROTOCOLS.index(proto)
        if algo == "Tree" and func == "AllReduce" and 0 <= log_size < 23:
            bw *= factors[p][log_size]
        if (algo == "NVLSTree" and func == "AllReduce" and 0 <= log_size < 24 and cc >= 100 and facts["x86"]):
            bw *= factors[p][log_size]
        if (algo == "Ring" and proto == "Simple" and facts["nodes"] > 1 and func == "AllReduce"
                and nbytes // (facts["channels"] * nranks) >= 64):
            lat *= 1.9 if cc < 80 else 1.4
        time = lat + nbytes / (1000.0 * bw)
        if best is None or time < best[0]:
            best = (time, f"{algo}/{proto}")
    return best


def keep_first_gpus(path, out, count, own_nics):
    """The file as NCCL keeps it for `count` ranks on the node: the other GPUs' PCI devices removed
    (src/graph/topo.cc ncclTopoTrimXml drops GPUs no rank of the communicator uses); with `own_nics`
    also the NICs after the first `count` (see OWN_NIC)."""
    tree = ET.parse(path)
    gpus, nics = [], []
    for parent in tree.iter():
        for child in list(parent):
            if child.tag == "pci" and child.find("gpu") is not None:
                gpus.append((int(child.find("gpu").get("dev", len(gpus))), parent, child))
            if child.tag == "pci" and child.find("nic/net") is not None:
                nics.append((int(child.find("nic/net").get("dev", len(nics))), parent, child))
    drop = sorted(gpus, key=lambda g: g[0])[count:] + (sorted(nics, key=lambda n: n[0])[count:] if own_nics else [])
    for _, parent, child in drop:
        parent.remove(child)
    tree.write(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topospec", default=os.path.join(ROOT, ".build/debug/topospec"))
    ap.add_argument("--work", default=os.path.join(ROOT, ".build-nccl-sim/compare"))
    args = ap.parse_args()
    sim = os.environ.get("NCCL_SIM")
    if not sim or not os.access(sim, os.X_OK):
        sys.exit("set NCCL_SIM to the nccl-sim binary (../shared/tools/nccl-sim/build.sh builds it)")
    nccl_src = os.environ.get("NCCL_SRC", os.path.join(os.path.dirname(os.path.abspath(sim)), "nccl-src"))
    factors = tree_correction_factors(nccl_src)
    os.makedirs(args.work, exist_ok=True)
    # systems.yaml and the specs beside it (systems-*.yaml: runs whose cluster-wide `nccl:` settings differ).
    names, gpus_per_type, spec_of = {}, {}, {}
    for spec in sorted(glob.glob(os.path.join(FIXTURES, "systems*.yaml"))):
        n, g = read_spec(spec)
        names.update(n)
        gpus_per_type.update(g)
        spec_of.update({system: spec for system in g})

    def run(cmd, env=None):
        return subprocess.run(cmd, capture_output=True, text=True, env=None if env is None else {**os.environ, **env})

    emitted, sims, versions, out = {}, {}, set(), []

    def emit(system):
        spec = spec_of[system]
        if system not in emitted:
            xml = os.path.join(args.work, system + ".xml")
            r = run([args.topospec, "emit", "nccl-topo", spec, "--type", system, "-o", xml])
            emitted[system] = (xml, None, "") if r.returncode == 0 else (None, (r.stderr or r.stdout).strip(), "")
            if r.returncode != 0 and system in CPU_PLACEHOLDER:
                # The spec names no CPU for this type, so topospec refuses to write the <cpu> attributes NCCL
                # needs; emit from a copy that names a placeholder CPU (see CPU_PLACEHOLDER).
                cpu, why = CPU_PLACEHOLDER[system]
                text, current = [], None
                for line in open(spec):
                    m = re.match(r"^  ([a-z0-9-]+):\s*$", line)
                    current = m.group(1) if m else current
                    m = re.match(r"^    sockets: (\d+)\s*$", line)
                    if m and current == system:
                        line = f"    sockets: {{count: {m.group(1)}, cpu: {cpu}}}\n"
                    text.append(line)
                copy = os.path.join(args.work, system + "-placeholder-cpu.yaml")
                open(copy, "w").write("".join(text))
                r = run([args.topospec, "emit", "nccl-topo", copy, "--type", system, "-o", xml])
                if r.returncode == 0:
                    emitted[system] = (xml, None, f"placeholder CPU {cpu}: {why}")
        return emitted[system]

    def simulate(system, nodes, gpus, cc):
        key = (system, nodes, gpus)
        if key not in sims:
            xml, error, note = emit(system)
            if error:
                sims[key] = (None, None, "topospec emit refused: " + " ".join(error.split())[:160])
                return sims[key]
            if nodes > 1 and gpus < gpus_per_type[system]:
                part = os.path.join(args.work, f"{system}-{gpus}gpu.xml")
                keep_first_gpus(xml, part, gpus, system in OWN_NIC)
                xml = part
                if system in OWN_NIC:
                    note = (note + "; " if note else "") + OWN_NIC[system]
            env = SIM_ENV.get(system)
            no_nvls = ["--no-nvls"] if env and env.get("NCCL_NVLS_ENABLE") == "0" else []
            r = run([sim, xml, "--sm", str(cc), "--nranks", str(nodes * gpus)] + no_nvls, env=env)
            m = re.match(r"nccl-sim: (NCCL [^ ]+ \(commit [0-9a-f]+\))", r.stdout)
            if m:
                versions.add(m.group(1))
            table, facts = parse_sim(r.stdout, r.stderr)
            if r.returncode != 0 or not table:
                sims[key] = (None, None, "nccl-sim: " + facts["result"])
            else:
                facts["note"] = note
                sims[key] = (table, facts, None)
        return sims[key]

    header = ["split", "system", "op", "bytes", "nodes", "gpus", "regime", "measured", "topospec", "topospec/measured",
              "topospec_algo", "nccl", "nccl/measured", "nccl_algo", "note"]
    summary = {}
    for line in open(MEASUREMENTS):
        if line.startswith("#") or line.startswith("split\t"):
            continue
        split, system, op, nbytes, nodes, gpus, busbw, version, _ = line.rstrip("\n").split("\t")
        nbytes, nodes, gpus, busbw = int(nbytes), int(nodes), int(gpus), float(busbw)
        nranks = nodes * gpus
        group = regime(system, op, nodes)
        hosts = ",".join(names[system][:nodes])
        r = run([args.topospec, "collective", spec_of[system], "--op", op, "--nodes", hosts, "--gpus-per-node", str(gpus),
                 "--bytes", str(nbytes), "--format", "json"])
        ours = ours_algo = None
        m = re.search(r'"busbw_gbs"\s*:\s*([0-9.]+)', r.stdout)
        if m:
            ours = float(m.group(1))
            a = re.search(r'"algorithm"\s*:\s*"([^"]+)"', r.stdout)
            p = re.search(r'"protocol"\s*:\s*"([^"]+)"', r.stdout)
            ours_algo = f"{a.group(1) if a else '?'}/{p.group(1) if p else '?'}"
        cc = CC.get(system)
        nccl, nccl_algo, note = None, "", ""
        if version.startswith("RCCL") or cc is None:
            note = "not NCCL (RCCL on AMD GPUs)"
        elif op not in NCCL_FUNC:
            note = "no NCCL model: all-to-all is point-to-point send/recv, outside tuning.cc ncclTopoTuneModel"
        elif system == "cw-h100-sharp":
            note = "no NCCL figure: CollNet needs the SHARP plugin (collNetSupport); nccl-sim has none"
            table, facts, error = simulate(system, nodes, gpus, cc)
            choice = None if error else nccl_choice(table, facts, NCCL_FUNC[op], nbytes, nranks, cc, factors)
            if choice:
                without = nbytes / choice[0] / 1000.0 * bus_factor(op, nranks)
                note += f" (without CollNet NCCL predicts {without:.2f}, {without / busbw:.2f}x, {choice[1]})"
        elif system in ("gb200-tray", "cw-gb200-tray"):
            note = "no NCCL figure: an NVLink domain of several trays needs MNNVL cliques; nccl-sim has none"
        else:
            table, facts, error = simulate(system, nodes, gpus, cc)
            if error:
                note = error
            else:
                choice = nccl_choice(table, facts, NCCL_FUNC[op], nbytes, nranks, cc, factors)
                if choice:
                    nccl = nbytes / choice[0] / 1000.0 * bus_factor(op, nranks)
                    nccl_algo = choice[1]
                note = facts["note"]
        fmt = lambda v, d=2: "" if v is None else f"{v:.{d}f}"
        row = [split, system, op, str(nbytes), str(nodes), str(gpus), group, fmt(busbw), fmt(ours),
               fmt(ours / busbw if ours else None), ours_algo or "", fmt(nccl), fmt(nccl / busbw if nccl else None),
               nccl_algo, note]
        out.append("\t".join(row))
        s = summary.setdefault(group, {"n": 0, "ours": [], "nccl": [], "nccl_large": [], "ours_large": []})
        s["n"] += 1
        if ours:
            s["ours"].append(ours / busbw)
            if nbytes >= 128 << 20:
                s["ours_large"].append(ours / busbw)
        if nccl:
            s["nccl"].append(nccl / busbw)
            if nbytes >= 128 << 20:
                s["nccl_large"].append(nccl / busbw)

    print("# scripts/compare-nccl-model.py: measured busbw (GB/s) of Tests/Fixtures/collective/measurements.tsv, "
          "topospec's prediction and NCCL's own (nccl-sim: " + ", ".join(sorted(versions)) + ")")
    print("\t".join(header))
    print("\n".join(out))

    def within(ratios):
        if not ratios:
            return "-"
        k = sum(1 for x in ratios if abs(x - 1) <= 0.25)
        return f"{k} of {len(ratios)} ({min(ratios):.2f}-{max(ratios):.2f})"

    print("regime\tpoints\ttopospec all\ttopospec >=128MiB\tNCCL all\tNCCL >=128MiB", file=sys.stderr)
    for group, s in summary.items():
        print(f"{group}\t{s['n']}\t{within(s['ours'])}\t{within(s['ours_large'])}\t{within(s['nccl'])}\t"
              f"{within(s['nccl_large'])}", file=sys.stderr)


# Compute capability of each NVIDIA system's GPU (nccl-sim's --sm: NCCL reads it from CUDA),
# from the catalog SKU of its node type: H100/H200/H800/GH200 9.0, B200/GB200 10.0, A100 8.0,
# A40 8.6, RTX 5090 12.0, V100 7.0.
CC = {"lambda-b200": 100, "gcp-a3mega-tcpxo-2024": 90, "dgx-h100": 90, "hgx-h200": 90, "hgx-h800": 90, "hgx-b200": 100, "gcp-a4": 100, "gcp-a3mega": 90,
      "gb200-tray": 100, "dgx-a100": 80, "a40-bridged": 86, "rtx5090-8x": 120, "v100-pcie-4x": 70,
      "alps-gh200": 90, "aws-p5": 90, "cw-h100-sharp": 90, "cw-gb200-tray": 100, "a100-4hdr": 80}

# NCCL settings of a run that NCCL reads from the environment (tuning.cc parses NCCL_PROTO and NCCL_ALGO;
# nvls.cc NCCL_NVLS_ENABLE): Google's 2024 GPUDirect-TCPXO profile (GoogleCloudPlatform/
# container-engine-accelerators gpudirect-tcpxo/README.md, "Aug 06, 2024"), as its spec says with `nccl:`.
SIM_ENV = {"gcp-a3mega-tcpxo-2024": {"NCCL_PROTO": "Simple", "NCCL_ALGO": "Ring,Tree", "NCCL_NVLS_ENABLE": "0"}}

# Node types whose spec names no CPU (the source does not say it): topospec will not invent the <cpu>
# attributes NCCL needs, so the NCCL file is emitted from a copy naming a placeholder CPU, used only
# where the CPU cannot enter NCCL's answer.
CPU_PLACEHOLDER = {"a40-bridged": ("xeon-icelake", "the source names no CPU; the rows' 2-GPU ring is the NVLink bridge "
                                                   "GPU0-GPU1 and touches no CPU")}

# Node types with one NIC per GPU that the spec does not place on sockets (emit then hangs every NIC
# under socket 0, so GPU0 alone would see all of them as local): for rows with fewer GPUs than the
# node has, each used GPU keeps only its own NIC, as on the real node, where the others sit behind
# other sockets.
OWN_NIC = {"alps-gh200": "GPU0 with its own NIC hsn0 only (one Slingshot NIC per GH200; the spec places no NIC)"}

if __name__ == "__main__":
    main()

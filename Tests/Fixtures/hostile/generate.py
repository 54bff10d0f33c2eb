#!/usr/bin/env python3
"""Writes the hostile-input corpus: malformed specs, each with the exact diagnostic it must produce.

    python3 Tests/Fixtures/hostile/generate.py      # rewrites the .yaml files and expected.tsv

Every case is text (or bytes) with one `@@` marker where its diagnostic must point; the marker is
removed and its line and column (1-based; columns count characters, as libyaml does) go to
expected.tsv with the code and the exit status. Alias and merge-key bombs are positioned by
replaying topospec's expansion budget (1,000,000 extra nodes) over the text this script writes.
The 100 MB file is not here: Tests/TopoLintTests/HostileCorpusTests.swift makes it at test time.

Tests/TopoLintTests/HostileCorpusTests.swift lints every file and checks the first diagnostic's
code, line and column, the exit status, a time bound, and that nothing traps.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = b"@@"
ALIAS_BUDGET = 1_000_000
DEPTH_LIMIT = 128

BASE = """topospec: 1
cluster: hostile
node_types:
  hgx:
    gpus: {sku: h100-sxm5-80gb, count: 8}
    sockets: 2
    nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
    pcie:
      - {switch: pex0, socket: 0, gpus: [0, 1], nics: [cx0, cx1]}
      - {switch: pex1, socket: 0, gpus: [2, 3], nics: [cx2, cx3]}
      - {switch: pex2, socket: 1, gpus: [4, 5], nics: [cx4, cx5]}
      - {switch: pex3, socket: 1, gpus: [6, 7], nics: [cx6, cx7]}
    nics:
      "cx[0-7]": {sku: connectx-7, network: compute}
networks:
  compute: {fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 8}
nodes:
  "gpu[01-04]": {type: hgx, rack: r1}
jobs:
  train:
    nodes: "gpu[01-04]"
    parallelism: {tp: 8, pp: 2, dp: 2}
"""

cases = []  # (category, name, bytes with one marker, code, exit status)


def case(category, name, content, code, status=2):
    data = content.encode("utf-8") if isinstance(content, str) else content
    assert data.count(MARK) == 1, f"{category}/{name}: needs exactly one @@ marker"
    cases.append((category, name, data, code, status))


def edit(old, new, text=BASE):
    """The base spec with `old` (which must occur once) replaced by `new`."""
    assert text.count(old) == 1, f"`{old}` occurs {text.count(old)} times"
    return text.replace(old, new)


def without_pcie_nics(text):
    """Drops the NIC lists from the PCIe entries (so an error in `nics:` does not also make
    them unknown references, which come first in the file)."""
    import re
    return re.sub(r", nics: \[cx\d, cx\d\]", "", text)


def position(data):
    """Line and column of the marker, counted the way TopoYAML and libyaml count them."""
    before = data[: data.index(MARK)]
    line, column, i = 1, 1, 0
    if before.startswith(b"\xef\xbb\xbf"):
        i = 3
    while i < len(before):
        b = before[i]
        if b == 0x0A:
            line, column = line + 1, 1
        elif b == 0x0D:
            if i + 1 < len(before) and before[i + 1] == 0x0A:
                i += 1
            line, column = line + 1, 1
        elif b & 0xC0 != 0x80:
            column += 1
        i += 1
    return line, column


# ---------------------------------------------------------------------------------------------
# Alias and merge-key bombs: a small model of the YAML written below, and a replay of
# TreeBuilder's budget (YAMLParser.swift) over it to find where the limit is crossed.

class Scalar:
    def __init__(self, text):
        self.text = text


class Alias:
    def __init__(self, name):
        self.name = name


class Seq:
    def __init__(self, items, anchor=None):
        self.items, self.anchor = items, anchor


class Map:
    def __init__(self, pairs, anchor=None):
        self.pairs, self.anchor = pairs, anchor


def emit(node, out):
    """Appends flow-style YAML for `node` to `out` (a list of str), recording where each alias
    and each collection starts (the `&` of an anchored one, as libyaml's marks say)."""
    node.offset = sum(len(s) for s in out)
    if isinstance(node, Scalar):
        out.append(node.text)
    elif isinstance(node, Alias):
        out.append("*" + node.name)
    else:
        if node.anchor:
            out.append("&" + node.anchor + " ")
        if isinstance(node, Seq):
            out.append("[")
            for k, item in enumerate(node.items):
                if k:
                    out.append(", ")
                emit(item, out)
            out.append("]")
        else:
            out.append("{")
            for k, (key, value) in enumerate(node.pairs):
                if k:
                    out.append(", ")
                emit(key, out)
                out.append(": ")
                emit(value, out)
            out.append("}")


class Budget(Exception):
    def __init__(self, node):
        self.node = node


def replay(entries):
    """Replays the alias budget over a root block mapping of `entries` ([(key, node)]).
    Returns the node (Alias, or the merge source Map) where the budget runs out, or None."""
    anchors, anchored_size = {}, {}
    budget = [ALIAS_BUDGET]

    def slots(node):
        return len(node.items) if isinstance(node, Seq) else 2 * len(node.merged_keys)

    def expanded(node):
        if id(node) in anchored_size:
            return anchored_size[id(node)]
        return 1 if isinstance(node, Scalar) else 1 + slots(node)

    def build(node, parent):
        """Builds `node`; returns the resolved node (aliases resolve to their targets) and adds
        its size (plus merge copies credited to the parent frame) to `parent`."""
        if isinstance(node, Scalar):
            parent["size"] += 1
            return node
        if isinstance(node, Alias):
            target = anchors[node.name]
            cost = expanded(target)
            budget[0] -= cost
            if budget[0] < 0:
                raise Budget(node)
            parent["size"] += cost
            return target
        frame = {"size": 1}
        if isinstance(node, Seq):
            node.resolved = [build(item, frame) for item in node.items]
        else:
            resolved = [(build(k, frame), build(v, frame)) for k, v in node.pairs]
            keys = [k.text for k, _ in resolved if not (isinstance(k, Scalar) and k.text == "<<")]
            node.merged = [(k, v) for k, v in resolved if not (isinstance(k, Scalar) and k.text == "<<")]
            copies = 0
            for k, v in resolved:
                if not (isinstance(k, Scalar) and k.text == "<<"):
                    continue
                sources = [v] if isinstance(v, Map) else [s for s in getattr(v, "resolved", []) if isinstance(s, Map)]
                for source in sources:
                    for sk, sv in source.merged:
                        if sk.text in keys:
                            continue
                        copied = expanded(sk) + expanded(sv)
                        budget[0] -= copied
                        copies += copied
                        if budget[0] < 0:
                            raise Budget(source)
                        keys.append(sk.text)
                        node.merged.append((sk, sv))
            node.merged_keys = keys
            parent["size"] += copies
        if node.anchor:
            anchors[node.anchor] = node
            anchored_size[id(node)] = frame["size"]
        parent["size"] += frame["size"]
        return node

    root = {"size": 1}
    try:
        for key, node in entries:
            build(Scalar(key), root)
            build(node, root)
    except Budget as crossed:
        return crossed.node
    return None


def bomb(category, name, entries, prefix=""):
    """Writes `entries` as `key: flow-node` lines after `prefix` and marks where the budget runs
    out: an alias, or the mapping a merge copies from."""
    crossed = replay(entries)
    assert crossed is not None, f"{name}: the bomb stays under the budget"
    text = prefix
    for key, node in entries:
        out = [key + ": "]
        emit(node, out)
        line = "".join(out)
        if any(n is crossed for n in walk_emitted(node)):
            line = line[: crossed.offset] + "@@" + line[crossed.offset:]
        text += line + "\n"
    case(category, name, text, "TS003")


def walk_emitted(node):
    yield node
    if isinstance(node, Seq):
        for item in node.items:
            yield from walk_emitted(item)
    elif isinstance(node, Map):
        for k, v in node.pairs:
            yield from walk_emitted(k)
            yield from walk_emitted(v)


def laughs(width, levels, leaf="lol", mappings=False):
    entries = []
    for level in range(levels):
        if level == 0:
            children = [Scalar(leaf) for _ in range(width)]
        else:
            children = [Alias(f"a{level - 1}") for _ in range(width)]
        if mappings:
            node = Map([(Scalar(f"k{k}"), c) for k, c in enumerate(children)], anchor=f"a{level}")
        else:
            node = Seq(children, anchor=f"a{level}")
        entries.append((f"a{level}", node))
    return entries


# ---------------------------------------------------------------------------------------------
# YAML level

def yaml_cases():
    c = "yaml"
    bomb(c, "billion-laughs-9x9", laughs(9, 10))
    bomb(c, "laughs-2-wide-30-deep", laughs(2, 30))
    bomb(c, "laughs-100-wide", laughs(100, 5))
    bomb(c, "laughs-1000-wide", laughs(1000, 3))
    bomb(c, "laughs-mappings-9x9", laughs(9, 10, mappings=True))
    bomb(c, "laughs-mappings-16-wide", laughs(16, 8, mappings=True))
    bomb(c, "laughs-empty-scalars", laughs(9, 10, leaf="''"))
    bomb(c, "laughs-long-scalars", laughs(9, 10, leaf="x" * 200))
    big = Seq([Scalar(str(i)) for i in range(10_000)], anchor="big")
    bomb(c, "one-big-anchor-many-aliases", [("big", big)] + [(f"r{i}", Alias("big")) for i in range(120)])
    bomb(c, "laughs-after-valid-prefix", laughs(9, 10), prefix="topospec: 1\ncluster: c\n")
    bomb(c, "aliases-as-keys", laughs(9, 6) + [("k", Map([(Alias("a5"), Scalar("x"))] + [(Scalar(f"k{i}"), Alias("a5")) for i in range(3)]))])
    # Merge keys: `<<: [*m, *m, ...]` repeats the same source, each alias paid in full.
    m = laughs(9, 6)
    m.append(("m", Map([(Scalar(f"k{i}"), Alias("a4")) for i in range(2)], anchor="m")))
    m.append(("x", Map([(Scalar("<<"), Seq([Alias("m") for _ in range(5)]))])))
    bomb(c, "merge-list-of-one-mapping", m)
    # A merge whose copies cross the limit (reported at the mapping it copies from): aliases
    # fill the budget until the alias of the source still fits and copying its pairs does not.
    for extra in range(60):
        m = laughs(9, 6)
        m.append(("q", Seq([Alias("a4") for _ in range(4)] + [Alias("a3") for _ in range(extra)])))
        m.append(("src", Map([(Scalar(f"k{i}"), Alias("a3")) for i in range(2)], anchor="src")))
        m.append(("x", Map([(Scalar("<<"), Alias("src")), (Scalar("y"), Scalar("1"))])))
        if isinstance(replay(m), Map):
            break
    bomb(c, "merge-copies-cross-limit", m)
    # Chains of merges: each level merges the last and adds aliased values.
    m = laughs(9, 5)
    prev = None
    for level in range(12):
        pairs = [(Scalar(f"v{level}_{i}"), Alias("a4")) for i in range(3)]
        if prev:
            pairs.insert(0, (Scalar("<<"), Alias(prev)))
        m.append((f"m{level}", Map(pairs, anchor=f"m{level}")))
        prev = f"m{level}"
    bomb(c, "merge-chain", m)
    # Merges inside a nested spec: node_types entries built from a merged template.
    m = laughs(9, 6)
    m.append(("t", Map([(Scalar("gpus"), Alias("a4")), (Scalar("sockets"), Alias("a4"))], anchor="t")))
    m.append(("u", Map([(Scalar("<<"), Seq([Alias("t"), Alias("t")])), (Scalar("nvlink"), Alias("a5"))])))
    bomb(c, "merge-nested-template", m)

    # Nesting deeper than 128.
    deep = "[" * 100_000 + "]" * 100_000
    case(c, "flow-sequences-100000-deep", "[" * 128 + "@@" + deep[128:] + "\n", "TS004")
    case(c, "flow-mappings-100000-deep", "{a: " * 128 + "@@{a: " * 1 + "{a: " * 99_871 + "1" + "}" * 100_000 + "\n", "TS004")
    mixed = "".join("[{a: " if k % 2 else "[" for k in range(64))  # 96 levels
    case(c, "mixed-flow-100000-deep", mixed + "[" * 32 + "@@[" + "[" * 99_871 + "\n", "TS004")
    case(c, "nesting-in-description", "topospec: 1\ndescription: " + "[" * 127 + "@@[" + "[" * 99_872 + "]" * 100_000 + "\n", "TS004")
    block = "".join(" " * k + "k:\n" for k in range(128))
    case(c, "block-mappings-500-deep", block + " " * 128 + "@@k:\n" + "".join(" " * k + "k:\n" for k in range(129, 500)), "TS004")
    case(c, "block-sequences-300-deep", "- " * 128 + "@@- " * 1 + "- " * 171 + "x\n", "TS004")
    case(c, "nesting-129-just-over", "[" * 128 + "@@[" + "]" * 129 + "\n", "TS004")
    case(c, "nesting-at-limit-then-wrong-type", "topospec: 1\ncluster: c\nnode_types: {}\nnodes: {}\ndescription: @@" + "[" * 127 + "]" * 127 + "\n", "TS011")

    # Duplicate keys (the second occurrence is reported, the first is a note).
    case(c, "duplicate-top-level-key", edit("jobs:\n", "@@cluster: again\njobs:\n"), "TS002")
    case(c, "duplicate-node-type", edit("networks:\n", "  @@hgx: {gpus: {sku: t4, count: 1}}\nnetworks:\n"), "TS002")
    case(c, "duplicate-key-in-flow-mapping", edit("{sku: h100-sxm5-80gb, count: 8}", "{sku: h100-sxm5-80gb, count: 8, @@count: 8}"), "TS002")
    case(c, "duplicate-key-quoted-vs-plain", edit("jobs:\n", "@@\"cluster\": again\njobs:\n"), "TS002")
    case(c, "duplicate-key-single-quoted", edit('    nodes: "gpu[01-04]"\n', '    nodes: "gpu[01-04]"\n    @@\'nodes\': x\n'), "TS002")
    many = "".join(f"  n{i:03d}: {{type: hgx}}\n" for i in range(100))
    case(c, "duplicate-in-100-entry-mapping", edit('  "gpu[01-04]": {type: hgx, rack: r1}\n', many + "  @@n057: {type: hgx}\n"), "TS002")
    case(c, "duplicate-nic-entry", edit('      "cx[0-7]": {sku: connectx-7, network: compute}\n', '      "cx[0-7]": {sku: connectx-7, network: compute}\n      @@"cx[0-7]": {sku: connectx-7}\n'), "TS002")
    case(c, "duplicate-key-in-job", edit("    parallelism: {tp: 8, pp: 2, dp: 2}\n", "    parallelism: {tp: 8, pp: 2, dp: 2}\n    @@parallelism: {tp: 8}\n"), "TS002")
    case(c, "duplicate-empty-key", "topospec: 1\n\"\": a\n@@'': b\n", "TS002")

    # Tabs.
    case(c, "tab-indented-node", "topospec: 1\nnodes:\n@@\tn1: {}\n", "TS001")
    case(c, "tab-before-nested-key", edit("    sockets: 2\n", "@@\tsockets: 2\n"), "TS001")
    case(c, "tab-indent-in-list", edit("      - {switch: pex1", "    @@\t- {switch: pex1"), "TS001")

    # Byte-order marks.
    bom = b"\xef\xbb\xbf"
    case(c, "utf8-bom-then-error", bom + edit("topospec: 1", "topospec: @@yes").encode(), "TS014")
    case(c, "utf8-bom-then-unknown-key", bom + b"@@topospek: 1\n", "TS010")
    case(c, "utf16le-bom", b"@@\xff\xfet\x00o\x00p\x00", "TS005")
    case(c, "utf16be-bom", b"@@\xfe\xff\x00t\x00o", "TS005")
    case(c, "utf32le-bom", b"@@\xff\xfe\x00\x00t\x00\x00\x00", "TS005")
    case(c, "utf32be-bom", b"@@\x00\x00\xfe\xff\x00\x00\x00t", "TS005")
    case(c, "utf16le-no-bom", b"t@@\x00o\x00p\x00o\x00", "TS005")

    # CRLF and CR line ends.
    crlf = edit("    sockets: 2\n", "    sockets: @@0\n").replace("\n", "\r\n")
    case(c, "crlf-out-of-range", crlf, "TS012")
    case(c, "crlf-unknown-key", edit("    sockets: 2\n", "    @@socket: 2\n").replace("\n", "\r\n"), "TS010")
    case(c, "cr-only-line-ends", edit("    sockets: 2\n", "    sockets: @@-1\n").replace("\n", "\r"), "TS012")
    mixed = edit("    sockets: 2\n", "    sockets: @@two\n")
    mixed = "\r\n".join(mixed.split("\n")[:6]) + "\n" + "\n".join(mixed.split("\n")[6:])
    case(c, "mixed-line-ends", mixed, "TS011")
    case(c, "crlf-duplicate-key", ("topospec: 1\ncluster: a\n@@cluster: b\n").replace("\n", "\r\n"), "TS002")

    # Invalid UTF-8, NUL and control characters.
    for name, bad in [("lone-continuation", b"\x80"), ("overlong-slash", b"\xc0\xaf"), ("ff-byte", b"\xff"),
                      ("fe-byte", b"\xfe"), ("surrogate", b"\xed\xa0\x80"), ("above-u10ffff", b"\xf4\x90\x80\x80"),
                      ("truncated-3-byte", b"\xe2\x82 "), ("5-byte-form", b"\xf8\x88\x80\x80\x80")]:
        case(c, f"invalid-utf8-{name}-in-value", edit("cluster: hostile", "cluster: host@@").encode().replace(b"@@", b"@@" + bad), "TS005")
    case(c, "invalid-utf8-in-comment", (BASE + "# caf@@\xe9\n").encode("latin-1"), "TS005")
    case(c, "invalid-utf8-in-key", b"topospec: 1\n@@\xc3(: x\n", "TS005")
    case(c, "invalid-utf8-in-quoted", b'topospec: 1\ncluster: "ab@@\xe0\x80\x80"\n', "TS005")
    case(c, "invalid-utf8-after-multibyte", "topospec: 1\ncluster: \"héllo wörld @@".encode() + b"\xff\"\n", "TS005")
    case(c, "truncated-utf8-at-eof", b"topospec: 1\ncluster: x@@\xe2\x82", "TS005")
    case(c, "nul-in-key", b"topo@@\x00spec: 1\n", "TS005")
    case(c, "nul-in-value", edit("cluster: hostile", "cluster: ho@@\x00stile").encode(), "TS005")
    case(c, "nul-in-comment", (BASE + "# a comment @@\x00\n").encode(), "TS005")
    case(c, "nul-in-quoted-string", b'topospec: 1\ncluster: "a@@\x00b"\n', "TS005")
    case(c, "nul-at-end", BASE.encode() + b"@@\x00", "TS005")
    case(c, "nul-second-byte", b"t@@\x00opospec: 1\n", "TS005")
    for name, ch in [("soh", b"\x01"), ("bell", b"\x07"), ("backspace", b"\x08"), ("vertical-tab", b"\x0b"),
                     ("form-feed", b"\x0c"), ("escape", b"\x1b"), ("delete", b"\x7f"), ("c1-u0080", b"\xc2\x80"),
                     ("c1-u009b", b"\xc2\x9b")]:
        case(c, f"control-{name}", edit("cluster: hostile", "cluster: host@@").encode().replace(b"@@", b"@@" + ch), "TS005")
    case(c, "noncharacter-ufffe", "topospec: 1\ncluster: a@@\ufffe\n".encode(), "TS005")
    case(c, "binary-garbage", b"@@" + bytes((i * 2654435761 >> 7) & 0xFF for i in range(4096)), "TS005")

    # Multiple documents.
    case(c, "second-document", BASE + "@@---\n" + BASE, "TS006")
    case(c, "second-document-after-end-marker", BASE + "...\n@@---\ntopospec: 1\n", "TS006")
    case(c, "explicit-first-then-second", "---\n" + BASE + "@@--- \n{}\n", "TS006")
    case(c, "three-documents", "---\na: 1\n@@---\nb: 2\n---\nc: 3\n", "TS006")
    case(c, "two-empty-documents", "---\n@@---\n", "TS006")
    case(c, "document-after-directive", "%YAML 1.2\n---\ntopospec: 1\n...\n@@%YAML 1.2\n---\ntopospec: 1\n", "TS006")

    # Unclosed quotes and brackets, and other syntax errors (libyaml's mark).
    case(c, "unclosed-double-quote", "cluster: \"pod\ntopospec: 1\n@@", "TS001")
    case(c, "unclosed-single-quote", "topospec: 1\ncluster: 'pod\n@@", "TS001")
    case(c, "unclosed-quote-in-key", "topospec: 1\n\"cluster: pod\n@@", "TS001")
    case(c, "unclosed-flow-sequence", "topospec: 1\nnodes: [a, b\n@@", "TS001")
    case(c, "unclosed-flow-mapping", "topospec: 1\nnodes: {a: 1\n@@", "TS001")
    case(c, "unclosed-quote-at-eof", BASE + "description: \"never closed\n@@", "TS001")
    case(c, "mapping-value-in-plain", "topospec: 1\ncluster: a@@: b\n", "TS001")
    case(c, "bad-indentation", "topospec: 1\nnode_types:\n  a: 1\n @@b: 2\n", "TS001")
    case(c, "sequence-then-mapping", "- a\n@@b: c\n", "TS001")
    case(c, "unexpected-close-bracket", "topospec: 1\ncluster: a]\nnodes: @@]\n", "TS001")
    case(c, "anchor-without-name", "topospec: 1\ncluster: &@@ a\n", "TS001")
    case(c, "alias-without-name", "topospec: 1\ncluster: *@@ \n", "TS001")
    case(c, "yaml-2-directive", "@@%YAML 2.0\n---\na: 1\n", "TS001")
    case(c, "reserved-indicator", "topospec: 1\ncluster: @@@pod\n", "TS001")
    case(c, "backquote-indicator", "topospec: 1\ncluster: @@`pod`\n", "TS001")
    case(c, "block-scalar-bad-indent", "topospec: 1\ndescription: |\n    a\n  @@b\nc: 1\n", "TS001")
    case(c, "long-implicit-key", "topospec: 1\n" + "k" * 1100 + "@@: 1\n", "TS001")
    case(c, "flow-sequence-as-key", edit("networks:\n", "@@[a, b]: 1\nnetworks:\n"), "TS011")

    # Anchors and aliases that do not resolve.
    case(c, "undefined-alias", "topospec: @@*v\n", "TS009")
    case(c, "alias-before-anchor", "a: @@*b\nb: &b 1\n", "TS009")
    case(c, "recursive-alias", "a: &a [1, @@*a]\n", "TS009")
    case(c, "recursive-alias-in-mapping", "a: &a {b: {c: @@*a}}\n", "TS009")
    case(c, "merge-of-undefined", "a:\n  <<: @@*nothing\n", "TS009")
    # An alias is the node it names, so the error points at the anchored scalar, not the alias.
    case(c, "merge-of-scalar", "s: @@&s 1\na:\n  <<: *s\n", "TS011")
    case(c, "merge-list-with-scalar", "m: &m {a: 1}\nx: {<<: [*m, @@2]}\n", "TS011")

    # Empty files and roots that are not mappings.
    case(c, "empty-file", "@@", "TS007")
    case(c, "only-comments", "@@# nothing here\n# still nothing\n", "TS007")
    case(c, "only-whitespace", "@@   \n\n  \n", "TS007")
    case(c, "only-document-end", "@@...\n", "TS001")
    case(c, "null-root", "@@~\n", "TS007")
    case(c, "null-root-word", "@@null\n", "TS007")
    case(c, "list-root", "@@- topospec: 1\n", "TS008")
    case(c, "scalar-root", "@@hello\n", "TS008")
    case(c, "quoted-scalar-root", "@@\"topospec: 1\"\n", "TS008")
    case(c, "flow-list-root", "@@[topospec, 1]\n", "TS008")


# ---------------------------------------------------------------------------------------------
# Schema level

def schema_cases():
    c = "schema"
    # YAML 1.1 booleans.
    for word in ["no", "No", "NO", "off", "Off", "n", "N", "false"]:
        case(c, f"nvlink-{word}", edit("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", f"nvlink: @@{word}"), "TS014")
    for word in ["yes", "on", "Y", "ON"]:
        case(c, f"vm-{word}", edit("    nics:\n", f"    platform: {{vm: @@{word}}}\n    nics:\n"), "TS014")
    case(c, "sequence-parallel-yes", edit("    parallelism: {tp: 8, pp: 2, dp: 2}\n", "    parallelism: {tp: 8, pp: 2, dp: 2}\n    training: {sequence_parallel: @@yes}\n"), "TS014")
    case(c, "pcie-p2p-off", edit("    nics:\n", "    platform: {pcie_p2p: @@off}\n    nics:\n"), "TS014")
    case(c, "acs-on", edit("    nics:\n", "    platform: {acs: @@on}\n    nics:\n"), "TS014")
    case(c, "count-yes", edit("count: 8}", "count: @@yes}"), "TS014")
    case(c, "gbps-on", edit("gbps: 400", "gbps: @@on"), "TS014")
    case(c, "infinity-fabric-no", edit("    sockets: 2\n", "    sockets: 2\n    infinity_fabric: @@NO\n"), "TS014")
    # `mesh` takes `all` or a mapping: a YAML 1.1 word there is simply the wrong type.
    case(c, "mesh-no", edit("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "nvlink: {mesh: @@no}"), "TS011")
    case(c, "driver-unquoted-number", edit("    nics:\n", "    platform: {driver: @@550.40}\n    nics:\n"), "TS014")
    # Octal-looking numbers.
    for key, old, new in [("count", "count: 8}", "count: @@08}"), ("count-010", "count: 8}", "count: @@010}"),
                          ("socket", "socket: 0, gpus: [0, 1]", "socket: @@00, gpus: [0, 1]"), ("rails", "rails: 8", "rails: @@0755"),
                          ("gbps", "gbps: 400", "gbps: @@0400"), ("tp", "tp: 8", "tp: @@08"), ("sockets", "sockets: 2", "sockets: @@02"),
                          ("nvswitch-count", "count: 4}}", "count: @@04}}"), ("gpu-index", "gpus: [2, 3]", "gpus: [@@02, 3]"),
                          ("version", "topospec: 1", "topospec: @@01")]:
        case(c, f"octal-{key}", edit(old, new), "TS014")
    case(c, "octal-failed-gpu", edit("{type: hgx, rack: r1}", "{type: hgx, rack: r1, failed_gpus: [@@03]}"), "TS014")
    case(c, "octal-gbps-fraction", edit("gbps: 400", "gbps: @@0400.5"), "TS014")
    case(c, "octal-width", edit("{switch: pex0, socket: 0,", "{switch: pex0, width: @@016, socket: 0,"), "TS014")
    # Other integer spellings.
    for name, value in [("hex", "0x10"), ("octal-0o", "0o17"), ("underscore", "1_000"), ("float", "8.0"), ("fraction", "8.5"),
                        ("exponent", "1e3"), ("word", "eight"), ("with-unit", "8GB"), ("infinity", ".inf"), ("nan", ".nan"),
                        ("empty", ""), ("tilde", "~"), ("list", "[8]"), ("mapping", "{n: 8}"), ("quoted", '"8"'),
                        ("single-quoted", "'8'"), ("tagged-str", "!!str 8"), ("binary-tag", "!!binary AAAA")]:
        case(c, f"count-{name}", edit("count: 8}", f"count: @@{value}}}" if value else "count: @@}"), "TS011")
    case(c, "count-block-scalar", edit("    gpus: {sku: h100-sxm5-80gb, count: 8}\n", "    gpus:\n      sku: h100-sxm5-80gb\n      count: @@|\n        8\n"), "TS011")
    # Overflow and range.
    for name, value in [("twenty-digits", "99999999999999999999"), ("int64-max-plus-one", "9223372036854775808"),
                        ("int64-min-minus-one", "-9223372036854775809"), ("hundred-digits", "9" * 100)]:
        case(c, f"overflow-{name}", edit("count: 8}", f"count: @@{value}}}"), "TS012")
    case(c, "overflow-socket", edit("socket: 1, gpus: [4, 5]", "socket: @@9223372036854775807, gpus: [4, 5]"), "TS020")
    case(c, "overflow-gbps-exponent", edit("gbps: 400", "gbps: @@1e309"), "TS011")
    case(c, "overflow-params", edit("    parallelism: {tp: 8, pp: 2, dp: 2}\n", "    parallelism: {tp: 8, pp: 2, dp: 2}\n    model: {params: @@1e400B}\n"), "TS011")
    case(c, "params-too-large", edit("    parallelism: {tp: 8, pp: 2, dp: 2}\n", "    parallelism: {tp: 8, pp: 2, dp: 2}\n    model: {params: @@100000T}\n"), "TS012")
    case(c, "hidden-over-2-40", edit("    parallelism: {tp: 8, pp: 2, dp: 2}\n", "    parallelism: {tp: 8, pp: 2, dp: 2}\n    model: {params: 7B, hidden: @@1099511627777}\n"), "TS012")
    case(c, "tp-over-2-20", edit("tp: 8", "tp: @@1048577"), "TS012")
    case(c, "gpu-count-1025", edit("count: 8}", "count: @@1025}"), "TS012")
    case(c, "gpu-count-billion", edit("count: 8}", "count: @@1000000000}"), "TS012")
    case(c, "traffic-over-1e18", edit("    parallelism: {tp: 8, pp: 2, dp: 2}\n", "    parallelism: {tp: 8, pp: 2, dp: 2}\n    traffic: {dp: @@1e19}\n"), "TS012")
    # Zero and negative counts.
    for name, old, new in [("gpu-count-zero", "count: 8}", "count: @@0}"), ("gpu-count-negative", "count: 8}", "count: @@-1}"),
                           ("gpu-count-minus-zero", "count: 8}", "count: @@-0}"), ("sockets-zero", "sockets: 2", "sockets: @@0"),
                           ("sockets-65", "sockets: 2", "sockets: @@65"), ("nvswitch-count-zero", "count: 4}}", "count: @@0}}"),
                           ("rails-zero", "rails: 8", "rails: @@0"), ("tp-zero", "tp: 8", "tp: @@0"), ("dp-negative", "dp: 2}", "dp: @@-4}"),
                           ("pp-negative", "pp: 2", "pp: @@-2"), ("gbps-zero", "gbps: 400", "gbps: @@0"), ("gbps-negative", "gbps: 400", "gbps: @@-400"),
                           ("socket-negative", "socket: 0, gpus: [0, 1]", "socket: @@-1, gpus: [0, 1]"), ("gpu-index-negative", "gpus: [2, 3]", "gpus: [@@-2, 3]"),
                           ("version-zero", "topospec: 1", "topospec: @@0"), ("version-negative", "topospec: 1", "topospec: @@-1")]:
        case(c, name, edit(old, new), "TS012" if not name.startswith("version-zero") else "TS015")
    job = "    parallelism: {tp: 8, pp: 2, dp: 2}\n"
    for name, extra in [("gpus-per-node-zero", "    gpus_per_node: @@0\n"), ("zero-stage-4", "    training: {zero: @@4}\n"),
                        ("layers-zero", "    model: {params: 7B, layers: @@0}\n"), ("micro-zero", "    batch: {micro: @@0}\n"),
                        ("heads-negative", "    model: {params: 7B, heads: @@-8}\n"), ("params-zero", "    model: {params: @@0}\n"),
                        ("traffic-negative", "    traffic: {tp: @@-1}\n")]:
        case(c, name, edit(job, job + extra), "TS012")
    for name, old, new in [("gen-zero", "{switch: pex0, socket: 0,", "{switch: pex0, gen: @@0, socket: 0,"),
                           ("gen-seven", "{switch: pex0, socket: 0,", "{switch: pex0, gen: @@7, socket: 0,"),
                           ("width-three", "{switch: pex0, socket: 0,", "{switch: pex0, width: @@3, socket: 0,"),
                           ("width-64", "{switch: pex0, socket: 0,", "{switch: pex0, width: @@64, socket: 0,"),
                           ("rail-negative", "network: compute}", "network: compute, rail: @@-1}"),
                           ("tier-radix-zero", "rails: 8}", "rails: 8, tiers: [{radix: @@0}]}"),
                           ("tier-count-zero", "rails: 8}", "rails: 8, tiers: [{radix: 64, count: @@0}]}"),
                           ("socket-link-zero", "sockets: 2", "sockets: {count: 2, link_gbs: @@0}")]:
        case(c, name, edit(old, new), "TS012")
    # Version.
    case(c, "version-2", edit("topospec: 1", "topospec: @@2"), "TS015")
    case(c, "version-huge", edit("topospec: 1", "topospec: @@99999999999"), "TS015")
    case(c, "version-quoted", edit("topospec: 1", "topospec: @@\"1\""), "TS011")
    case(c, "version-float", edit("topospec: 1", "topospec: @@1.0"), "TS011")
    # Hostlists.
    n = '  "gpu[01-04]": {type: hgx, rack: r1}\n'
    for name, key, code in [("billion-names", '"@@n[1-1000000000]"', "TS016"), ("reversed", '"n[@@9-1]"', "TS016"),
                            ("reversed-padded", '"n[@@010-001]"', "TS016"), ("unclosed-bracket", '"n[1-@@2"', "TS016"),
                            ("close-without-open", '"n@@]1["', "TS016"), ("nested-brackets", '"n[@@[1-2]]"', "TS016"),
                            ("empty-brackets", '"n[@@]"', "TS016"), ("empty-range", '"n[1,@@,2]"', "TS016"),
                            ("letters-in-range", '"n[@@a-b]"', "TS016"), ("thirteen-digits", '"n[0-@@9999999999999]"', "TS016"),
                            ("twelve-digit-range", '"@@n[0-999999999999]"', "TS016"), ("product-over-limit", '"@@n[1-1024]m[1-1025]"', "TS016"),
                            ("product-overflow", '"@@a[1-999999999999]b[1-999999999999]c[1-999999999999]"', "TS016"),
                            ("sum-over-limit", '"a[1-1000000],@@b[1-48577]"', "TS016"), ("empty-name", '"a,@@,b"', "TS016"),
                            ("leading-comma", '"@@,a"', "TS016"), ("non-ascii", '"n@@\u00f6[1-2]"', "TS016"),
                            ("space-in-name", '"n@@ 1"', "TS016"), ("dash-only", '"n[@@-]"', "TS016"),
                            ("double-dash", '"n[1-@@2-3]"', "TS016")]:
        body = "{type: hgx}"
        case(c, f"hostlist-{name}", edit(n, f"  {key}: {body}\n"), code)
    case(c, "hostlist-plain-reversed", edit(n, "  n[@@5-2]: {type: hgx}\n"), "TS016")
    case(c, "hostlist-rack-reversed", edit("rack: r1", 'rack: "r[@@2-1]"'), "TS016")
    case(c, "hostlist-job-billion", edit('    nodes: "gpu[01-04]"\n', '    nodes: "@@gpu[1-2000000000]"\n'), "TS016")
    case(c, "hostlist-nic-reversed", without_pcie_nics(edit('"cx[0-7]"', '"cx[@@7-0]"')), "TS016")
    case(c, "hostlist-device-unclosed", edit("network: compute}", 'network: compute, device: "mlx5_[0-@@7"}'), "TS016")
    case(c, "hostlist-exception-reversed", edit("{type: hgx, rack: r1}", '{type: hgx, rack: r1, exceptions: {"gpu[@@04-01]": {state: drain}}}'), "TS016")
    case(c, "hostlist-domain-billion", edit("networks:\n", "networks:\n").replace("jobs:\n", 'nvlink_domains:\n  "@@d[1-1000000000]": {nodes: "gpu[01-04]", switches: {sku: nvswitch-gen4, count: 18}}\njobs:\n'), "TS016")
    # 30,000 bracket groups (once a stack overflow: one recursion level per group) and names
    # whose characters add up past 64 Mi (once gigabytes of memory from a 200 KB file).
    case(c, "hostlist-30000-bracket-groups", edit("rack: r1", 'rack: @@"r' + "[1]" * 30_000 + '[1-3]"'), "TS024")
    case(c, "hostlist-long-literal", edit("rack: r1", 'rack: "@@r' + "x" * 200_000 + '[1-1000000]"'), "TS016")
    case(c, "hostlist-million-long-names", edit("rack: r1", 'rack: "@@' + "r" * 100 + '[1-1048576]"'), "TS016")
    # Amplification: a short hostlist or `count` standing for millions of things must not cost
    # millions of diagnostics, quadratic time or unbounded memory.
    head = "topospec: 1\ncluster: amp\nnode_types:\n  t: {gpus: {sku: t4, count: 1}}\nnodes:\n"
    case(c, "exceptions-20000-strangers", head + '  "n[1-5000]": {type: t, exceptions: {@@"x[1-20000]": {state: down}}}\n', "TS020")
    nic_head = "topospec: 1\ncluster: amp\nnetworks:\n  ib: {fabric: infiniband, gbps: 400}\nnode_types:\n  t:\n    gpus: {sku: h100-sxm5-80gb, count: 8}\n    nics:\n"
    case(c, "nics-100000", nic_head + '      @@"cx[1-100000]": {sku: connectx-7, network: ib}\nnodes:\n  "n[1-16]": {type: t}\n', "TS012")
    case(c, "nics-1025", nic_head + '      "cx[1-1000]": {sku: connectx-7, network: ib}\n      @@"ib[1-25]": {sku: connectx-7, network: ib}\nnodes:\n  n1: {type: t}\n', "TS012")
    case(c, "nics-500-declared-twice", nic_head + '      "cx[1-500]": {sku: connectx-7, network: ib}\n      @@"cx[1-250],cx[251-500]": {sku: connectx-7, network: ib}\nnodes:\n  n1: {type: t}\n', "TS021")
    types = "".join(f"  t{i}: {{gpus: {{sku: t4, count: 1024}}}}\n" for i in range(4))
    case(c, "node-types-past-device-pairs", "topospec: 1\ncluster: amp\nnode_types:\n" + types + "  @@t4: {gpus: {sku: t4, count: 1}}\nnodes:\n  n1: {type: t0}\n", "TS012")
    case(c, "nodes-1000-declared-twice", head + '  "n[1-1000]": {type: t}\n  @@"n[1-500],n[501-1000]": {type: t}\n', "TS021")
    domains = ("topospec: 1\ncluster: amp\nnode_types:\n  t: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}\nnodes:\n  \"n[1-1000]\": {type: t}\n"
               "nvlink_domains:\n  d1: {nodes: \"n[1-1000]\", switches: {sku: nvswitch-gen4, count: 18}}\n"
               "  d2: {nodes: @@\"n[1-1000]\", switches: {sku: nvswitch-gen4, count: 18}}\n")
    case(c, "domain-1000-nodes-twice", domains, "TS023")
    jobs = ("topospec: 1\ncluster: amp\nnode_types:\n  t: {gpus: {sku: t4, count: 1024}}\nnodes:\n  \"n[1-4096]\": {type: t}\njobs:\n"
            "  all: {nodes: \"n[1-4096]\", parallelism: {dp: auto}}\n  more: {nodes: @@n1, parallelism: {dp: auto}}\n")
    case(c, "jobs-past-4194304-gpus", jobs, "TS012")
    # Self-references and cycles in the PCIe parent chain.
    tree = "      - {switch: pex0, socket: 0, gpus: [0, 1], nics: [cx0, cx1]}\n"
    case(c, "pcie-self-parent", edit(tree, "      - {switch: pex0, parent: @@pex0, gpus: [0, 1], nics: [cx0, cx1]}\n"), "TS022")
    two = edit(tree, "      - {switch: pex0, parent: @@pex9, gpus: [0, 1], nics: [cx0, cx1]}\n      - {switch: pex9, parent: pex0}\n")
    case(c, "pcie-two-cycle", two, "TS022")
    three = edit(tree, "      - {switch: pex0, parent: @@pexa, gpus: [0, 1], nics: [cx0, cx1]}\n      - {switch: pexa, parent: pexb}\n      - {switch: pexb, parent: pex0}\n")
    case(c, "pcie-three-cycle", three, "TS022")
    tail = edit(tree, "      - {switch: pex0, parent: pexa, gpus: [0, 1], nics: [cx0, cx1]}\n      - {switch: pexa, parent: @@pexb}\n      - {switch: pexb, parent: pexa}\n")
    case(c, "pcie-cycle-with-tail", tail, "TS022")
    ring = "".join(f"      - {{switch: r{i}, parent: {'@@' if i == 0 else ''}r{(i + 1) % 50}}}\n" for i in range(50))
    case(c, "pcie-fifty-cycle", edit(tree, tree + ring), "TS022")
    case(c, "pcie-unknown-parent", edit(tree, "      - {switch: pex0, parent: @@pexz, gpus: [0, 1], nics: [cx0, cx1]}\n"), "TS020")
    case(c, "pcie-host-bridge-with-parent", edit(tree, tree + "      - {host_bridge: hb, socket: 0, parent: @@pex0}\n"), "TS023")
    case(c, "pcie-socket-and-parent", edit(tree, tree + "      - {switch: sw9, socket: 0, parent: @@pex0}\n"), "TS023")
    case(c, "pcie-neither-kind", edit(tree, tree + "      - @@{socket: 0}\n"), "TS013")
    case(c, "pcie-both-kinds", edit(tree, tree + "      - @@{switch: a, host_bridge: b, socket: 0}\n"), "TS023")
    case(c, "pcie-switch-no-socket", edit(tree, tree + "      - @@{switch: sw9}\n"), "TS013")
    case(c, "pcie-duplicate-name", edit(tree, tree + "      - {switch: @@pex0, socket: 1}\n"), "TS021")
    # Unknown keys, references and names.
    case(c, "unknown-top-level-key", edit("networks:\n", "@@node_type: {}\nnetworks:\n"), "TS010")
    case(c, "unknown-key-nvlinks", edit("    nvlink: {", "    @@nvlinks: {"), "TS010")
    case(c, "unknown-key-in-gpus", edit("count: 8}", "count: 8, @@skus: x}"), "TS010")
    case(c, "unknown-key-in-job", edit("    parallelism:", "    @@paralelism:"), "TS010")
    case(c, "unknown-gpu-sku", edit("sku: h100-sxm5-80gb", "sku: @@h100-sxm5-80g"), "TS020")
    case(c, "unknown-nvswitch", edit("sku: nvswitch-gen3", "sku: @@nvswitch-gen9"), "TS020")
    case(c, "unknown-nic-sku", without_pcie_nics(edit("sku: connectx-7", "sku: @@connectx-70")), "TS020")
    case(c, "unknown-network", edit("network: compute}", "network: @@compte}"), "TS020")
    case(c, "unknown-node-type", edit("{type: hgx, rack: r1}", "{type: @@hgz, rack: r1}"), "TS020")
    case(c, "unknown-nic-in-pcie", edit("nics: [cx0, cx1]", "nics: [cx0, @@cx9]"), "TS020")
    case(c, "gpu-index-out-of-range", edit("gpus: [6, 7]", "gpus: [6, @@8]"), "TS020")
    case(c, "socket-out-of-range", edit("socket: 1, gpus: [4, 5]", "socket: @@2, gpus: [4, 5]"), "TS020")
    case(c, "failed-gpu-out-of-range", edit("{type: hgx, rack: r1}", "{type: hgx, rack: r1, failed_gpus: [@@8]}"), "TS020")
    case(c, "failed-nic-unknown", edit("{type: hgx, rack: r1}", "{type: hgx, rack: r1, failed_nics: [@@cx8]}"), "TS020")
    case(c, "exception-not-member", edit("{type: hgx, rack: r1}", "{type: hgx, rack: r1, exceptions: {@@gpu05: {state: down}}}"), "TS020")
    case(c, "job-undeclared-node", edit('    nodes: "gpu[01-04]"\n', '    nodes: @@"gpu[01-05]"\n'), "TS020")
    case(c, "missing-nodes-key", "@@" + edit('nodes:\n  "gpu[01-04]": {type: hgx, rack: r1}\njobs:\n  train:\n    nodes: "gpu[01-04]"\n    parallelism: {tp: 8, pp: 2, dp: 2}\n', ""), "TS013")
    case(c, "missing-type", edit("{type: hgx, rack: r1}", "@@{rack: r1}"), "TS013")
    case(c, "missing-gpus", edit("  hgx:\n    gpus: {sku: h100-sxm5-80gb, count: 8}\n", "  hgx:\n    @@sockets: 1\n").replace("    sockets: 2\n", "", 1), "TS013")
    case(c, "missing-sku", edit("{sku: h100-sxm5-80gb, count: 8}", "@@{count: 8}"), "TS013")
    case(c, "missing-host-bridge-socket", edit(tree, tree + "      - @@{host_bridge: hb}\n"), "TS013")
    case(c, "wrong-type-node-types-list", "topospec: 1\ncluster: c\nnode_types: @@[a, b]\nnodes: {}\n", "TS011")
    case(c, "wrong-type-nodes-scalar", edit('nodes:\n  "gpu[01-04]": {type: hgx, rack: r1}\n', "nodes: @@5\n").replace("jobs:\n  train:\n    nodes: \"gpu[01-04]\"\n    parallelism: {tp: 8, pp: 2, dp: 2}\n", ""), "TS011")
    case(c, "wrong-type-pcie-mapping", edit("    pcie:\n" + "".join(BASE.split("    pcie:\n")[1].split("    nics:\n")[0]), "    pcie: @@{switch: a, socket: 0}\n"), "TS011")
    case(c, "wrong-type-complex-key", edit("networks:\n", "networks:\n  ? @@[a, b]\n  : {fabric: roce}\n"), "TS011")
    case(c, "wrong-type-gpus-string", edit("{sku: h100-sxm5-80gb, count: 8}", "@@\"h100 x8\""), "TS011")
    case(c, "wrong-type-parallelism-list", edit("{tp: 8, pp: 2, dp: 2}", "@@[8, 2, 2]"), "TS011")
    case(c, "invalid-cluster-name-space", edit("cluster: hostile", "cluster: @@\"pod a\""), "TS017")
    case(c, "invalid-cluster-name-dash", edit("cluster: hostile", "cluster: @@-pod"), "TS017")
    case(c, "invalid-cluster-name-unicode", edit("cluster: hostile", "cluster: @@p\u00f6d"), "TS017")
    case(c, "invalid-node-type-name", edit("  hgx:\n", "  @@.hgx:\n").replace("{type: hgx,", "{type: .hgx,"), "TS017")
    case(c, "invalid-job-name", edit("  train:\n", "  @@_train:\n"), "TS017")
    # Conflicts and duplicates.
    case(c, "gpu-under-two-switches", edit("gpus: [2, 3]", "gpus: [@@1, 3]"), "TS023")
    case(c, "nic-under-two-switches", edit("nics: [cx2, cx3]", "nics: [@@cx1, cx3]"), "TS023")
    case(c, "nvlink-and-infinity-fabric", edit("    sockets: 2\n", "    sockets: 2\n    @@infinity_fabric: {mesh: all}\n"), "TS023")
    case(c, "nvswitch-under-infinity-fabric", edit("    nvlink: {nvswitch:", "    infinity_fabric: {@@nvswitch:"), "TS023")
    case(c, "gpu-in-two-bridge-groups", edit("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "nvlink: {bridges: [[0, 1], @@[1, 2]]}"), "TS023")
    case(c, "link-listed-twice", edit("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "nvlink: {links: [{gpus: [0, 1]}, @@{gpus: [1, 0]}]}"), "TS023")
    case(c, "link-to-itself", edit("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "nvlink: {links: [{gpus: [0, @@0]}]}"), "TS023")
    case(c, "external-domain-with-switch", edit("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}, domain: @@external}"), "TS023")
    case(c, "bus-ids-count", edit("{sku: h100-sxm5-80gb, count: 8}", "{sku: h100-sxm5-80gb, count: 8, bus_ids: @@[\"0000:18:00.0\"]}"), "TS023")
    case(c, "bus-id-for-eight-nics", edit("network: compute}", "network: compute, bus_id: @@\"0000:18:00.0\"}"), "TS023")
    case(c, "device-count-mismatch", edit("network: compute}", "network: compute, device: @@\"mlx5_[0-3]\"}"), "TS023")
    case(c, "job-node-twice", edit('    nodes: "gpu[01-04]"\n', '    nodes: @@"gpu[01-04],gpu02"\n'), "TS023")
    case(c, "node-in-two-domains", edit("  hgx:\n", "  hgx:\n").replace("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "nvlink: {domain: external}").replace("sku: h100-sxm5-80gb", "sku: gb200").replace("jobs:\n", 'nvlink_domains:\n  d1: {nodes: "gpu[01-04]", switches: {sku: nvswitch-gen4, count: 18}}\n  d2: {nodes: @@"gpu[03-04]", switches: {sku: nvswitch-gen4, count: 18}}\njobs:\n'), "TS023")
    case(c, "node-declared-twice", edit('  "gpu[01-04]": {type: hgx, rack: r1}\n', '  "gpu[01-04]": {type: hgx, rack: r1}\n  @@gpu03: {type: hgx}\n'), "TS021")
    case(c, "overlapping-hostlists", edit('  "gpu[01-04]": {type: hgx, rack: r1}\n', '  "gpu[01-04]": {type: hgx, rack: r1}\n  @@"gpu[04-08]": {type: hgx}\n'), "TS021")
    case(c, "nic-declared-twice", edit('      "cx[0-7]": {sku: connectx-7, network: compute}\n', '      "cx[0-7]": {sku: connectx-7, network: compute}\n      @@cx3: {sku: connectx-7}\n'), "TS021")
    case(c, "hardware-reuses-builtin", "topospec: 1\ncluster: c\nhardware:\n  gpus:\n    @@h100-sxm5-80gb: {vendor: nvidia, form_factor: sxm, memory_gb: 80, host: pcie-gen5-x16}\nnode_types: {}\nnodes: {}\n", "TS021")
    case(c, "rack-blocks-uneven", edit("rack: r1", 'rack: @@"r[1-3]"'), "TS024")
    case(c, "domain-blocks-uneven", edit("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "nvlink: {domain: external}").replace("sku: h100-sxm5-80gb", "sku: gb200").replace("jobs:\n", 'nvlink_domains:\n  @@"d[1-3]": {nodes: "gpu[01-04]", switches: {sku: nvswitch-gen4, count: 18}}\njobs:\n'), "TS024")


# ---------------------------------------------------------------------------------------------
# Semantic contradictions: well-formed specs describing impossible hardware or jobs (rule
# errors, exit status 1).

def semantic_cases():
    c = "semantic"
    ws = """topospec: 1
cluster: ws
node_types:
  ws:
    gpus: {sku: rtx-4090, count: 2}
    sockets: 1
    nvlink: none
    pcie:
      - {host_bridge: cpu0, socket: 0, gpus: [0, 1]}
    platform: {pcie_p2p: disabled}
nodes:
  ws01: {type: ws}
"""
    case(c, "nvlink-bridge-on-rtx4090", edit("    nvlink: none\n", "    @@nvlink: {bridges: [[0, 1]]}\n", ws), "TS101", 1)
    case(c, "nvswitch-on-pcie-cards", edit("    nvlink: none\n", "    @@nvlink: {nvswitch: {sku: nvswitch-gen3, count: 1}}\n", ws), "TS101", 1)
    case(c, "bridge-on-sxm", edit("nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "nvlink: {bridges: [@@[0, 1], [2, 3], [4, 5], [6, 7]]}"), "TS103", 1)
    case(c, "parallelism-product", edit("    parallelism: {tp: 8, pp: 2, dp: 2}", "    @@parallelism: {tp: 8, pp: 2, dp: 3}"), "TS113", 1)
    case(c, "nic-over-model-speed", edit('      "cx[0-7]": {sku: connectx-7, network: compute}', '      @@"cx[0-7]": {sku: connectx-7, network: compute, gbps: 800}'), "TS111", 1)
    case(c, "nic-wrong-fabric", edit('      "cx[0-7]": {sku: connectx-7, network: compute}', '      @@"cx[0-7]": {sku: connectx-7, network: compute}').replace("fabric: infiniband", "fabric: efa"), "TS116", 1)
    case(c, "tier-over-radix", edit("rails: 8}", "rails: 8,\n            tiers: [@@{name: leaf, radix: 64, down: 40, up: 32}]}"), "TS117", 1)
    case(c, "too-many-nvswitch-chips", edit("    nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "    nvlink: {nvswitch: @@{sku: nvswitch-gen3, count: 2}}"), "TS109", 1)
    case(c, "nvswitch-generation-mismatch", edit("    nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}", "    nvlink: {nvswitch: @@{sku: nvswitch-gen4, count: 4}}"), "TS108", 1)
    case(c, "ep-not-dividing-dp", edit("    parallelism: {tp: 8, pp: 2, dp: 2}", "    @@parallelism: {tp: 8, pp: 2, dp: 2, ep: 3}"), "TS120", 1)
    case(c, "job-on-drained-node", edit("{type: hgx, rack: r1}", "{type: hgx, rack: r1, exceptions: {gpu02: {state: drain}}}").replace('    nodes: "gpu[01-04]"', '    nodes: @@"gpu[01-04]"'), "TS119", 1)
    case(c, "job-on-failed-gpu", edit("{type: hgx, rack: r1}", "{type: hgx, rack: r1, exceptions: {gpu02: {failed_gpus: [3]}}}").replace("dp: 2}", "dp: 2}\n    gpus_per_node: @@8"), "TS119", 1)
    case(c, "model-does-not-fit", edit("    parallelism: {tp: 8, pp: 2, dp: 2}\n", "    parallelism: {tp: 8, pp: 2, dp: 2}\n    @@model: {params: 2T, layers: 80, hidden: 8192}\n"), "TS125", 1)
    case(c, "mixed-nvlink-skus", edit("    gpus: {sku: h100-sxm5-80gb, count: 8}\n", "    gpus: [{sku: h100-sxm5-80gb, count: 4}, {sku: h200-sxm-141gb, count: 4}]\n").replace("    nvlink: {nvswitch: {", "    nvlink: {nvswitch: @@{"), "TS106", 1)
    case(c, "nvlink-on-mi300x", "topospec: 1\ncluster: amd\nnode_types:\n  mi:\n    gpus: {sku: mi300x, count: 8}\n    @@nvlink: {mesh: all}\nnodes:\n  n1: {type: mi}\n", "TS110", 1)
    case(c, "pcie-gen5-slot-for-gen4-card", edit("      - {host_bridge: cpu0, socket: 0, gpus: [0, 1]}", "      - {host_bridge: @@cpu0, socket: 0, gen: 5, gpus: [0, 1]}", ws), "TS112", 1)
    case(c, "bridge-group-too-large", "topospec: 1\ncluster: b\nnode_types:\n  w:\n    gpus: {sku: rtx-3090, count: 3}\n    nvlink: {bridges: [@@[0, 1, 2]]}\nnodes:\n  n1: {type: w}\n", "TS104", 1)
    case(c, "too-many-links-v100", "topospec: 1\ncluster: v\nnode_types:\n  d:\n    gpus: {sku: v100-sxm2-32gb, count: 4}\n    @@nvlink: {links: [{gpus: [0, 1], count: 3}, {gpus: [0, 2], count: 2}, {gpus: [0, 3], count: 2}]}\nnodes:\n  n1: {type: d}\n", "TS102", 1)


# ---------------------------------------------------------------------------------------------
# Injection (issue 12): strings that would end a line, steer a terminal or start an option in a
# generated file (env files, Slurm conf, Kubernetes scripts, NCCL XML, reports), refused when
# the spec is decoded; line separators that libyaml reads as line breaks; PCIe chains past the
# depth bound. Appended after the others so earlier case numbers stay.

def injection_cases():
    c = "schema"
    platform = lambda value: edit("    nics:\n", f"    platform: {{{value}}}\n    nics:\n")
    case(c, "socket-ifname-newline", platform('socket_ifname: @@"eth0\\nLD_PRELOAD=/tmp/x.so"'), "TS005")
    case(c, "socket-ifname-carriage-return", platform('socket_ifname: @@"eth0\\rX=1"'), "TS005")
    case(c, "socket-ifname-semicolon", platform('socket_ifname: @@"eth0;id"'), "TS017")
    case(c, "socket-ifname-dollar", platform('socket_ifname: @@"$(id)"'), "TS017")
    case(c, "socket-ifname-sixteen-chars", platform('socket_ifname: @@"abcdefghijklmnop"'), "TS017")
    case(c, "socket-ifname-dot-dot", platform('socket_ifname: @@".."'), "TS017")
    case(c, "driver-newline", platform('driver: @@"550.54\\nX=1"'), "TS005")
    case(c, "driver-word", platform('driver: @@"latest"'), "TS017")
    described = lambda value: edit("cluster: hostile\n", f"cluster: hostile\ndescription: @@{value}\n")
    case(c, "description-clear-screen", described('"ok\\e[2J\\e[Hno findings"'), "TS005")
    case(c, "description-osc52-clipboard", described('"\\e]52;c;ZWNobyBoaQ==\\a"'), "TS005")
    case(c, "description-nul", described('"a\\0b"'), "TS005")
    case(c, "description-escaped-line-separator", described('"a\\Lb"'), "TS005")
    case(c, "description-escaped-next-line", described('"a\\Nb"'), "TS005")
    case(c, "description-bidi-override", described('"abc\\u202Edef"'), "TS005")
    case(c, "description-github-command", described('"x\\n::add-mask::secret"'.replace("\\n", "\\x0b")), "TS005")
    case(c, "node-type-description-escape", edit("    sockets: 2\n", '    description: @@"\\x1b[31mred"\n    sockets: 2\n'), "TS005")
    case(c, "node-name-leading-dash", edit('  "gpu[01-04]": {type: hgx, rack: r1}\n', '  "gpu[01-04]": {type: hgx, rack: r1}\n  @@"--all": {type: hgx}\n'), "TS017")
    case(c, "node-name-leading-dot", edit('  "gpu[01-04]": {type: hgx, rack: r1}\n', '  "gpu[01-04]": {type: hgx, rack: r1}\n  @@".hidden": {type: hgx}\n'), "TS017")
    case(c, "rack-dot-dot", edit("{type: hgx, rack: r1}", '{type: hgx, rack: @@".."}'), "TS017")
    case(c, "rack-leading-dash-range", edit("{type: hgx, rack: r1}", '{type: hgx, rack: @@"-r[1-2]"}'), "TS017")
    case(c, "nic-device-leading-dash", edit('"cx[0-7]": {sku: connectx-7, network: compute}', '"cx[0-7]": {sku: connectx-7, network: compute, device: @@"-mlx5_[0-7]"}'), "TS017")
    tree = "      - {switch: pex0, socket: 0, gpus: [0, 1], nics: [cx0, cx1]}\n"
    for depth in [40, 1000]:
        chain = "".join(f"      - {{switch: d{i}, {'socket: 0' if i == 0 else ('parent: @@' if i == 16 else 'parent: ') + f'd{i - 1}'}}}\n" for i in range(depth))
        case(c, f"pcie-chain-{depth}-deep", edit(tree, tree + chain), "TS012")
    c = "yaml"
    case(c, "line-separator-in-comment", edit("nodes:\n", "# a comment@@\u2028bogus: 1\nnodes:\n"), "TS005")
    case(c, "paragraph-separator-in-comment", edit("nodes:\n", "# a comment@@\u2029bogus: 1\nnodes:\n"), "TS005")
    case(c, "next-line-in-comment", edit("nodes:\n", "# a comment@@\u0085bogus: 1\nnodes:\n"), "TS005")
    case(c, "line-separator-in-value", edit("cluster: hostile", "cluster: host@@\u2028ile"), "TS005")


def budget_cases():
    """Specs that ask for more work than a command may do (issue 12, item 8 and 18): lint must
    skip what does not fit in its budget and say so (TS407, exit 0); the tests also draw them and
    report on them within their bounds."""
    c = "budget"
    model = "    model: {params: 1e12, layers: 64, hidden: 8192, heads: 64, experts: 1024, top_k: 2}\n" \
            "    batch: {micro: 1, seq: 4096, global: 4096}\n"
    wide = edit('  "gpu[01-04]": {type: hgx, rack: r1}\njobs:\n  train:\n    nodes: "gpu[01-04]"\n    parallelism: {tp: 8, pp: 2, dp: 2}\n',
                '  "gpu[0001-2048]": {type: hgx, rack: "r[001-512]"}\njobs:\n  moe:\n    nodes: "gpu[0001-2048]"\n'
                '    @@parallelism: {tp: 8, ep: 1024, dp: 2048}\n' + model)
    case(c, "expert-parallel-16384-ranks-over-lint-budget", wide, "TS407", status=0)
    jobs = "".join(f'  j{j:04d}:\n    nodes: "gpu[{4 * j + 1:05d}-{4 * j + 4:05d}]"\n    parallelism: {{tp: 8, pp: 2, dp: 2}}\n'
                   "    model: {params: 8e9, layers: 32, hidden: 4096, heads: 32}\n    batch: {micro: 1, seq: 8192, global: 512}\n"
                   for j in range(2048))
    many = edit('  "gpu[01-04]": {type: hgx, rack: r1}\njobs:\n  train:\n    nodes: "gpu[01-04]"\n    parallelism: {tp: 8, pp: 2, dp: 2}\n',
                '  "gpu[00001-10240]": {type: hgx, rack: "r[0001-2560]"}\njobs:\n' + jobs + '  moe:\n    nodes: "gpu[08193-10240]"\n'
                '    @@parallelism: {tp: 8, ep: 1024, dp: 2048}\n' + model)
    case(c, "2048-jobs-2560-racks-and-a-wide-one", many, "TS407", status=0)


def main():
    yaml_cases()
    schema_cases()
    semantic_cases()
    injection_cases()
    budget_cases()
    for name in os.listdir(HERE):
        if name.endswith(".yaml"):
            os.remove(os.path.join(HERE, name))
    rows = []
    seen = set()
    for number, (category, name, data, code, status) in enumerate(cases, 1):
        file = f"{category}-{number:03d}-{name}.yaml"
        assert name not in seen, f"duplicate case name {name}"
        seen.add(name)
        line, column = position(data)
        with open(os.path.join(HERE, file), "wb") as f:
            f.write(data.replace(MARK, b"", 1))
        rows.append(f"{file}\t{code}\t{line}\t{column}\t{status}")
    with open(os.path.join(HERE, "expected.tsv"), "w") as f:
        f.write("# file\tcode\tline\tcolumn\texit status  (written by generate.py; the first diagnostic of each file)\n")
        f.write("\n".join(rows) + "\n")
    print(f"{len(rows)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()

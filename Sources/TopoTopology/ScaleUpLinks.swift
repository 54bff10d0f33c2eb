import TopoModel

/// The GPU-to-GPU scale-up links a node type's wiring implies: the link count of every GPU pair
/// (what `nvidia-smi topo -m` prints as NV#) and how many links each GPU uses.
///
/// NVSwitch (in the node, or the switches of a multi-node domain): every switched GPU uses all
/// its links, and every switched pair shows all of them.
/// Bridges: a group of g cards splits each card's links evenly over its g − 1 peers. Mesh: each
/// pair gets `links` (default: the SKU's links ÷ (GPUs − 1)). Explicit links add their counts.
package struct ScaleUpLinks: Sendable {
    package let gpuCount: Int
    /// Links between each pair, row-major `gpuCount × gpuCount`.
    package private(set) var pairLinks: [Int]
    /// Links each GPU uses (switch ports count once per link).
    package private(set) var usedLinks: [Int]
    /// GPUs attached to NVSwitch.
    package private(set) var switched: Set<Int> = []

    /// The links a node type's scale-up wiring gives its GPUs.
    ///
    /// - Parameters:
    ///   - wiring: The node type's NVSwitch, external domain, bridge, mesh and explicit links; GPU
    ///     indices beyond `skus` are ignored.
    ///   - skus: Each GPU's SKU in index order, for its scale-up link count.
    /// - Complexity: O(*n*²) for *n* GPUs, plus the bridge, mesh and explicit links.
    package init(wiring: ScaleUpWiring, skus: [GPUSKU]) {
        let n = skus.count
        gpuCount = n
        pairLinks = Array(repeating: 0, count: n * n)
        usedLinks = Array(repeating: 0, count: n)
        func links(_ gpu: Int) -> Int { skus[gpu].scaleUp?.links ?? 0 }
        func add(_ a: Int, _ b: Int, _ count: Int) {
            guard a != b, a < n, b < n else { return }
            pairLinks[a * n + b] += count
            pairLinks[b * n + a] += count
            usedLinks[a] += count
            usedLinks[b] += count
        }
        // `domain: external` (GB200 trays): every GPU's links go to the domain's switches, so
        // GPUs of one node reach each other through them, like an in-node NVSwitch (NV18).
        let switchedGPUs = wiring.external != nil ? Array(0..<n) : wiring.nvswitch?.gpus
        if let switchedGPUs {
            let gpus = switchedGPUs.filter { $0 < n }
            switched = Set(gpus)
            for a in gpus {
                usedLinks[a] += links(a)
                for b in gpus where b != a {
                    pairLinks[a * n + b] = max(pairLinks[a * n + b], min(links(a), links(b)))
                }
            }
        }
        for group in wiring.bridges where group.gpus.count >= 2 {
            for (i, a) in group.gpus.enumerated() {
                for b in group.gpus[(i + 1)...] {
                    add(a, b, min(links(a), links(b)) / (group.gpus.count - 1))
                }
            }
        }
        if let mesh = wiring.mesh, mesh.gpus.count >= 2 {
            for (i, a) in mesh.gpus.enumerated() {
                for b in mesh.gpus[(i + 1)...] {
                    add(a, b, mesh.linksPerPair ?? min(links(a), links(b)) / (mesh.gpus.count - 1))
                }
            }
        }
        for link in wiring.links {
            add(link.a, link.b, link.count)
        }
    }

    /// Links between GPUs `a` and `b`.
    ///
    /// - Parameters:
    ///   - a: A GPU index in `0..<gpuCount`.
    ///   - b: Another GPU index in `0..<gpuCount`.
    /// - Returns: The link count that `nvidia-smi topo -m` would show as NV#, 0 when not linked.
    package func links(_ a: Int, _ b: Int) -> Int { pairLinks[a * gpuCount + b] }
}

/// Spec text for tests that build a cluster of HGX H100 nodes and jobs on it by hand (placement,
/// collective and lint-budget tests): the same header and node type everywhere, written once.
public enum HGXSpecText {
    /// `topospec: 1`, the cluster's name, one InfiniBand network `ib` and the node type `hgx`
    /// (8 H100 SXM5 80GB on 4 third-generation NVSwitches, ConnectX-7 NICs on `ib`), ending with
    /// `node_types:`'s last line.
    ///
    /// - Parameters:
    ///   - cluster: The cluster's name.
    ///   - network: The flow mapping of `ib` (fabric, speed, tiers).
    ///   - nics: The hostlist of the node type's NICs, e.g. `cx[0-7]` for one per GPU.
    /// - Returns: The text, each line ending in a newline, so `nodes:` can follow directly.
    public static func header(
        cluster: String = "pod", network: String = "{fabric: infiniband, gbps: 400}", nics: String = "cx[0-7]"
    ) -> String {
        """
        topospec: 1
        cluster: \(cluster)
        networks:
          ib: \(network)
        node_types:
          hgx:
            gpus: {sku: h100-sxm5-80gb, count: 8}
            nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
            nics: {"\(nics)": {sku: connectx-7, network: ib}}

        """
    }

    /// One entry of `jobs:` (two-space indent), with a model and a batch so that its traffic is known.
    ///
    /// - Parameters:
    ///   - name: The job's name.
    ///   - nodes: Its nodes, a hostlist.
    ///   - parallelism: The contents of its `parallelism` mapping, e.g. `tp: 8, dp: auto`.
    ///   - model: The contents of its `model` mapping.
    ///   - batch: The contents of its `batch` mapping.
    /// - Returns: The entry's lines, each ending in a newline.
    public static func job(
        _ name: String, nodes: String, parallelism: String,
        model: String = "params: 8e9, layers: 32, hidden: 4096, heads: 32",
        batch: String = "micro: 1, seq: 8192, global: 1024"
    ) -> String {
        "  \(name):\n    nodes: \"\(nodes)\"\n    parallelism: {\(parallelism)}\n    model: {\(model)}\n    batch: {\(batch)}\n"
    }

    /// A whole spec: `header()`, the HGX nodes `hostlist` and one job `train` on all of them
    /// (`job(_:nodes:parallelism:model:batch:)`).
    ///
    /// - Parameters:
    ///   - hostlist: The nodes, e.g. `n[1-4]`.
    ///   - parallelism: The contents of the job's `parallelism` mapping.
    ///   - model: The contents of its `model` mapping.
    ///   - batch: The contents of its `batch` mapping.
    /// - Returns: The spec's text.
    public static func trainingSpec(
        on hostlist: String, parallelism: String,
        model: String = "params: 8e9, layers: 32, hidden: 4096, heads: 32",
        batch: String = "micro: 1, seq: 8192, global: 1024"
    ) -> String {
        header() + "nodes:\n  \"\(hostlist)\": {type: hgx}\njobs:\n"
            + job("train", nodes: hostlist, parallelism: parallelism, model: model, batch: batch)
    }
}

import TopoDiagnostics
import TopoYAML

extension SpecDecoder {
    static let jobKeys = ["nodes", "gpus_per_node", "parallelism", "model", "batch", "training", "traffic", "imex"]
    static let trafficKeys = ["tp", "cp", "ep", "pp", "dp"]
    static let parallelismKeys = ["tp", "cp", "ep", "pp", "dp"]
    static let modelKeys = [
        "params", "layers", "hidden", "heads", "kv_heads", "ffn", "vocab", "experts", "top_k", "dtype",
    ]
    static let batchKeys = ["micro", "seq", "global"]
    /// The keys a job, its `model` and its `batch` must have: the one source the JSON Schema's
    /// `required` lists and REFERENCE.md follow (GrammarConsistencyTests). What `place` needs
    /// beyond them is said by TS406, not required.
    static let jobRequired = ["nodes"]
    static let modelRequired = ["params"]
    static let batchRequired: [String] = []
    static let trainingKeys = ["optimizer", "zero", "sequence_parallel"]
    /// Largest size of one parallel dimension.
    static let maxParallel = 1 << 20
    /// Most ranks (GPUs) all jobs together may take: every rank is laid out and checked, and one
    /// short hostlist can name a million nodes.
    static let maxJobRanks = 1 << 22

    /// `gpusPerType`: the GPU count of each node type, for the ranks each job takes.
    mutating func decodeJobs(_ node: YAMLNode, nodes: [Node], nodeIndex: [String: Int], gpusPerType: [Int]) -> [Job] {
        guard let entries = context.entries(node, "`jobs`") else { return [] }
        var jobs: [Job] = []
        var ranks = 0
        for entry in entries {
            guard let name = context.name(entry.keyNode, "job name"),
                let f = context.mapping(
                    entry.value, "job `\(name)`", allowed: Self.jobKeys, required: Self.jobRequired),
                let nodesNode = f["nodes"], let expression = context.string(nodesNode, "`nodes`"),
                let names = context.hostlist(nodesNode, "`nodes`"),
                let members = resolveNodes(names, at: nodesNode, nodeIndex: nodeIndex, what: "job `\(name)`")
            else { continue }
            if Set(members).count != members.count {
                context.sink.error(.conflict, "job `\(name)` lists a node more than once", at: nodesNode.location)
                continue
            }
            let gpusPerNode = f["gpus_per_node"].flatMap { context.int($0, "`gpus_per_node`", 1...Self.maxGPUsPerNode) }
            ranks +=
                gpusPerNode.map { $0 * members.count } ?? members.reduce(0) { $0 + gpusPerType[nodes[$1].typeID] }
            if ranks > Self.maxJobRanks {
                context.sink.error(
                    .outOfRange, "job `\(name)` takes the jobs past \(Self.maxJobRanks) GPUs in all",
                    at: nodesNode.location)
                break
            }
            var parallelism = Job.Parallelism()
            if let p = f["parallelism"], let pf = context.mapping(p, "`parallelism`", allowed: Self.parallelismKeys) {
                parallelism.location = f.keyLocation("parallelism")
                let range = 1...Self.maxParallel
                if let v = pf["tp"] { parallelism.tp = context.int(v, "`tp`", range) ?? 1 }
                if let v = pf["cp"] { parallelism.cp = context.int(v, "`cp`", range) ?? 1 }
                if let v = pf["ep"] { parallelism.ep = context.int(v, "`ep`", range) ?? 1 }
                if let v = pf["pp"] { parallelism.pp = context.int(v, "`pp`", range) ?? 1 }
                if let v = pf["dp"] {
                    parallelism.dp =
                        v.scalar == "auto" && v.style == .plain
                        ? nil : (context.int(v, "`dp` (a size or `auto`)", range) ?? 1)
                }
            }
            var model: Job.Model?
            if let m = f["model"],
                let mf = context.mapping(m, "`model`", allowed: Self.modelKeys, required: Self.modelRequired)
            {
                var shape = Job.Model(location: f.keyLocation("model"))
                shape.params = mf["params"].flatMap { context.number($0, "`params`", 1...1e16, suffixes: true) }
                let big = 1...(1 << 40)
                shape.layers = mf["layers"].flatMap { context.int($0, "`layers`", 1...1_000_000) }
                shape.hidden = mf["hidden"].flatMap { context.int($0, "`hidden`", big) }
                shape.heads = mf["heads"].flatMap { context.int($0, "`heads`", 1...1_000_000) }
                shape.kvHeads = mf["kv_heads"].flatMap { context.int($0, "`kv_heads`", 1...1_000_000) }
                shape.ffn = mf["ffn"].flatMap { context.int($0, "`ffn`", big) }
                shape.vocab = mf["vocab"].flatMap { context.int($0, "`vocab`", big) }
                shape.experts = mf["experts"].flatMap { context.int($0, "`experts`", 1...1_000_000) }
                shape.topK = mf["top_k"].flatMap { context.int($0, "`top_k`", 1...1_000_000) }
                if let d = mf["dtype"], let dtype = context.enumeration(d, "`dtype`", Job.DType.self) {
                    shape.dtype = dtype
                }
                model = shape
            }
            var batch: Job.Batch?
            if let b = f["batch"],
                let bf = context.mapping(b, "`batch`", allowed: Self.batchKeys, required: Self.batchRequired)
            {
                var shape = Job.Batch(location: f.keyLocation("batch"))
                let big = 1...(1 << 40)
                shape.micro = bf["micro"].flatMap { context.int($0, "`micro`", big) }
                shape.seq = bf["seq"].flatMap { context.int($0, "`seq`", big) }
                shape.global = bf["global"].flatMap { context.int($0, "`global`", big) }
                batch = shape
            }
            var training = Job.Training()
            if let t = f["training"], let tf = context.mapping(t, "`training`", allowed: Self.trainingKeys) {
                training.location = f.keyLocation("training")
                if let o = tf["optimizer"],
                    let value = context.enumeration(o, "`optimizer`", Job.Training.Optimizer.self)
                {
                    training.optimizer = value
                }
                if let z = tf["zero"], let value = context.int(z, "`zero` (ZeRO stage)", 0...3) {
                    training.zero = value
                }
                if let s = tf["sequence_parallel"], let value = context.bool(s, "`sequence_parallel`") {
                    training.sequenceParallel = value
                }
            }
            var job = Job(
                name: name, location: entry.keyNode.location, nodesExpression: expression,
                nodesLocation: nodesNode.location,
                nodes: members, gpusPerNode: gpusPerNode, gpusPerNodeLocation: f["gpus_per_node"]?.location,
                parallelism: parallelism, model: model, batch: batch, training: training)
            if let i = f["imex"], let value = context.bool(i, "`imex`") {
                job.imex = value
                job.imexLocation = f.keyLocation("imex")
            }
            if let t = f["traffic"],
                let tf = context.mapping(t, "`traffic` (bytes per rank per iteration)", allowed: Self.trafficKeys)
            {
                var traffic = Job.Traffic(location: f.keyLocation("traffic"))
                let range = 0.0...1e18
                traffic.tp = tf["tp"].flatMap { context.number($0, "`traffic.tp`", range) }
                traffic.cp = tf["cp"].flatMap { context.number($0, "`traffic.cp`", range) }
                traffic.ep = tf["ep"].flatMap { context.number($0, "`traffic.ep`", range) }
                traffic.pp = tf["pp"].flatMap { context.number($0, "`traffic.pp`", range) }
                traffic.dp = tf["dp"].flatMap { context.number($0, "`traffic.dp`", range) }
                job.traffic = traffic
            }
            jobs.append(job)
        }
        return jobs
    }
}

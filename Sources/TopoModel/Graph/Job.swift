import TopoDiagnostics

/// A training job (`jobs.NAME`): where it runs, how it is parallelized, and the model and batch
/// that determine its memory and traffic.
public struct Job: Sendable {
    /// Parallel sizes. World size = tp·cp·pp·dp; `ep` shards experts across cp·dp.
    public struct Parallelism: Sendable, Hashable {
        public var tp = 1
        public var cp = 1
        public var ep = 1
        public var pp = 1
        /// nil when written `dp: auto`.
        public var dp: Int? = 1
        public var location: SourceLocation?

        public init() {}
    }

    /// Number formats, with bytes per value.
    public enum DType: String, Sendable, CaseIterable {
        case fp32, bf16, fp16, fp8, fp4

        public var bytes: Double {
            switch self {
            case .fp32: 4
            case .bf16, .fp16: 2
            case .fp8: 1
            case .fp4: 0.5
            }
        }
    }

    /// Model shape.
    public struct Model: Sendable {
        public var params: Double?
        public var layers: Int?
        public var hidden: Int?
        public var heads: Int?
        /// Key/value heads (query groups) of grouped-query attention; nil means as many as `heads`.
        public var kvHeads: Int?
        public var ffn: Int?
        public var vocab: Int?
        public var experts: Int?
        public var topK: Int?
        public var dtype: DType = .bf16
        public var location: SourceLocation

        public init(location: SourceLocation) {
            self.location = location
        }
    }

    /// Batch shape: sequences per micro-batch, tokens per sequence, sequences per global batch.
    public struct Batch: Sendable {
        public var micro: Int?
        public var seq: Int?
        public var global: Int?
        public var location: SourceLocation

        public init(location: SourceLocation) {
            self.location = location
        }
    }

    /// Optimizer and sharding.
    public struct Training: Sendable {
        /// Optimizers topospec models.
        public enum Optimizer: String, Sendable, CaseIterable { case adam, sgd }
        public var optimizer: Optimizer = .adam
        /// ZeRO stage 0–3 (FSDP full shard = 3).
        public var zero = 0
        public var sequenceParallel = false
        public var location: SourceLocation?

        public init() {}
    }

    /// Bytes each rank sends per iteration in each dimension, when the spec gives them directly
    /// (`traffic:`), overriding the estimate from model and batch. For `pp` it is the bytes
    /// exchanged with each neighbouring stage (activations forward plus gradients backward).
    public struct Traffic: Sendable {
        public var tp: Double?
        public var cp: Double?
        public var ep: Double?
        public var pp: Double?
        public var dp: Double?
        public var location: SourceLocation

        public init(location: SourceLocation) {
            self.location = location
        }
    }

    public var name: String
    public var location: SourceLocation
    /// The `nodes:` hostlist as written.
    public var nodesExpression: String
    public var nodesLocation: SourceLocation
    /// Indices into `ClusterSpec.nodes`, in hostlist order.
    public var nodes: [Int]
    public var gpusPerNode: Int?
    public var gpusPerNodeLocation: SourceLocation?
    public var parallelism: Parallelism
    public var model: Model?
    public var batch: Batch?
    public var training: Training
    public var traffic: Traffic?
    /// `imex: true`: the job shares GPU memory across nodes over NVLink, through IMEX channels (a
    /// Kubernetes ComputeDomain or IMEX daemons configured by `emit imex`); TS126 and TS220 check it.
    public var imex = false
    /// Where `imex` is written.
    public var imexLocation: SourceLocation?

    public init(
        name: String, location: SourceLocation, nodesExpression: String, nodesLocation: SourceLocation,
        nodes: [Int], gpusPerNode: Int?, gpusPerNodeLocation: SourceLocation?, parallelism: Parallelism,
        model: Model?, batch: Batch?, training: Training
    ) {
        self.name = name
        self.location = location
        self.nodesExpression = nodesExpression
        self.nodesLocation = nodesLocation
        self.nodes = nodes
        self.gpusPerNode = gpusPerNode
        self.gpusPerNodeLocation = gpusPerNodeLocation
        self.parallelism = parallelism
        self.model = model
        self.batch = batch
        self.training = training
    }
}

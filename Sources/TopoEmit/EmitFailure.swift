/// Why a file cannot be written from a spec (the Slurm block topology, IMEX configuration,
/// `ComputeDomain` manifests, Kubernetes labels, an SVG drawing, a placement), in words for the user.
public struct EmitFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    /// - Parameter description: The reason, as the user reads it.
    public init(description: String) {
        self.description = description
    }
}

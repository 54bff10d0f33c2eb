import TopoDiagnostics

/// One concrete difference between a running node and its node type, without the node's name:
/// nodes with the same deviation share it, and the fleet summary groups them by it.
public struct Deviation: Sendable, Hashable {
    public var code: VerifyCodes.Code
    /// "GPU 3 ↔ GPU 5 has NV12, node type dgx-h100 declares NV18 (6 links down)".
    public var message: String
    /// The line of the capture that shows it, when there is one.
    public var captureLine: Int?

    public init(_ code: VerifyCodes.Code, _ message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        captureLine = line
    }

    /// What groups nodes in the fleet summary: the code and the message.
    public var key: String { code.code + " " + message }
}

import TopoDiagnostics

/// One concrete difference between a running node and its node type, without the node's name:
/// nodes with the same deviation share it, and the fleet summary groups them by it.
public struct Deviation: Sendable, Hashable {
    public var code: VerifyCodes.Code
    /// "GPU 3 ↔ GPU 5 has NV12, node type dgx-h100 declares NV18 (6 links down)".
    public var message: String
    /// The line of the capture that shows it, when there is one.
    public var captureLine: Int?
    /// The device the deviation is about ("GPU 3"), when two kinds of capture can word the same
    /// deviation differently (a GPU list names the model, an NCCL dump gives only its PCI id):
    /// the node reports one deviation per code and subject.
    public var subject: String?

    /// A deviation with the given code and message.
    ///
    /// - Parameters:
    ///   - code: The verify code it is reported under.
    ///   - message: What differs, without the node's name.
    ///   - line: The capture's line that shows it (`captureLine`), or nil.
    ///   - subject: The device it is about, when captures of different kinds may word it differently.
    public init(_ code: VerifyCodes.Code, _ message: String, line: Int? = nil, subject: String? = nil) {
        self.code = code
        self.message = message
        captureLine = line
        self.subject = subject
    }

    /// What makes two deviations of one node, from different captures, the same deviation.
    var sameness: String { subject.map { code.code + " @" + $0 } ?? key }

    /// What groups nodes in the fleet summary: the code and the message.
    public var key: String { code.code + " " + message }
}

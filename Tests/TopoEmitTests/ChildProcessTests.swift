import Testing

@testable import TopoEmit

/// `ChildProcess` (posix_spawn, what runs Graphviz): input in, output and errors out, exit
/// statuses, a child that stops reading its input, and the time limit.
@Suite struct ChildProcessTests {
    /// 1 MiB through `cat`: more than a pipe holds, so feeding and draining must interleave.
    @Test func largeInputComesBackWhole() throws {
        let input = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let outcome = try ChildProcess.run("/bin/cat", [], input: input, limit: 60)
        #expect(outcome.status == 0 && outcome.signal == nil && !outcome.timedOut)
        #expect(outcome.output == input)
        #expect(outcome.errors.isEmpty)
    }

    @Test func exitStatusAndStandardErrorAreKept() throws {
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], input: [], limit: 60)
        #expect(outcome.status == 3)
        #expect(outcome.output == Array("out\n".utf8))
        #expect(outcome.errors == Array("err\n".utf8))
    }

    /// A child that exits without reading its input: the writer gets EPIPE, not a SIGPIPE that
    /// would end the test process.
    @Test func childThatIgnoresItsInputDoesNotKillTheParent() throws {
        let input = [UInt8](repeating: 0x41, count: 4 << 20)
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "exit 0"], input: input, limit: 60)
        #expect(outcome.status == 0)
    }

    /// The limit is counted in whole seconds; a child sleeping far past it is stopped by SIGTERM.
    @Test func childPastItsLimitIsStopped() throws {
        let outcome = try ChildProcess.run("/bin/sleep", ["600"], input: [], limit: 1)
        #expect(outcome.timedOut)
        #expect(outcome.signal == 15)
    }

    @Test func missingProgramIsAFailure() {
        guard
            case let .failure(failure) = Result(catching: { () throws(EmitFailure) in
                try ChildProcess.run("/nonexistent/dot", [], input: [], limit: 1)
            })
        else {
            Issue.record("running a missing program succeeded")
            return
        }
        #expect(failure.description.contains("/nonexistent/dot"))
    }
}

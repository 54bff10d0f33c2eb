import Foundation
import Testing
import TopoEmit

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesWithoutLeavingTemporaries() throws {
        let folder = NSTemporaryDirectory() + "topospec-atomic-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sub/out.txt"
        #expect((try? AtomicFile.write("one\n", to: path).get()) != nil)
        #expect((try? AtomicFile.write("two\n", to: path).get()) != nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub") == ["out.txt"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect((try? AtomicFile.write("#!/bin/sh\n", to: folder + "/run.sh", executable: true).get()) != nil)
        #expect(FileManager.default.isExecutableFile(atPath: folder + "/run.sh"))
    }

    @Test func failureLeavesTheDestinationAlone() throws {
        let folder = NSTemporaryDirectory() + "topospec-atomic-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/dir", withIntermediateDirectories: true)
        // A directory where the file should go: rename fails, nothing is left behind.
        let result = AtomicFile.write("x", to: folder + "/dir")
        guard case let .failure(failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.description.contains("cannot write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["dir"])
    }
}

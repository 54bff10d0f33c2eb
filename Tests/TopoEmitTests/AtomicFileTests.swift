import Foundation
import Testing
import TopoEmit

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesWithoutLeavingTemporaries() throws {
        let folder = NSTemporaryDirectory() + "topospec-atomic-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sub/out.txt"
        #expect((try? AtomicFile.write("one\n", to: path)) != nil)
        #expect((try? AtomicFile.write("two\n", to: path)) != nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub") == ["out.txt"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect((try? AtomicFile.write("#!/bin/sh\n", to: folder + "/run.sh", executable: true)) != nil)
        #expect(FileManager.default.isExecutableFile(atPath: folder + "/run.sh"))
    }

    @Test func failureLeavesTheDestinationAlone() throws {
        let folder = NSTemporaryDirectory() + "topospec-atomic-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/dir", withIntermediateDirectories: true)
        // A directory where the file should go: rename fails, nothing is left behind.
        let result = Result(catching: { () throws(AtomicFile.Failure) in
            try AtomicFile.write("x", to: folder + "/dir")
        })
        guard case let .failure(failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.description.contains("cannot write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["dir"])
    }
}

/// `place --emit all` writes its set through `AtomicDirectory` (issue 12).
@Suite struct AtomicDirectoryTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "topospec-atomic-dir-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func files(_ names: [String]) -> [AtomicDirectory.File] {
        names.map { AtomicDirectory.File(path: $0, contents: "# \($0)\n", executable: $0.hasSuffix(".sh")) }
    }

    static func listing(_ folder: String) -> [String] {
        var result: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String { result.append(relative) }
        return result.sorted()
    }

    @Test func aNewSetReplacesTheOldOneWhole() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let target = base + "/launch"
        #expect(throws: Never.self) {
            try AtomicDirectory.write(Self.files(["env.sh", "torchrun.sh", "env/a.env"]), to: target)
        }
        #expect(throws: Never.self) {
            try AtomicDirectory.write(Self.files(["env.sh", "env/b.env"]), to: target + "/")
        }
        #expect(Self.listing(target) == [AtomicDirectory.markerName, "env", "env.sh", "env/b.env"])
        // Nothing left beside it.
        #expect(Self.listing(base) == ["launch"] + Self.listing(target).map { "launch/" + $0 })
    }

    @Test func aFolderWithOtherFilesIsRefused() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try "mine\n".write(toFile: base + "/notes.txt", atomically: true, encoding: .utf8)
        guard
            case let .failure(failure) = Result(catching: { () throws(AtomicFile.Failure) in
                try AtomicDirectory.write(Self.files(["env.sh"]), to: base)
            })
        else {
            Issue.record("replaced a folder with someone else's files")
            return
        }
        #expect(failure.description.contains("did not write"))
        #expect(Self.listing(base) == ["notes.txt"])
        guard
            case .failure = Result(catching: { () throws(AtomicFile.Failure) in
                try AtomicDirectory.write(Self.files(["env.sh"]), to: ".")
            })
        else {
            Issue.record("replaced ."); return
        }
    }

    @Test func aFailureLeavesTheOldSetWholeWithNoLeftovers() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let target = base + "/launch"
        #expect(throws: Never.self) { try AtomicDirectory.write(Self.files(["env.sh", "hostfile"]), to: target) }
        let before = Self.listing(base)
        // `a` as a file and as a folder: the second write fails half-way.
        guard
            case .failure = Result(catching: { () throws(AtomicFile.Failure) in
                try AtomicDirectory.write(Self.files(["a", "a/b"]), to: target)
            })
        else {
            Issue.record("wrote a and a/b"); return
        }
        guard
            case .failure = Result(catching: { () throws(AtomicFile.Failure) in
                try AtomicDirectory.write(Self.files(["../escape"]), to: target)
            })
        else {
            Issue.record("wrote ../escape"); return
        }
        guard
            case let .failure(failure) = Result(catching: { () throws(AtomicFile.Failure) in
                try AtomicDirectory.write(
                    Self.files(["env/gpu01.env", "env/GPU01.env"]), to: target)
            })
        else {
            Issue.record("wrote two files that differ only in case")
            return
        }
        #expect(failure.description.contains("differ only in case"))
        #expect(Self.listing(base) == before)
    }

    @Test func aPlantedFolderLinkRedirectsNothing() throws {
        let base = try Self.folder()
        let outside = try Self.folder()
        defer {
            try? FileManager.default.removeItem(atPath: base)
            try? FileManager.default.removeItem(atPath: outside)
        }
        let target = base + "/launch"
        #expect(throws: Never.self) { try AtomicDirectory.write(Self.files(["env.sh"]), to: target) }
        try FileManager.default.createSymbolicLink(atPath: target + "/env", withDestinationPath: outside)
        #expect(throws: Never.self) {
            try AtomicDirectory.write(Self.files(["env.sh", "env/a.env"]), to: target)
        }
        #expect(Self.listing(outside).isEmpty)
        #expect(FileManager.default.fileExists(atPath: target + "/env/a.env"))
    }
}

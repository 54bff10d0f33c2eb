import Foundation
import Testing
import TopoCodes
import TopoDiagnostics
import TopoImport
import TopoLint

@testable import TopoVerify

/// Fleet-level behaviour: grouping, missing and undeclared nodes, unusable captures, work done
/// once per distinct capture, nccl-tests acceptance, and learning node types.
@Suite struct FleetTests {
    let capture = VerifyFixtures.h100
    var lowered: String { VerifyFixtures.setCell(capture, "GPU3", "GPU5", to: "NV12") }

    @Test func identicalDeviationsGroupIntoOneHostlist() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture, nodes: "dgx[001-006]"))
        var files: [String: String] = [:]
        for i in 1...6 { files["dgx00\(i).nvidia-smi.txt"] = [2, 3, 5].contains(i) ? lowered : capture }
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: files))
        #expect(report.diagnostics.count == 3)
        #expect(report.fleet.count == 1)
        #expect(report.fleet.first?.nodes == ["dgx002", "dgx003", "dgx005"])
        #expect(report.summaryText.contains("TS603     3 nodes dgx[002-003,005]: GPU 3 ↔ GPU 5 has NV12"))
        #expect(report.drifted == ["dgx002", "dgx003", "dgx005"])
        #expect(report.verified == 6)
    }

    @Test func identicalCapturesAreParsedAndComparedOnce() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture, nodes: "n[001-200]"))
        var files: [String: String] = [:]
        for i in 1...200 { files[String(format: "n%03d.nvidia-smi.txt", i)] = i == 7 ? lowered : capture }
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: files))
        #expect(report.verified == 200)
        #expect(report.distinctCaptures == 2)
        #expect(report.comparisons == 2)
        #expect(report.drifted == ["n007"])
    }

    @Test func missingAndUndeclaredNodesAreReported() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture, nodes: "a[1-3]"))
            .replacingOccurrences(
                of: "\"a[1-3]\": {type: t}", with: "\"a[1-3]\": {type: t}\n  a4: {type: t, state: down}")
        let report = try #require(
            VerifyFixtures.verify(
                spec: spec,
                captures: [
                    "a1.nvidia-smi.txt": capture, "a3/nvidia-smi.txt": capture, "zz9.nvidia-smi.txt": capture,
                    "zz8.nccl.xml": VerifyFixtures.ibmH100,
                ]))
        #expect(report.missing == ["a2"])  // a4 is down: no capture expected
        #expect(report.undeclared == ["zz8", "zz9"])
        #expect(report.diagnostics.map(\.code).sorted() == ["TS610", "TS611"])
        #expect(
            report.diagnostics.first { $0.code == "TS611" }?.message
                == "captures of 2 nodes the spec does not declare: zz[8-9]")
        #expect(report.exitCode == 1)
    }

    @Test func nodeFilterLimitsTheCheck() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture, nodes: "a[1-3]"))
        let report = try #require(
            VerifyFixtures.verify(
                spec: spec, captures: ["a1.nvidia-smi.txt": capture, "a2.nvidia-smi.txt": lowered],
                options: .init(nodes: ["a1"])))
        #expect(report.diagnostics.isEmpty)
        #expect(report.verified == 1)
    }

    @Test func malformedCaptureIsUnusableInputAtItsLine() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture))
        var lines = capture.components(separatedBy: "\n")
        lines[3] = String(lines[3].prefix(40))  // GPU2's row cut short
        let report = try #require(
            VerifyFixtures.verify(spec: spec, captures: ["node01.nvidia-smi.txt": lines.joined(separator: "\n")]))
        #expect(report.exitCode == 2)
        let error = try #require(report.inputErrors.first)
        #expect(error.code == "TS503")
        #expect(error.location?.line == 4)
        #expect(error.location?.file.hasSuffix("node01.nvidia-smi.txt") == true)
    }

    @Test func unreadableNCCLTestsOutputIsLocated() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture))
        let report = try #require(
            VerifyFixtures.verify(
                spec: spec,
                captures: [
                    "node01.nvidia-smi.txt": capture,
                    "node01.nccl-tests.txt": "# nThread 1 nGpus 1\n#  size count type redop root time algbw busbw\n",
                ]))
        #expect(report.exitCode == 2)
        #expect(report.inputErrors.first?.code == "TS613")
    }

    @Test func ncclTestsShortfallNarrowsToTheSuspects() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture, nodes: "node[01-04]"))
        var files: [String: String] = [:]
        let slow = VerifyFixtures.ncclTests(hosts: ["node01", "node02", "node03", "node04"], busbw: 150)
        let fast = VerifyFixtures.ncclTests(hosts: ["node01", "node02"], busbw: 380)
        for n in 1...4 { files["node0\(n).nvidia-smi.txt"] = capture }
        files["node01.nccl-tests.txt"] = fast
        files["node02.nccl-tests.txt"] = fast
        files["node03.nccl-tests.txt"] = slow
        files["node04.nccl-tests.txt"] = slow
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: files))
        // Two distinct runs, predicted by the collective model: 8 × 400 Gb/s NICs per node, at the
        // NICs' achievable rate (NDR ≈ 46 GB/s each), so below the 8 × 50 GB/s line rate.
        #expect(report.runs.count == 2)
        #expect(
            report.runs.allSatisfy { ($0.predicted ?? 0) > 320 && ($0.predicted ?? 0) < 400 },
            "\(report.runs.map(\.predicted))")
        #expect(
            report.runs.allSatisfy { $0.basis?.hasPrefix("collective model at 8589934592 B: Ring") == true },
            "\(report.runs.map(\.basis))")
        #expect(report.runs.map(\.passed) == [true, false])
        #expect(report.suspects == ["node03", "node04"])
        let finding = try #require(report.diagnostics.first { $0.code == "TS620" })
        #expect(
            finding.message.hasPrefix(
                "nccl-tests all_reduce on node[01-04] (32 ranks, 8589934592 B): busbw 150 GB/s is 41 % of the predicted 36"
            ))
        #expect(finding.help?.contains("narrows to node[03-04]") == true)
        #expect(finding.help?.contains("pair each suspect with node01") == true)
        #expect(report.exitCode == 1)
    }

    @Test func singleNodeRunInsideTheNodeIsBoundByNVLink() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture))
        let report = try #require(
            VerifyFixtures.verify(
                spec: spec,
                captures: [
                    "node01.nvidia-smi.txt": capture,
                    "node01.nccl-tests.txt": VerifyFixtures.ncclTests(hosts: ["node01"], busbw: 400),
                ]))
        // NV18 at the placeholder's 50 GB/s per link (both directions) is 450 GB/s per direction;
        // the collective model predicts what NCCL achieves on it, below that line rate.
        let predicted = try #require(report.runs.first?.predicted)
        #expect(predicted > 300 && predicted < 450, "\(predicted)")
        #expect(report.runs.first?.passed == true)
        #expect(report.exitCode == 0)
    }

    @Test func outputsPointAtTheSpec() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: capture))
        guard let loaded = try? SpecInput.decode(Array(spec.utf8), path: "spec.yaml") else {
            Issue.record("spec"); return
        }
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: ["node01.nvidia-smi.txt": lowered]))
        let github = GitHubOutput.render(report.lintSummary(spec: loaded.spec, specSource: loaded.source))
        #expect(github.hasPrefix("::error file=spec.yaml,line="))
        #expect(github.contains("title=TS603 verify-nvlink-links"))
        let sarif = SARIFOutput.render(
            report.lintSummary(spec: loaded.spec, specSource: loaded.source), codes: CodeCatalog.codes)
        #expect(sarif.contains("\"ruleId\" : \"TS603\"") || sarif.contains("\"ruleId\":\"TS603\""))
        #expect(report.json.contains("\"nodes\" : \"node01\"") || report.json.contains("\"nodes\":\"node01\""))
    }

    @Test func verifyCodesAreExplainable() {
        for code in VerifyCodes.all {
            #expect(CodeCatalog.entry(named: code.code)?.slug == code.slug)
            #expect(code.code.hasPrefix("TS6"))
        }
        #expect(Set(VerifyCodes.all.map(\.code)).count == VerifyCodes.all.count)
    }
}

/// `--learn`: node types from the majority of identical captures; outliers are findings.
@Suite struct LearnTests {
    @Test func majorityBecomesTheNodeTypeAndOutliersAreFindings() throws {
        let capture = VerifyFixtures.h100
        var files: [String: String] = [:]
        for i in 1...5 { files["h\(i).nvidia-smi.txt"] = capture }
        files["h6.nvidia-smi.txt"] = VerifyFixtures.setCell(capture, "GPU3", "GPU5", to: "NV12")
        files["l1.nccl.xml"] = VerifyFixtures.ibmH100
        let path = VerifyFixtures.directory(files)
        guard let directory = try? CaptureDirectory.scan(path) else { Issue.record("scan"); return }
        let outcome = TemplateLearner.learn(directory, specPath: "types.yaml")
        #expect(outcome.inputErrors.isEmpty)
        let text = try #require(outcome.spec)
        #expect(outcome.findings.count == 1)
        #expect(outcome.findings.first?.code == "TS630")
        #expect(outcome.findings.first?.message.hasPrefix("h6: GPU 3 ↔ GPU 5 has NV12") == true)
        #expect(outcome.summary.contains("5 nodes h[1-5], 1 outlier h6"))
        // The learned spec decodes and verifies the fleet: the outlier is the only drift.
        guard let loaded = try? SpecInput.decode(Array(text.utf8), path: "types.yaml") else {
            Issue.record("the learned spec does not decode:\n\(text)")
            return
        }
        #expect(loaded.spec.nodeTypes.count == 2)
        let report = FleetVerifier(spec: loaded.spec).verify(directory)
        #expect(
            report.diagnostics.map(\.message) == [
                "h6: GPU 3 ↔ GPU 5 has NV12, node type gpu-x8 declares NV18 (6 links down)"
            ])
        if let line = outcome.findings.first?.location?.line {
            #expect(text.components(separatedBy: "\n")[line - 1].contains("h6"))
        }
    }
}

/// Captures that show less than verify compares, NUMA affinity, and GPU lists it cannot use.
@Suite struct CaptureKindTests {
    @Test func hwlocCaptureWithoutDevicesIsListed() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100))
        let report = try #require(
            VerifyFixtures.verify(
                spec: spec,
                captures: [
                    "node01.nvidia-smi.txt": VerifyFixtures.h100, "node01.hwloc.xml": "<topology/>",
                ]))
        #expect(report.diagnostics.map(\.code) == ["TS612"])
        #expect(report.diagnostics.first?.severity == .info)
        #expect(report.exitCode == 0)
    }

    @Test func gpuOnTheOtherNUMANodeIsReported() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100))
        // GPU 0's row claims NUMA node 1 and socket 1's CPUs.
        var lines = VerifyFixtures.h100.components(separatedBy: "\n")
        lines[1] = lines[1].replacingOccurrences(of: "0-47,96-143     0 ", with: "48-95,144-191   1 ")
        let report = try #require(
            VerifyFixtures.verify(spec: spec, captures: ["node01.nvidia-smi.txt": lines.joined(separator: "\n")]))
        #expect(
            report.diagnostics.map(\.message) == [
                "node01: GPU 0 is on NUMA node 1, CPUs 48-95,144-191; node type t places it on socket 0"
            ])
        #expect(report.diagnostics.first?.code == "TS609")
    }

    @Test func gpuListWithoutHeaderIsUnusable() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100))
        let report = try #require(
            VerifyFixtures.verify(spec: spec, captures: ["node01.gpus.csv": "0, NVIDIA H100 80GB HBM3\n"]))
        #expect(report.exitCode == 2)
        #expect(report.inputErrors.first?.code == "TS506")
        #expect(report.inputErrors.first?.location?.line == 1)
    }

    @Test func captureFileNamesSplitAtTheKind() {
        #expect(CaptureDirectory.split("dgx017.nvidia-smi.txt")?.0 == "dgx017")
        #expect(CaptureDirectory.split("node.example.com.nccl.xml")?.0 == "node.example.com")
        #expect(CaptureDirectory.split("notes.txt") == nil)
        #expect(CaptureDirectory.split(".gpus.csv") == nil)
    }

    @Test func ncclTestsOutputNamesCollectiveRanksAndLargestSize() throws {
        let text = VerifyFixtures.ncclTests(hosts: ["a", "b"], busbw: 123.5)
        guard let run = try? NCCLTestsOutput.parse(Array(text.utf8), path: "t.txt") else {
            Issue.record("parse"); return
        }
        #expect(run.collective == "all_reduce")
        #expect(run.hosts == ["a", "b"])
        #expect(run.ranks.count == 16)
        #expect(run.largestBytes == 8_589_934_592)
        #expect(run.busbw == 123.5)
    }
}

/// A spec that leaves out the node's NVLink gives one finding, not one per pair.
@Suite struct WholeNodeNVLinkTests {
    @Test func specWithoutNVLinkGivesOneFinding() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100))
        let withoutNVLink = spec.replacingOccurrences(
            of: "    nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}\n", with: "    nvlink: none\n")
        #expect(withoutNVLink != spec)
        let report = try #require(
            VerifyFixtures.verify(spec: withoutNVLink, captures: ["node01.nvidia-smi.txt": VerifyFixtures.h100]))
        #expect(
            report.diagnostics.map(\.message) == ["node01: all 28 GPU pairs have NV18, node type t declares no NVLink"])
    }
}

import Testing
import TopoEmit
import TopoModel

/// AMD GPUs' links are named as AMD names them (xGMI) in `place`, not NVLink.
@Suite struct ScaleUpLinkNameTests {
    @Test func placeNamesXGMIOnAMDAndNVLinkOnNVIDIA() throws {
        let amd = try Golden.spec("mi300x-node.yaml")
        #expect(ScaleUpLinkName.name(for: amd) == "xGMI")
        let plan = try PlacementReport.plan(spec: amd, jobName: "llama3-70b", seed: 1, seconds: 60).get()
        let text = PlacementReport.text(plan, spec: amd, jobName: "llama3-70b", table: false)
        #expect(text.contains("bytes over xGMI"))
        #expect(text.contains("TP groups on xGMI only"))
        #expect(!text.contains("NVLink"))

        #expect(ScaleUpLinkName.name(for: try Golden.spec("dgx-a100.yaml")) == "NVLink")
    }
}

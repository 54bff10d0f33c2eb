import Testing
@testable import TopoModel

@Suite struct SuggestionTests {
    @Test func closeTyposAreSuggested() {
        #expect(Suggestion.closest(to: "nvlinks", in: ["nvlink", "nics", "gpus"]) == "nvlink")
        #expect(Suggestion.closest(to: "h100-sxm-80gb", in: ["h100-sxm5-80gb", "h100-pcie-80gb"]) == "h100-sxm5-80gb")
        #expect(Suggestion.closest(to: "scokets", in: ["sockets", "pcie"]) == "sockets")
    }

    @Test func distantWordsAreNot() {
        #expect(Suggestion.closest(to: "banana", in: ["nvlink", "gpus"]) == nil)
        #expect(Suggestion.hint(for: "zz", in: ["nvlink"]) == "")
    }
}

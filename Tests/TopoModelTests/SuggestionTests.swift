import Testing

@testable import TopoModel

@Suite struct SuggestionTests {
    @Test func closeTyposAreSuggested() {
        #expect(Suggestion.closest(to: "nvlinks", in: ["nvlink", "nics", "gpus"]) == "nvlink")
        #expect(Suggestion.closest(to: "h100-sxm-80gb", in: ["h100-sxm5-80gb", "h100-pcie-80gb"]) == "h100-sxm5-80gb")
        #expect(Suggestion.closest(to: "scokets", in: ["sockets", "pcie"]) == "sockets")
    }

    /// Model names people shorten: `h100-sxm`, `cx7`, `4090`, `tp-over-pcie`.
    @Test func abbreviatedNamesAreSuggested() {
        let gpus = [
            "a100-sxm4-80gb", "h100-nvl-94gb", "h100-pcie-80gb", "h100-sxm5-80gb", "h800-sxm5-80gb", "rtx-4090",
        ]
        #expect(Suggestion.namesHint(for: "h100-sxm", in: gpus) == "; did you mean `h100-sxm5-80gb`?")
        #expect(Suggestion.namesHint(for: "4090", in: gpus) == "; did you mean `rtx-4090`?")
        #expect(
            Suggestion.namesHint(for: "h100", in: gpus)
                == "; did you mean one of `h100-nvl-94gb`, `h100-pcie-80gb`, `h100-sxm5-80gb`?")
        #expect(
            Suggestion.namesHint(for: "cx7", in: ["bluefield-3", "connectx-6", "connectx-7"])
                == "; did you mean `connectx-7`?")
        #expect(
            Suggestion.namesHint(
                for: "tp-over-pcie", in: ["tensor-parallel-across-nodes", "tensor-parallel-over-pcie"])
                == "; did you mean `tensor-parallel-over-pcie`?")
        #expect(Suggestion.namesHint(for: "zz", in: gpus) == "")
        #expect(Suggestion.namesHint(for: "b200", in: gpus) == "")
    }

    @Test func distantWordsAreNot() {
        #expect(Suggestion.closest(to: "banana", in: ["nvlink", "gpus"]) == nil)
        #expect(Suggestion.hint(for: "zz", in: ["nvlink"]) == "")
    }
}

@Suite struct NaturalOrderTests {
    @Test func numbersCompareAsNumbers() {
        let names = ["r10", "r2", "r06", "r1", "pex10", "pex9", "r05", "r04", "r03"]
        #expect(
            names.sorted(by: NaturalOrder.precedes) == ["pex9", "pex10", "r1", "r2", "r03", "r04", "r05", "r06", "r10"])
        #expect(NaturalOrder.precedes("r01", "r1") != NaturalOrder.precedes("r1", "r01"))
        #expect(!NaturalOrder.precedes("a", "a"))
    }
}

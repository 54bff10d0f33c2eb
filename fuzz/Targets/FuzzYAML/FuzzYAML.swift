// libFuzzer target: the YAML layer (`FuzzCheck.yaml`). `fuzz/run yaml SECONDS` runs it under
// libFuzzer; `.build/debug/FuzzYAML FILE...` replays files through the same check.

import FuzzSupport

@main enum Fuzz {
    static func main() { FuzzHarness.main(.yaml) }
}

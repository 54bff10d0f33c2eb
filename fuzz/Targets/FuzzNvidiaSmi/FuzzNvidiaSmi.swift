// libFuzzer target: the `nvidia-smi topo -m` importer (`FuzzCheck.nvidiaSmi`). `fuzz/run nvidia-smi SECONDS` runs it under
// libFuzzer; `.build/debug/FuzzNvidiaSmi FILE...` replays files through the same check.

import FuzzSupport

@main enum Fuzz {
    static func main() { FuzzHarness.main(.nvidiaSmi) }
}

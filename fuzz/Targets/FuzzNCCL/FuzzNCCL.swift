// libFuzzer target: the NCCL topology XML importer (`FuzzCheck.ncclXML`). `fuzz/run nccl-xml SECONDS` runs it under
// libFuzzer; `.build/debug/FuzzNCCL FILE...` replays files through the same check.

import FuzzSupport

@main enum Fuzz {
    static func main() { FuzzHarness.main(.ncclXML) }
}

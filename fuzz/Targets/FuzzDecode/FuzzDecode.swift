// libFuzzer target: the decoder (`FuzzCheck.decode`). `fuzz/run decode SECONDS` runs it under
// libFuzzer; `.build/debug/FuzzDecode FILE...` replays files through the same check.

import FuzzSupport

@main enum Fuzz {
    static func main() { FuzzHarness.main(.decode) }
}

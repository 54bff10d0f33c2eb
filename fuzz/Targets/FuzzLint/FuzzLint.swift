// libFuzzer target: the whole lint pipeline and its renderings (`FuzzCheck.lint`). `fuzz/run lint SECONDS` runs it under
// libFuzzer; `.build/debug/FuzzLint FILE...` replays files through the same check.

import FuzzSupport

@main enum Fuzz {
    static func main() { FuzzHarness.main(.lint) }
}

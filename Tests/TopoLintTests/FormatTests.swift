import Testing
import TopoDiagnostics

/// The one number formatter: the values it writes, and no trap on values that would overflow an
/// `Int` conversion (two of the five copies it replaced trapped on them).
@Suite struct FormatTests {
    @Test func numbersDropNeedlessFractions() {
        #expect(Format.number(50) == "50")
        #expect(Format.number(28.125) == "28.125")
        #expect(Format.number(28.1254, decimals: 3) == "28.125")
        #expect(Format.number(-3) == "-3")
        #expect(Format.oneDecimal(34.44) == "34.4")
        #expect(Format.oneDecimal(8) == "8")
        #expect(Format.oneDecimal(-0.5) == "-0.5")
        #expect(Format.bytes(34.4e9) == "34.4 GB")
        #expect(Format.bytes(512e6) == "512 MB")
        #expect(Format.bandwidth(gbs: 450) == "450 GB/s")
        #expect(Format.bandwidth(gbs: 31.5) == "31.5 GB/s")
        #expect(Format.seconds(12.3) == "12 s")
        #expect(Format.seconds(2.54) == "2.5 s")
        #expect(Format.seconds(0.34) == "340 ms")
        #expect(Format.seconds(0.0042) == "4.2 ms")
        #expect(Format.count(1, "GPU") == "1 GPU")
        #expect(Format.count(3, "GPU") == "3 GPUs")
        #expect(Format.count(0, "switch", plural: "switches") == "0 switches")
    }

    @Test(arguments: [
        1e300, -1e300, 9.3e18, Double.infinity, -Double.infinity, Double.nan, Double.greatestFiniteMagnitude,
    ])
    func hugeValuesDoNotTrap(value: Double) {
        #expect(!Format.number(value).isEmpty)
        #expect(!Format.number(value, decimals: 3).isEmpty)
        #expect(!Format.oneDecimal(value).isEmpty)
        #expect(!Format.bytes(value).isEmpty)
        #expect(!Format.bandwidth(gbs: value).isEmpty)
        #expect(!Format.seconds(value).isEmpty)
    }
}

/// Orders names the way people number things: runs of digits compare as numbers, so `r2` comes
/// before `r10` and `pex9` before `pex10`; other characters compare as they are. Drawings list
/// racks, node groups and PCIe switches in this order, not in the order a spec happens to name them.
package enum NaturalOrder {
    /// True when `a` comes before `b`. Equal numbers with different zero padding (`r01`, `r1`)
    /// fall back to the plain comparison, so the order is total.
    package static func precedes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                let (startI, startJ) = (i, j)
                while i < x.count && isDigit(x[i]) { i += 1 }
                while j < y.count && isDigit(y[j]) { j += 1 }
                let left = trimmed(x[startI..<i]), right = trimmed(y[startJ..<j])
                if left.count != right.count { return left.count < right.count }
                if left != right { return left.lexicographicallyPrecedes(right) }
            } else {
                if x[i] != y[j] { return x[i].value < y[j].value }
                i += 1
                j += 1
            }
        }
        if (x.count - i) != (y.count - j) { return (x.count - i) < (y.count - j) }
        return a < b
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private static func trimmed(_ digits: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        digits.drop { $0 == "0" }
    }
}

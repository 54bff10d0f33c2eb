/// Path patterns for `exclude:`: `*` matches within one path component, `**` any number of
/// components, `?` one character. Patterns are relative to the configuration file's folder.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.unicodeScalars)[...], Array(path.unicodeScalars)[...])
    }

    private static func match(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        if first == "*" {
            let rest = p.dropFirst()
            if rest.first == "*" {
                // `**`, optionally followed by `/`: any run of characters, slashes included.
                var after = rest.dropFirst()
                if after.first == "/" { after = after.dropFirst() }
                var i = s.startIndex
                while true {
                    if match(after, s[i...]) { return true }
                    if i == s.endIndex { return false }
                    i += 1
                }
            }
            var i = s.startIndex
            while true {
                if match(rest, s[i...]) { return true }
                if i == s.endIndex || s[i] == "/" { return false }
                i += 1
            }
        }
        guard let c = s.first else { return false }
        if first == "?" ? c != "/" : first == c { return match(p.dropFirst(), s.dropFirst()) }
        return false
    }
}

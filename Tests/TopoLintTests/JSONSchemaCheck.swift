import Foundation

/// A JSON value as parsed for schema checks: booleans, integers and other numbers kept apart
/// (JSONSerialization blurs them into NSNumber).
indirect enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            self = .int(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    subscript(key: String) -> JSONValue? {
        if case let .object(o) = self { return o[key] }
        return nil
    }

    var number: Double? {
        switch self {
        case let .int(i): Double(i)
        case let .double(d): d
        default: nil
        }
    }
}

/// The part of JSON Schema draft 2020-12 that topospec's output schemas (grammar/outputs) use:
/// `$ref` to `#/$defs/…`, `type`, `const`, `enum`, `properties`, `required`,
/// `additionalProperties`, `propertyNames`, `items`, `minimum`, `pattern`, `oneOf`, `anyOf`.
/// A keyword it does not know fails the check, so a schema cannot silently outgrow it; CI
/// validates the same outputs with check-jsonschema, a complete implementation.
struct JSONSchemaCheck {
    let root: JSONValue
    static let known: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum",
        "properties", "required", "additionalProperties", "propertyNames", "items", "minimum",
        "pattern", "oneOf", "anyOf",
    ]

    /// The problems of `value` against the root schema, one line each (`$.files[0].x: …`).
    func problems(_ value: JSONValue) -> [String] {
        var out: [String] = []
        check(value, root, "$", &out)
        return out
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ out: inout [String]) {
        guard case let .object(s) = schema else {
            if schema == .bool(false) { out.append("\(path): not allowed") }
            return
        }
        for key in s.keys where !Self.known.contains(key) {
            out.append("\(path): the schema uses `\(key)`, which this check does not know")
        }
        if case let .string(ref)? = s["$ref"] {
            let prefix = "#/$defs/"
            if ref.hasPrefix(prefix), let target = root["$defs"]?[String(ref.dropFirst(prefix.count))] {
                check(value, target, path, &out)
            } else {
                out.append("\(path): unresolvable $ref \(ref)")
            }
        }
        if let type = s["type"] {
            let names: [String]
            switch type {
            case let .string(t): names = [t]
            case let .array(list): names = list.compactMap { if case let .string(t) = $0 { t } else { nil } }
            default: names = []
            }
            if !names.contains(where: { Self.has(value, type: $0) }) {
                out.append("\(path): expected \(names.joined(separator: " or ")), got \(value)")
            }
        }
        if let c = s["const"], !Self.equal(c, value) { out.append("\(path): expected \(c), got \(value)") }
        if case let .array(options)? = s["enum"], !options.contains(where: { Self.equal($0, value) }) {
            out.append("\(path): \(value) is not one of \(options)")
        }
        if let m = s["minimum"]?.number, let n = value.number, n < m { out.append("\(path): \(n) is below \(m)") }
        if case let .string(pattern)? = s["pattern"], case let .string(text) = value {
            if let regex = try? Regex(pattern) {
                if (try? regex.firstMatch(in: text)) == nil {
                    out.append("\(path): `\(text)` does not match \(pattern)")
                }
            } else {
                out.append("\(path): bad pattern \(pattern)")
            }
        }
        if case let .object(object) = value {
            let properties: [String: JSONValue]
            if case let .object(p)? = s["properties"] { properties = p } else { properties = [:] }
            if case let .array(required)? = s["required"] {
                for case let .string(key) in required where object[key] == nil {
                    out.append("\(path): required key `\(key)` is missing")
                }
            }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let names = s["propertyNames"] { check(.string(key), names, "\(path).\(key) (name)", &out) }
                if let p = properties[key] {
                    check(item, p, "\(path).\(key)", &out)
                } else if let extra = s["additionalProperties"] {
                    if extra == .bool(false) {
                        out.append("\(path): key `\(key)` is not declared in the schema")
                    } else {
                        check(item, extra, "\(path).\(key)", &out)
                    }
                }
            }
        }
        if case let .array(items) = value, let itemSchema = s["items"] {
            for (i, item) in items.enumerated() { check(item, itemSchema, "\(path)[\(i)]", &out) }
        }
        for (keyword, exactlyOne) in [("oneOf", true), ("anyOf", false)] {
            guard case let .array(branches)? = s[keyword] else { continue }
            var results: [[String]] = []
            for branch in branches {
                var branchProblems: [String] = []
                check(value, branch, path, &branchProblems)
                results.append(branchProblems)
            }
            let passing = results.filter(\.isEmpty).count
            if passing == 0 {
                let closest = results.min { $0.count < $1.count } ?? []
                out.append("\(path): matches no branch of \(keyword); closest: \(closest.joined(separator: "; "))")
            } else if exactlyOne && passing > 1 {
                out.append("\(path): matches \(passing) branches of oneOf")
            }
        }
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double),
            ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", let .double(d)): d == d.rounded()
        default: false
        }
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.number, let y = b.number { return x == y }
        return a == b
    }
}

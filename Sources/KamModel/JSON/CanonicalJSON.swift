import Foundation

/// A JSON value whose object keys keep the order they were added in and whose numbers are text,
/// so that writing it is deterministic and exact. Used to write the workspace document.
public indirect enum CanonicalJSON: Sendable, Hashable {
    case object([(String, CanonicalJSON)])
    case array([CanonicalJSON])
    case string(String)
    /// JSON number text, already canonical (see `Decimal.jsonNumberText(scale:)`).
    case number(String)
    case bool(Bool)

    public static func == (a: CanonicalJSON, b: CanonicalJSON) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(x), .array(y)): x == y
        case let (.string(x), .string(y)), let (.number(x), .number(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .object(let pairs): for (k, v) in pairs { hasher.combine(k); hasher.combine(v) }
        case .array(let items): hasher.combine(items)
        case .string(let s), .number(let s): hasher.combine(s)
        case .bool(let b): hasher.combine(b)
        }
    }

    /// The text: two-space indentation, `": "` after keys, non-ASCII as UTF-8, and a final newline.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out.append("\n")
        return out
    }

    /// The UTF-8 bytes of `serialized()`.
    public func serializedData() -> Data { Data(serialized().utf8) }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for (i, (key, value)) in pairs.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                Self.writeString(key, to: &out)
                out.append(": ")
                value.write(to: &out, indent: indent + 1)
                out.append(i + 1 < pairs.count ? ",\n" : "\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("}")
        case .array(let items):
            guard !items.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for (i, item) in items.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                item.write(to: &out, indent: indent + 1)
                out.append(i + 1 < items.count ? ",\n" : "\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("]")
        case .string(let s):
            Self.writeString(s, to: &out)
        case .number(let n):
            out.append(n)
        case .bool(let b):
            out.append(b ? "true" : "false")
        }
    }

    /// The one escaping function of the workspace JSON (RFC 8259 § 7): quote, backslash and C0 controls.
    static func writeString(_ s: String, to out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 {
                    out.append(String(format: "\\u%04x", scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}

/// Builds a JSON object in a fixed key order, leaving out absent and empty values (MODEL.md § Document).
struct JSONObjectBuilder {
    private(set) var pairs: [(String, CanonicalJSON)] = []

    var node: CanonicalJSON { .object(pairs) }

    mutating func add(_ key: String, _ value: String?) {
        if let value, !value.isEmpty { pairs.append((key, .string(value))) }
    }

    mutating func add<V: Vocabulary>(_ key: String, _ value: V?) {
        if let value { pairs.append((key, .string(value.rawValue))) }
    }

    mutating func add(_ key: String, _ value: LocalDate?) {
        if let value { pairs.append((key, .string(value.iso))) }
    }

    mutating func add(_ key: String, _ value: LocalDateTime?) {
        if let value { pairs.append((key, .string(value.iso))) }
    }

    mutating func add(_ key: String, _ value: Bool?) {
        if let value { pairs.append((key, .bool(value))) }
    }

    /// A flag whose false is its absence (`primary`).
    mutating func addFlag(_ key: String, _ value: Bool) {
        if value { pairs.append((key, .bool(true))) }
    }

    mutating func add(_ key: String, _ value: Int?) {
        if let value { pairs.append((key, .number(String(value)))) }
    }

    /// A number; `scale` rounds it first (money: 2 places).
    mutating func add(_ key: String, _ value: Decimal?, scale: Int? = nil) {
        if let text = value?.jsonNumberText(scale: scale) { pairs.append((key, .number(text))) }
    }

    mutating func add(_ key: String, _ values: [String]) {
        let kept = values.filter { !$0.isEmpty }
        if !kept.isEmpty { pairs.append((key, .array(kept.map { .string($0) }))) }
    }

    /// A list of objects; objects that come out empty are kept (to keep list positions), the list is
    /// left out when it has no items.
    mutating func add(_ key: String, _ nodes: [CanonicalJSON]) {
        if !nodes.isEmpty { pairs.append((key, .array(nodes))) }
    }

    mutating func add(_ key: String, object: CanonicalJSON) {
        if case .object(let p) = object, p.isEmpty { return }
        pairs.append((key, object))
    }
}

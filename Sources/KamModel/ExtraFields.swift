/// The columns of a team's sheet that map to no field, header text → cell text (MODEL.md § Customer `extra`).
///
/// Order: pairs keep the order they were added in (the sheet's column order), and the store keeps that
/// order. The workspace JSON writes the keys sorted by UTF-8 bytes, so its bytes do not depend on
/// where a customer came from; after a JSON import the order is therefore the sorted one. Equality and
/// hashing ignore order: `extra` is a map whose order is only a courtesy.
public struct ExtraFields: Sendable, Hashable, Codable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Key = String
    public typealias Value = String

    /// The pairs in insertion order; keys are unique.
    public private(set) var pairs: [(key: String, value: String)] = []

    public init() {}

    /// Pairs in the given order; a repeated key keeps its first position and its last value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, String) {
        for (k, v) in pairs { self[k] = v }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The value for a header; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> String? {
        get { pairs.first { $0.key == key }?.value }
        set {
            if let i = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }
    public var keys: [String] { pairs.map(\.key) }

    /// The pairs sorted by key (UTF-8 byte order): the order of the workspace JSON.
    public var sortedPairs: [(key: String, value: String)] {
        pairs.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> {
        pairs.makeIterator()
    }

    public static func == (a: ExtraFields, b: ExtraFields) -> Bool {
        a.pairs.count == b.pairs.count && a.pairs.allSatisfy { b[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        for p in sortedPairs {
            hasher.combine(p.key)
            hasher.combine(p.value)
        }
    }

    private struct JSONKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes a JSON object of strings; key order is whatever the decoder gives, so it is sorted.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        var out = ExtraFields()
        for key in c.allKeys.sorted(by: { $0.stringValue.utf8.lexicographicallyPrecedes($1.stringValue.utf8) }) {
            out[key.stringValue] = try c.decode(String.self, forKey: key)
        }
        self = out
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        for p in pairs { try c.encode(p.value, forKey: JSONKey(stringValue: p.key)) }
    }
}

/// A customer's key: the text of its 客户编号 / Customer ID column, or one kam generated.
///
/// Compared and ordered by UTF-8 bytes, the same order as SQLite's BINARY collation, so the store's
/// `ORDER BY id` and the workspace document agree (MODEL.md § Document: customers ordered by id).
public struct CustomerID: RawRepresentable, Sendable, Hashable, Comparable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible {
    /// The id's text.
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static func < (a: CustomerID, b: CustomerID) -> Bool {
        a.rawValue.utf8.lexicographicallyPrecedes(b.rawValue.utf8)
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

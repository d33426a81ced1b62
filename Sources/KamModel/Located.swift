/// A value together with the place it was read from, when it was read from a sheet.
public struct Located<Value> {
    /// The value.
    public var value: Value
    /// The cell it came from; nil for values that did not come from a sheet.
    public var location: SourceLocation?

    public init(_ value: Value, at location: SourceLocation? = nil) {
        self.value = value
        self.location = location
    }

    /// The same location with a transformed value.
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> Located<T> {
        Located<T>(try transform(value), at: location)
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Codable where Value: Codable {}

/// Where each field of a customer came from: field path → cell.
///
/// Paths name a field as the workspace JSON does, with list indices: `name`, `contacts[0].phone`,
/// `transactions[2].amount`, `extra.微博账号`. The store keeps it; the workspace JSON does not.
public typealias Provenance = [String: SourceLocation]

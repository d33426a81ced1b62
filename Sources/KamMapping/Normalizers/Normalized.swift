/// The finding codes of CONTRACTS.md that reading one value can give.
public enum ValueIssueCode: String, Sendable, Hashable, CaseIterable {
    case invalidDate = "invalid-date"
    case invalidNumber = "invalid-number"
    case invalidEmail = "invalid-email"
    case invalidPhone = "invalid-phone"
    case ambiguousDate = "ambiguous-date"
    case outOfRange = "out-of-range"
    case unknownLabel = "unknown-label"
}

/// Why a value could not be taken as it is.
public struct ValueIssue: Sendable, Hashable {
    /// The finding code.
    public var code: ValueIssueCode
    /// The value as typed (what the cell showed), kept so that it can be reported and, for emails, stored as is.
    public var original: String
    /// A short English reason for logs and messages (`month 13`, `two readings`).
    public var reason: String

    public init(_ code: ValueIssueCode, original: String, reason: String) {
        self.code = code
        self.original = original
        self.reason = reason
    }
}

/// The outcome of normalising one value.
public enum Normalized<Value: Sendable & Hashable>: Sendable, Hashable {
    /// A good value.
    case value(Value)
    /// Nothing there (empty cell, blanks only).
    case empty
    /// Unreadable as the field's type.
    case invalid(ValueIssue)
    /// Readable more than one way (`03/05/2024`); the readings, never guessed between.
    case ambiguous([Value], ValueIssue)
    /// Read, but outside the field's range (satisfaction 120); the value read is kept for reports.
    case outOfRange(Value, ValueIssue)

    /// The good value, or nil.
    public var value: Value? {
        if case .value(let v) = self { return v }
        return nil
    }

    /// The issue to report, or nil for a good or empty value.
    public var issue: ValueIssue? {
        switch self {
        case .value, .empty: return nil
        case .invalid(let i), .ambiguous(_, let i), .outOfRange(_, let i): return i
        }
    }

    /// The finding code (CONTRACTS.md) this outcome gives, or nil.
    public var findingCode: String? { issue?.code.rawValue }

    /// The same outcome with the value transformed.
    public func map<T: Sendable & Hashable>(_ f: (Value) -> T) -> Normalized<T> {
        switch self {
        case .value(let v): return .value(f(v))
        case .empty: return .empty
        case .invalid(let i): return .invalid(i)
        case .ambiguous(let vs, let i): return .ambiguous(vs.map(f), i)
        case .outOfRange(let v, let i): return .outOfRange(f(v), i)
        }
    }
}

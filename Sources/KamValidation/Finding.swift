import KamModel

/// One thing a report flags: what, how serious, where a person fixes it, and the other side of a conflict.
public struct Finding: Sendable, Hashable {
    public var code: FindingCode
    public var severity: Severity
    /// Where a person fixes it; nil for findings about the store alone.
    public var location: SourceLocation?
    /// The customer id (or plan id) concerned.
    public var record: String?
    /// The field path, e.g. `owner`, `contacts.phone`, `feedback.resolvedAt` (for unmapped columns: the header).
    public var field: String?
    /// The field's name in the user's own words (the header they used), for messages.
    public var fieldLabel: String?
    /// The value found, as text.
    public var value: String?
    /// What was expected, in words.
    public var expected: String?
    /// The other places of a conflict or duplicate.
    public var related: [Related]

    /// Another place a finding concerns.
    public struct Related: Sendable, Hashable {
        public var location: SourceLocation?
        public var value: String?
        public init(location: SourceLocation?, value: String? = nil) {
            self.location = location
            self.value = value
        }
    }

    public init(code: FindingCode, severity: Severity? = nil, location: SourceLocation?, record: String? = nil,
                field: String? = nil, fieldLabel: String? = nil, value: String? = nil, expected: String? = nil,
                related: [Related] = []) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.location = location
        self.record = record
        self.field = field
        self.fieldLabel = fieldLabel
        self.value = value
        self.expected = expected
        self.related = related
    }
}

import KamModel

/// One data row of a sheet as extraction read it: what validation needs beyond the merged customers — the
/// cell of every mapped column (also empty ones, so that a missing value can be pointed at) and which values
/// were rejected (already reported by extraction).
public struct SourceRow: Sendable, Hashable {
    /// `customer`, or the customer's list the row feeds: `contacts`, `transactions`, `feedback`, ….
    public var record: String
    public var file: String
    public var sheet: String
    /// 0-based row.
    public var row: Int
    /// The customer the row belongs to (its id, given or generated), if known.
    public var customerID: String?
    /// Field path (`name`, `owner`, `contacts.phone`, `transactions.amount`) → canonical text of a good value.
    public var values: [String: String]
    /// Field path → the cell of its column in this row, empty or not.
    public var cells: [String: SourceLocation]
    /// Paths whose value extraction reported (invalid, ambiguous, out of range, unknown label).
    public var rejected: Set<String>
    /// Field path → the user's own header text for it (for messages).
    public var headers: [String: String] = [:]

    public init(record: String, file: String, sheet: String, row: Int, customerID: String? = nil,
                values: [String: String] = [:], cells: [String: SourceLocation] = [:], rejected: Set<String> = []) {
        self.record = record
        self.file = file
        self.sheet = sheet
        self.row = row
        self.customerID = customerID
        self.values = values
        self.cells = cells
        self.rejected = rejected
    }

    /// Whether the row states a value (good or rejected) for a path.
    public func states(_ path: String) -> Bool { values[path] != nil || rejected.contains(path) }
}

/// What a validation run looks at: merged customers (with provenance), and, for sheets, their rows.
public struct ValidationInput: Sendable {
    /// Customers in the order they were first met (sheet order), or the store's order.
    public var customers: [Customer]
    /// The rows of the sheets (empty when validating the store alone).
    public var rows: [SourceRow]
    /// Customers of the store, when sheets are compared with it (`conflicting-value`).
    public var storeCustomers: [Customer]?

    /// Segments computed from transactions (MODEL.md § Metrics), by customer id; empty: not checked.
    public var computedSegments: [String: Segment] = [:]
    /// Plans to check (the store's); empty: none.
    public var plans: [Plan] = []

    public init(customers: [Customer], rows: [SourceRow] = [], storeCustomers: [Customer]? = nil) {
        self.customers = customers
        self.rows = rows
        self.storeCustomers = storeCustomers
    }
}

/// The settings rules take (from kam.yaml's `validation` section, or the defaults).
public struct ValidationSettings: Sendable, Hashable {
    /// Required fields per record (`customer`, `transaction`, `feedback`), names as in the workspace JSON.
    public var requiredFields: [String: [String]]
    /// `owner`, `primaryContact.phoneOrEmail`.
    public var keyAccountRequires: [String]
    public var slaHours: Int
    /// Relative tolerance of `total-mismatch` (0.01 = 1 %).
    public var totalTolerance: Double
    /// Severity overrides by code.
    public var severities: [FindingCode: Severity]

    public init(requiredFields: [String: [String]] = ["customer": ["name"], "transaction": ["date", "amount"],
                                                       "feedback": ["receivedAt"]],
                keyAccountRequires: [String] = ["owner", "primaryContact.phoneOrEmail"], slaHours: Int = 24,
                totalTolerance: Double = 0.01, severities: [FindingCode: Severity] = [:]) {
        self.requiredFields = requiredFields
        self.keyAccountRequires = keyAccountRequires
        self.slaHours = slaHours
        self.totalTolerance = totalTolerance
        self.severities = severities
    }
}

/// A normalised comparison key for names, phones and e-mails: NFKC, case-folded, blanks and common
/// punctuation removed.
public enum MatchKey {
    public static func of(_ text: String?) -> String? {
        guard let text else { return nil }
        if let key = plainKey(text) { return key.isEmpty ? nil : key }
        return unicodeKey(text)
    }

    /// The key through NFKC and full case folding (any text).
    static func unicodeKey(_ text: String) -> String? {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        let kept = folded.unicodeScalars.filter { s in
            !(s.properties.isWhitespace || s.value == 0x3000 || "·.,，。-_()（）".unicodeScalars.contains(s))
        }
        let key = String(String.UnicodeScalarView(kept))
        return key.isEmpty ? nil : key
    }

    /// The key of text made only of ASCII and unified CJK ideographs, which NFKC leaves as they are (most names,
    /// phones and e-mails): folded without the Unicode normaliser, which cost more than the rest of validation.
    /// Nil for any other text.
    static func plainKey(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            switch s.value {
            case 0x41...0x5A: bytes.append(UInt8(s.value) | 0x20)
            case 0x20, 0x09...0x0D, 0x2E, 0x2C, 0x2D, 0x5F, 0x28, 0x29: continue  // blanks and ".,-_()"
            case 0x00...0x7F: bytes.append(UInt8(s.value))
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: bytes.append(contentsOf: String(s).utf8)
            default: return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

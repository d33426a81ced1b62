/// The report codes of CONTRACTS.md, each a rule of its own.
public enum FindingCode: String, Sendable, Hashable, Codable, CaseIterable {
    case missingField = "missing-field"
    case missingKeyAccountField = "missing-key-account-field"
    case missingPlanField = "missing-plan-field"
    case duplicateID = "duplicate-id"
    case conflictingValue = "conflicting-value"
    case probableDuplicate = "probable-duplicate"
    case sharedContact = "shared-contact"
    case invalidDate = "invalid-date"
    case invalidNumber = "invalid-number"
    case invalidEmail = "invalid-email"
    case invalidPhone = "invalid-phone"
    case ambiguousDate = "ambiguous-date"
    case outOfRange = "out-of-range"
    case unknownLabel = "unknown-label"
    case segmentMismatch = "segment-mismatch"
    case dateOrder = "date-order"
    case totalMismatch = "total-mismatch"
    case slaBreach = "sla-breach"
    case syncConflict = "sync-conflict"
    case missingColumn = "missing-column"
    case duplicateHeader = "duplicate-header"
    case unmappedColumn = "unmapped-column"

    /// The default severity of the code (CONTRACTS.md); `kam.yaml` may change it.
    public var defaultSeverity: Severity {
        switch self {
        case .missingPlanField, .probableDuplicate, .sharedContact, .ambiguousDate, .segmentMismatch,
             .totalMismatch, .slaBreach, .duplicateHeader:
            return .warning
        case .unmappedColumn:
            return .info
        default:
            return .error
        }
    }
}

/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case error, warning, info

    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

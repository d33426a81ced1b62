/// A typed cell value. An empty cell has no value (`nil`), never a case of its own.
///
/// The cases match the `type` field of `kam inspect --json` (CONTRACTS.md).
public enum CellValue: Sendable, Hashable {
    /// Text, after XML and `_xHHHH_` decoding.
    case string(String)
    /// A plain number.
    case number(Double)
    /// TRUE or FALSE.
    case bool(Bool)
    /// A calendar date with no time of day.
    case date(CivilDateTime)
    /// A date with a time of day.
    case dateTime(CivilDateTime)
    /// A time of day (its date fields are zero).
    case time(CivilDateTime)
    /// An elapsed time, in seconds (may exceed 24 h or be negative).
    case duration(Double)
    /// A cached error such as `#N/A` or `#DIV/0!` (LibreOffice ODS: `Err:510`).
    case error(String)

    /// The `type` word of the inspect contract.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .number: return "number"
        case .bool: return "bool"
        case .date: return "date"
        case .dateTime: return "datetime"
        case .time: return "time"
        case .duration: return "duration"
        case .error: return "error"
        }
    }

    /// The value as text a person would read: ISO dates, numbers without a trailing `.0`.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .number(let d): return NumberText.format(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.isoDate
        case .dateTime(let d): return d.isoDateTime
        case .time(let d): return d.isoTime
        case .duration(let s): return CivilDateTime.isoDuration(s)
        case .error(let e): return e
        }
    }
}

/// Formatting numbers as spreadsheets show them in plain cells.
public enum NumberText {
    /// Shortest round-trip text of a double; integral values without `.0`.
    public static func format(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

import Foundation
import KamMapping
import KamModel

extension FieldValue {
    var string: String? {
        switch self {
        case .text(let s), .label(let s): return s
        case .texts(let l): return l.joined(separator: "；")
        default: return nil
        }
    }
    var decimal: Decimal? { if case .decimal(let d) = self { return d }; return nil }
    var date: LocalDate? {
        switch self {
        case .date(let d): return d
        case .dateTime(let d): return d.date
        default: return nil
        }
    }
    var dateTime: LocalDateTime? {
        switch self {
        case .dateTime(let d): return d
        case .date(let d): return LocalDateTime(date: d)
        default: return nil
        }
    }
    var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    var texts: [String]? {
        switch self {
        case .texts(let l): return l
        case .text(let s): return [s]
        default: return nil
        }
    }
    var int: Int? { decimal.map { NSDecimalNumber(decimal: $0).intValue } }

    /// Canonical text, for counting values that normalising changed.
    var canonicalText: String {
        switch self {
        case .text(let s), .label(let s): return s
        case .texts(let l): return l.joined(separator: "；")
        case .date(let d): return d.iso
        case .dateTime(let d): return d.iso
        case .decimal(let d): return d.jsonNumberText(scale: 4) ?? ""
        case .bool(let b): return b ? "TRUE" : "FALSE"
        }
    }
}

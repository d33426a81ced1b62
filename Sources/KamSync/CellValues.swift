import Foundation
import KamModel
import KamSheets

/// Canonical text → the cell value a bound column holds.
enum CellValues {
    static func cell(_ text: String?, type: SyncFieldType?) -> CellValue? {
        guard let text, !text.isEmpty else { return nil }
        switch type ?? .text {
        case .text, .texts:
            return .string(text)
        case .number, .percent:
            if let d = Double(text) { return .number(d) }
            return .string(text)
        case .date:
            if let d = LocalDate(iso: String(text.prefix(10))) {
                return .date(CivilDateTime(year: d.year, month: d.month, day: d.day))
            }
            return .string(text)
        case .dateTime:
            if let t = LocalDateTime(iso: text) {
                return .dateTime(CivilDateTime(year: t.date.year, month: t.date.month, day: t.date.day,
                                               hour: t.hour, minute: t.minute, second: t.second))
            }
            if let d = LocalDate(iso: text) { return .date(CivilDateTime(year: d.year, month: d.month, day: d.day)) }
            return .string(text)
        case .label(let labels):
            return .string(labels[text] ?? text)
        }
    }
}

import Foundation
import KamModel
import KamSheets

/// What a filled workbook records of its binding, so that reading back finds bound cells after their markers
/// were replaced by values: a hidden sheet `_kam` with one row per binding, and a workbook defined name per
/// binding (`kam_1`, `kam_2`, …) that moves with rows inserted or deleted above it.
///
/// `_kam` layout: row 1 `kam.binding/1 | template | plan id | plan kind | period | customer id | live figures …`;
/// row 2 headers; then `name | value|each | sheet | A1 address at fill | cell text or #each directive | column
/// texts …`. A live figure (`churn_rate=0.5`) is a KPI's computed value the filler wrote where the plan had none
/// (`.actual` falls back to it), so reading back can tell it from a figure the team typed.
public struct BindingRecord: Sendable, Hashable {
    public static let sheetName = "_kam"
    public static let formatTag = "kam.binding/1"

    /// One bound cell or repeating row block.
    public struct Entry: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case value, each }
        /// The defined name (`kam_3`).
        public var name: String
        public var kind: Kind
        public var sheet: String
        /// The cell (`value`) or the filled rows (`each`) at fill time.
        public var range: CellRange
        /// The cell's template text (`value`), or the `#each` directive text (`each`).
        public var text: String
        /// For `each`: the template text of each column of the row from the range's first column ("" unbound).
        public var columns: [String]
    }

    public var template: String
    public var planID: String
    public var planKind: String
    public var period: String
    public var customerID: String
    public var entries: [Entry]
    /// The computed KPI figures written in place of a missing plan actual, by KPI key (metric or custom name).
    public var liveFigures: [String: Decimal] = [:]

    /// The `_kam` sheet's rows.
    public var rows: [[CellValue?]] {
        var out: [[CellValue?]] = [
            [.string(Self.formatTag), .string(template), .string(planID), .string(planKind), .string(period),
             customerID.isEmpty ? nil : .string(customerID)]
                + liveFigures.sorted { $0.key < $1.key }.map { .string("\($0.key)=\($0.value.jsonNumberText() ?? "0")") },
            ["名称", "类型", "工作表", "位置", "绑定", "各列"].map { .string($0) },
        ]
        for e in entries {
            out.append([.string(e.name), .string(e.kind.rawValue), .string(e.sheet), .string(e.range.a1), .string(e.text)]
                       + e.columns.map { $0.isEmpty ? nil : .string($0) })
        }
        return out
    }

    /// The defined-name formula of an entry: `'Sheet'!$A$1:$F$3`.
    public static func formula(sheet: String, range: CellRange) -> String {
        let q = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'!"
        func abs(_ r: CellReference) -> String { "$" + ColumnName.letters(r.column) + "$" + String(r.row + 1) }
        return range.start == range.end ? q + abs(range.start) : q + abs(range.start) + ":" + abs(range.end)
    }

    /// Parses `'Sheet'!$A$1:$F$3` (or `Sheet!A1`) into sheet and range; nil for anything else (`#REF!`, …).
    public static func parseFormula(_ f: String) -> (String, CellRange)? {
        var t = f.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("=") { t.removeFirst() }
        guard let bang = t.lastIndex(of: "!") else { return nil }
        var sheet = String(t[..<bang])
        if sheet.hasPrefix("'"), sheet.hasSuffix("'"), sheet.count >= 2 {
            sheet = String(sheet.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        let addr = t[t.index(after: bang)...].replacingOccurrences(of: "$", with: "")
        // LibreOffice writes `Sheet!A1:Sheet!F3` for some ranges; keep the cell part of each end.
        let ends = addr.split(separator: ":").map { $0.split(separator: "!").last.map(String.init) ?? "" }
        guard let a = ends.first.flatMap({ CellReference(a1: $0) }) else { return nil }
        let b = ends.count > 1 ? CellReference(a1: ends[1]) : a
        guard let b else { return nil }
        return (sheet, CellRange(a, b))
    }

    /// Reads the record from a workbook's `_kam` sheet; nil when there is none.
    /// - Throws: `TemplateError.badRecord` when the sheet is there but damaged.
    public static func read(_ wb: Workbook, file: String) throws(TemplateError) -> BindingRecord? {
        guard let sheet = wb.sheet(named: sheetName) else { return nil }
        var grid: [Int: [Int: String]] = [:]
        for c in sheet.cells { if let v = c.value { grid[c.row, default: [:]][c.column] = v.text } }
        func at(_ r: Int, _ c: Int) -> String { grid[r]?[c] ?? "" }
        guard at(0, 0) == formatTag else { throw TemplateError(.badRecord("A1 is not \(formatTag)"), file: file) }
        var entries: [Entry] = []
        for r in (grid.keys.filter { $0 >= 2 }).sorted() {
            let name = at(r, 0)
            guard !name.isEmpty else { continue }
            guard let kind = Entry.Kind(rawValue: at(r, 1)), let range = CellRange(a1: at(r, 3)) ?? CellReference(a1: at(r, 3)).map({ CellRange($0, $0) }) else {
                throw TemplateError(.badRecord("row \(r + 1)"), file: file)
            }
            let lastColumn = grid[r]?.keys.max() ?? 4
            let columns = lastColumn >= 5 ? (5...lastColumn).map { at(r, $0) } : []
            entries.append(Entry(name: name, kind: kind, sheet: at(r, 2), range: range, text: at(r, 4), columns: columns))
        }
        var live: [String: Decimal] = [:]
        for c in (grid[0]?.keys.filter { $0 >= 6 } ?? []) {
            let pair = at(0, c).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, let d = Decimal(exactText: pair[1]) { live[pair[0]] = d }
        }
        var record = BindingRecord(template: at(0, 1), planID: at(0, 2), planKind: at(0, 3), period: at(0, 4),
                                   customerID: at(0, 5), entries: entries)
        record.liveFigures = live
        return record
    }
}

import Foundation
import KamSheets

/// The bindings found in a template workbook: single bound cells and repeating rows, per sheet.
public struct TemplateScan: Sendable, Hashable {
    /// A cell bound to one or more values.
    public struct BoundCell: Sendable, Hashable {
        public var sheet: String
        public var cell: CellReference
        public var template: CellTemplate
        /// The cell's style index in the workbook.
        public var style: Int
    }

    /// A repeating row: one row per item of the `#each` collection.
    public struct Block: Sendable, Hashable {
        public var sheet: String
        /// 0-based row of the template row.
        public var row: Int
        public var directive: EachDirective
        /// The first and last column the row uses.
        public var firstColumn: Int
        public var lastColumn: Int
        /// The template row's cells by column: bound ones parsed, others kept (literals and formulas copy down).
        public var cells: [Int: Cell]
        public var templates: [Int: CellTemplate]
    }

    public var cells: [BoundCell]
    public var blocks: [Block]
    /// The workbook's styles (for number formats of bound cells).
    public var styles: [CellStyle]

    /// Finds every `{{…}}` binding in a workbook.
    /// - Throws: `BindingError` naming the sheet and cell of a tag that does not parse.
    public static func scan(_ wb: Workbook) throws(BindingError) -> TemplateScan {
        var cells: [BoundCell] = [], blocks: [Block] = []
        for sheet in wb.sheets where sheet.kind == .worksheet && sheet.name != BindingRecord.sheetName {
            var parsed: [Int: [(Cell, CellTemplate)]] = [:]
            var rowCells: [Int: [Cell]] = [:]
            for c in sheet.cells {
                rowCells[c.row, default: []].append(c)
                guard case .string(let s)? = c.value else { continue }
                do {
                    if let t = try BindingParser.parseCell(s) { parsed[c.row, default: []].append((c, t)) }
                } catch {
                    var e = error
                    e.sheet = sheet.name
                    e.cell = c.reference.a1
                    throw e
                }
            }
            for row in parsed.keys.sorted() {
                let items = parsed[row] ?? []
                let directives = items.filter { $0.1.each != nil }
                if directives.count > 1 {
                    throw BindingError(text: directives[1].1.source, reason: "two #each in one row",
                                       sheet: sheet.name, cell: directives[1].0.reference.a1)
                }
                if let (first, t) = directives.first, let d = t.each {
                    let all = rowCells[row] ?? []
                    var byColumn: [Int: Cell] = [:]
                    for c in all { byColumn[c.column] = c }
                    var templates: [Int: CellTemplate] = [:]
                    for (c, t) in items { templates[c.column] = t }
                    let cols = all.map(\.column)
                    blocks.append(Block(sheet: sheet.name, row: row, directive: d,
                                        firstColumn: min(first.column, cols.min() ?? first.column),
                                        lastColumn: max(first.column, cols.max() ?? first.column),
                                        cells: byColumn, templates: templates))
                } else {
                    for (c, t) in items { cells.append(BoundCell(sheet: sheet.name, cell: c.reference, template: t, style: c.style)) }
                }
            }
        }
        return TemplateScan(cells: cells, blocks: blocks, styles: wb.styles)
    }

    /// Whether the workbook holds no binding at all.
    public var isEmpty: Bool { cells.isEmpty && blocks.isEmpty }
}

import Foundation
import KamXML

/// Streams the non-empty cells of one ODS table (`table:table` in content.xml) in row-major order.
///
/// `number-columns-repeated` and `number-rows-repeated` are expanded lazily: empty repeats only move the
/// position (LibreOffice's 16,372-column row tails and its last row repeated to 1,048,576 cost nothing);
/// non-empty repeats are expanded one cell at a time as `next()` is called, after checking them against
/// `SpreadsheetLimits.maxRepeat` and `maxCellsPerSheet`, so an absurd repeat fails at once in bounded memory.
///
/// Values stored in covered cells (`table:covered-table-cell`, hidden by a merge) are kept; spans become
/// `SheetLayout.mergedRanges`.
final class ODSTableCursor: SheetCursor {
    private let stream: ODSContentStream
    private let x: XMLScanner
    private let styles: ODSStyles
    private let limits: SpreadsheetLimits
    private let sheet: String
    private(set) var layout = SheetLayout()

    /// Depth of the `table:table` start element.
    private let tableDepth: Int
    private var done = false
    /// The row the next `table:table-row` starts at.
    private var row = 0
    /// The column the next cell of the current row starts at.
    private var column = 0
    private var columnCursor = 0
    /// Column default cell styles, as runs of columns (sorted, non-overlapping).
    private var columnStyles: [(start: Int, end: Int, style: Int)] = []

    /// A non-empty cell of the current row, repeated `count` times from `column`.
    private struct Pending {
        var column: Int
        var count: Int
        var value: CellValue?
        var formula: String?
        var style: Int
    }
    private var pending: [Pending] = []
    private var pendingBaseRow = 0
    private var pendingRows = 0
    private var emitRow = 0, emitCell = 0, emitCopy = 0
    /// Cells promised so far (checked against `maxCellsPerSheet` before expansion).
    private var promised = 0
    private var text: [UInt8] = []
    private var lastStyleName: [UInt8] = []
    private var lastStyleIndex = 0

    /// Runs of more rows or columns than this do not go into the layout's per-index dictionaries (they are the
    /// fillers to the sheet's edge that LibreOffice writes).
    private static let layoutRunCap = 1024

    init(stream: ODSContentStream, sheet: String, styles: ODSStyles, limits: SpreadsheetLimits, frozen: FrozenPanes?) {
        self.stream = stream
        self.x = stream.scanner
        self.sheet = sheet
        self.styles = styles
        self.limits = limits
        tableDepth = stream.scanner.depth
        layout.frozen = frozen
        // A self-closing `<table:table/>` holds nothing.
        done = stream.scanner.isSelfClosing
        if done { try? stream.scanner.next() }
    }

    func next() throws(SpreadsheetError) -> Cell? {
        while true {
            if emitRow < pendingRows {
                let count = pending[emitCell].count
                let cell: Cell
                if emitCopy + 1 >= count && emitRow + 1 == pendingRows {
                    // The last copy of this cell: its value and formula are moved out, not copied (a copy of a
                    // `CellValue?` goes through generic value witnesses and cost ~10% of a read).
                    cell = Cell(row: pendingBaseRow + emitRow, column: pending[emitCell].column + emitCopy,
                                value: pending[emitCell].value.take(), formula: pending[emitCell].formula.take(),
                                style: pending[emitCell].style)
                } else {
                    let p = pending[emitCell]
                    cell = Cell(row: pendingBaseRow + emitRow, column: p.column + emitCopy, value: p.value,
                                formula: p.formula, style: p.style)
                }
                emitCopy += 1
                if emitCopy >= count {
                    emitCopy = 0
                    emitCell += 1
                    if emitCell >= pending.count { emitCell = 0; emitRow += 1 }
                }
                return cell
            }
            if done { return nil }
            do {
                try readUntilCells()
            } catch {
                done = true
                throw stream.error(error, sheet: sheet, cell: currentCell)
            }
        }
    }

    /// Where the scanner is, as A1 text (for error messages).
    private var currentCell: String? {
        guard row <= CellReference.maxRow, column <= CellReference.maxColumn else { return nil }
        return CellReference(row: row, column: column).a1
    }

    private func limit(_ name: String, _ maximum: Int, _ actual: Int) -> SpreadsheetError {
        SpreadsheetError(.limitExceeded(limit: name, maximum: maximum, actual: actual), file: stream.file,
                         part: ODSContentStream.part, sheet: sheet, cell: currentCell)
    }

    /// Reads rows until one holds cells to emit, or the table ends.
    private func readUntilCells() throws {
        pending.removeAll(keepingCapacity: true)
        pendingRows = 0
        emitRow = 0; emitCell = 0; emitCopy = 0
        while true {
            try x.next()
            switch x.kind {
            case .startElement:
                if x.isNamed("table-row") {
                    try readRow()
                    if pendingRows > 0 { return }
                } else if x.isNamed("table-column") {
                    try readColumn()
                } else if x.isNamed("table-rows") || x.isNamed("table-row-group") || x.isNamed("table-header-rows")
                            || x.isNamed("table-columns") || x.isNamed("table-column-group")
                            || x.isNamed("table-header-columns") {
                    continue  // containers: their rows and columns count as the table's own
                } else {
                    try x.skipElement()
                }
            case .endElement:
                if x.depth < tableDepth { done = true; return }
            case .end:
                done = true
                return
            default:
                continue
            }
        }
    }

    // MARK: Columns

    private func readColumn() throws {
        let repeatCount = max(count("number-columns-repeated") ?? 1, 1)
        let start = columnCursor
        columnCursor = min(columnCursor + repeatCount, 1 << 40)
        let last = min(start + repeatCount - 1, CellReference.maxColumn)
        if start <= CellReference.maxColumn {
            if let name = try x.attribute("default-cell-style-name") {
                let s = styles.index(of: name)
                if s != 0 { columnStyles.append((start, last, s)) }
            }
            if repeatCount <= Self.layoutRunCap {
                if let name = try x.attribute("style-name"), let pt = styles.columnWidths[name] {
                    let chars = ODSLength.characters(points: pt)
                    for c in start...last { layout.columnWidths[c] = chars }
                }
                if let v = try x.attribute("visibility"), v != "visible" {
                    for c in start...last { layout.hiddenColumns.insert(c) }
                }
            }
        }
        try x.skipElement()
    }

    private func columnStyle(_ c: Int) -> Int {
        var lo = 0, hi = columnStyles.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let run = columnStyles[mid]
            if c < run.start { hi = mid - 1 } else if c > run.end { lo = mid + 1 } else { return run.style }
        }
        return 0
    }

    // MARK: Rows

    private func readRow() throws {
        let rowDepth = x.depth
        let repeatRows = max(count("number-rows-repeated") ?? 1, 1)
        let rowStyle = try x.attribute("style-name")
        let hidden = (try x.attribute("visibility")).map { $0 != "visible" } ?? false
        let rowDefault = try x.attribute("default-cell-style-name").map { styles.index(of: $0) }
        column = 0
        var spans: [(column: Int, columns: Int, rows: Int)] = []
        while true {
            try x.next()
            switch x.kind {
            case .startElement:
                if x.depth == rowDepth + 1 && (x.isNamed("table-cell") || x.isNamed("covered-table-cell")) {
                    try readCell(rowDefault: rowDefault, spans: &spans)
                } else {
                    try x.skipElement()
                }
            case .endElement where x.depth < rowDepth:
                return try finishRow(repeatRows: repeatRows, style: rowStyle, hidden: hidden, spans: spans)
            case .end:
                return
            default:
                continue
            }
        }
    }

    private func finishRow(repeatRows: Int, style: String?, hidden: Bool,
                           spans: [(column: Int, columns: Int, rows: Int)]) throws {
        let first = row
        row = min(row + repeatRows, 1 << 40)
        if first <= CellReference.maxRow, repeatRows <= Self.layoutRunCap {
            let last = min(first + repeatRows - 1, CellReference.maxRow)
            if let style, let h = styles.rowHeights[style] { for r in first...last { layout.rowHeights[r] = h } }
            if hidden { for r in first...last { layout.hiddenRows.insert(r) } }
        }
        if !spans.isEmpty, first <= CellReference.maxRow {
            guard repeatRows <= limits.maxRepeat else { throw limit("ods-repeat", limits.maxRepeat, repeatRows) }
            let last = min(first + repeatRows - 1, CellReference.maxRow)
            for r in first...last {
                for s in spans {
                    let end = CellReference(row: min(r + s.rows - 1, CellReference.maxRow),
                                            column: min(s.column + s.columns - 1, CellReference.maxColumn))
                    layout.mergedRanges.append(CellRange(CellReference(row: r, column: s.column), end))
                }
            }
        }
        guard !pending.isEmpty else { return }
        column = 0
        row = first
        guard repeatRows <= limits.maxRepeat else { throw limit("ods-repeat", limits.maxRepeat, repeatRows) }
        guard first + repeatRows - 1 <= CellReference.maxRow else {
            throw limit("sheet-rows", CellReference.maxRow + 1, first + repeatRows)
        }
        var perRow = 0
        for p in pending { perRow += p.count }
        let total = promised + perRow * repeatRows
        guard total <= limits.maxCellsPerSheet else { throw limit("cells-per-sheet", limits.maxCellsPerSheet, total) }
        promised = total
        row = first + repeatRows
        pendingBaseRow = first
        pendingRows = repeatRows
    }

    // MARK: Cells

    private enum ValueType { case none, float, date, time, boolean, string, void, other }

    private func readCell(rowDefault: Int?, spans: inout [(column: Int, columns: Int, rows: Int)]) throws {
        let cellDepth = x.depth
        // One walk over the attributes (a cell has a handful; each lookup by name would walk them again).
        var repeatIndex = -1, officeType = -1, plainType = -1, calcextType = -1, valueIndex = -1, dateIndex = -1
        var timeIndex = -1, boolIndex = -1, stringIndex = -1, formulaIndex = -1, colSpan = -1, rowSpan = -1
        var styleIndex = -1, firstType = -1
        for i in 0..<x.attributeCount {
            if x.attributeIsNamed(i, "value-type") {
                if firstType < 0 { firstType = i }
                if x.attributeIsQualified(i, "office:value-type") { if officeType < 0 { officeType = i } }
                else if x.attributeIsQualified(i, "calcext:value-type") { if calcextType < 0 { calcextType = i } }
            } else if x.attributeIsNamed(i, "value") { if valueIndex < 0 { valueIndex = i } }
            else if x.attributeIsNamed(i, "style-name") { if styleIndex < 0 { styleIndex = i } }
            else if x.attributeIsNamed(i, "number-columns-repeated") { if repeatIndex < 0 { repeatIndex = i } }
            else if x.attributeIsNamed(i, "date-value") { if dateIndex < 0 { dateIndex = i } }
            else if x.attributeIsNamed(i, "time-value") { if timeIndex < 0 { timeIndex = i } }
            else if x.attributeIsNamed(i, "boolean-value") { if boolIndex < 0 { boolIndex = i } }
            else if x.attributeIsNamed(i, "string-value") { if stringIndex < 0 { stringIndex = i } }
            else if x.attributeIsNamed(i, "formula") { if formulaIndex < 0 { formulaIndex = i } }
            else if x.attributeIsNamed(i, "number-columns-spanned") { if colSpan < 0 { colSpan = i } }
            else if x.attributeIsNamed(i, "number-rows-spanned") { if rowSpan < 0 { rowSpan = i } }
        }
        let repeatCount = max(repeatIndex >= 0 ? ODSValueText.count(x.attributeRawValue(repeatIndex)) ?? 1 : 1, 1)
        // `office:value-type`, else the first `*:value-type` unless that is calcext's.
        if officeType < 0, firstType >= 0, firstType != calcextType { plainType = firstType }
        let type = valueType(officeType >= 0 ? officeType : plainType)
        let isError = calcextType >= 0 && Self.equal(x.attributeRawValue(calcextType), "error")
        var value: CellValue?
        var needText = isError
        switch type {
        case .float:
            if valueIndex >= 0, let d = try number(valueIndex) { value = .number(d) } else { needText = true }
        case .date:
            if dateIndex >= 0 { value = try dateValue(dateIndex) }
        case .time:
            if timeIndex >= 0 { value = ODSValueText.time(try x.attributeValue(timeIndex)) }
        case .boolean:
            if boolIndex >= 0 {
                let l = try x.attributeValue(boolIndex).lowercased()
                value = l == "true" || l == "1" ? .bool(true) : (l == "false" || l == "0" ? .bool(false) : nil)
            }
        case .string:
            if stringIndex >= 0 { value = .string(try x.attributeValue(stringIndex)) } else { needText = true }
        case .none, .other:
            needText = true
        case .void:
            break
        }
        var formula: String?
        if formulaIndex >= 0 {
            var f = try x.attributeValue(formulaIndex)
            if f.hasPrefix("of:") { f.removeFirst(3) }
            if f.hasPrefix("=") { f.removeFirst() }
            formula = f
        }
        if colSpan >= 0 && rowSpan >= 0 {
            let c = ODSValueText.count(x.attributeRawValue(colSpan)) ?? 1, r = ODSValueText.count(x.attributeRawValue(rowSpan)) ?? 1
            if (c > 1 || r > 1) && column <= CellReference.maxColumn {
                spans.append((column, max(c, 1), max(r, 1)))
            }
        } else if colSpan >= 0 || rowSpan >= 0 {
            let byColumns = colSpan >= 0
            let n = ODSValueText.count(x.attributeRawValue(byColumns ? colSpan : rowSpan)) ?? 1
            if n > 1 && column <= CellReference.maxColumn {
                spans.append((column, byColumns ? n : 1, byColumns ? 1 : n))
            }
        }
        let style = cellStyle(styleIndex, rowDefault: rowDefault)
        if needText {
            let paragraphs = try readText(cellDepth: cellDepth)
            if paragraphs > 0 {
                guard let s = UTF8Text.string(text) else {
                    throw XMLError(.encoding("invalid UTF-8 in cell text"))
                }
                if isError {
                    value = s.isEmpty ? nil : .error(s)
                } else if !s.isEmpty || formula != nil {
                    value = .string(s)
                }
            } else if isError {
                value = nil
            }
        } else {
            try x.skipElement()
        }
        if value != nil || formula != nil {
            guard repeatCount <= limits.maxRepeat else { throw limit("ods-repeat", limits.maxRepeat, repeatCount) }
            guard column + repeatCount - 1 <= CellReference.maxColumn else {
                throw limit("sheet-columns", CellReference.maxColumn + 1, column + repeatCount)
            }
            pending.append(Pending(column: column, count: repeatCount, value: value, formula: formula, style: style))
        }
        column = min(column + repeatCount, 1 << 40)
    }

    private func valueType(_ i: Int) -> ValueType {
        guard i >= 0 else { return .none }
        let raw = x.attributeRawValue(i)
        if Self.equal(raw, "float") || Self.equal(raw, "percentage") || Self.equal(raw, "currency") { return .float }
        if Self.equal(raw, "string") { return .string }
        if Self.equal(raw, "date") { return .date }
        if Self.equal(raw, "time") { return .time }
        if Self.equal(raw, "boolean") { return .boolean }
        if Self.equal(raw, "void") { return .void }
        return .other
    }

    /// `office:value` as a number: parsed from the raw bytes when they are a plain decimal (the usual case), else
    /// decoded and read as Swift reads a `Double`.
    private func number(_ i: Int) throws -> Double? {
        let raw = x.attributeRawValue(i)
        if !x.attributeHasReferences(i), let first = raw.first, let last = raw.last,
           first == UInt8(ascii: "-") || (first >= 48 && first <= 57), last >= 48 && last <= 57,
           let d = XLSXText.double(raw) {
            return d
        }
        return Double(try x.attributeValue(i))
    }

    /// `office:date-value`, parsed from the raw bytes unless it holds references.
    private func dateValue(_ i: Int) throws -> CellValue? {
        if !x.attributeHasReferences(i), let v = ODSValueText.date(bytes: x.attributeRawValue(i)) { return v }
        return ODSValueText.date(try x.attributeValue(i))
    }

    private func cellStyle(_ i: Int, rowDefault: Int?) -> Int {
        guard i >= 0 else { return rowDefault ?? columnStyle(column) }
        let raw = x.attributeRawValue(i)
        if raw.count == lastStyleName.count, raw.elementsEqual(lastStyleName) { return lastStyleIndex }
        lastStyleName = Array(raw)
        lastStyleIndex = styles.index(of: (try? x.attributeValue(i)) ?? "")
        return lastStyleIndex
    }

    /// Reads the cell's paragraphs (`text:p`, `text:h`) into `text`, joined with newlines; returns how many.
    /// Other children (annotations, frames) are skipped; white space between elements is not text.
    private func readText(cellDepth: Int) throws -> Int {
        text.removeAll(keepingCapacity: true)
        var paragraphs = 0
        while true {
            try x.next()
            switch x.kind {
            case .startElement:
                if x.depth == cellDepth + 1 && (x.isNamed("p") || x.isNamed("h")) {
                    if paragraphs > 0 { text.append(10) }
                    paragraphs += 1
                    try readInline(depth: x.depth)
                } else {
                    try x.skipElement()
                }
            case .endElement where x.depth < cellDepth:
                return paragraphs
            case .end:
                return paragraphs
            default:
                continue
            }
        }
    }

    /// Reads a paragraph's text: spans and links included, `text:s` as spaces, `text:tab`, `text:line-break`.
    private func readInline(depth: Int) throws {
        while true {
            try x.next()
            switch x.kind {
            case .text, .cdata:
                try x.appendText(to: &text)
            case .startElement:
                if x.isNamed("s") {
                    let n = count("c") ?? 1
                    guard text.count + n <= limits.maxStringBytes else {
                        throw limit("string-bytes", limits.maxStringBytes, text.count + n)
                    }
                    text.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n))
                    try x.skipElement()
                } else if x.isNamed("tab") {
                    text.append(9)
                    try x.skipElement()
                } else if x.isNamed("line-break") {
                    text.append(10)
                    try x.skipElement()
                } else if x.isNamed("annotation") || x.isNamed("note-citation") {
                    try x.skipElement()
                }
                // Anything else (span, a, …): descend; its text is the paragraph's.
            case .endElement where x.depth < depth:
                return
            case .end:
                return
            default:
                continue
            }
            if text.count > limits.maxStringBytes {
                throw limit("string-bytes", limits.maxStringBytes, text.count)
            }
        }
    }

    // MARK: Attribute helpers

    private func count(_ name: StaticString) -> Int? {
        guard let i = x.attributeIndex(name) else { return nil }
        return ODSValueText.count(x.attributeRawValue(i))
    }

    private static func equal(_ raw: UnsafeRawBufferPointer, _ s: StaticString) -> Bool {
        guard raw.count == s.utf8CodeUnitCount else { return false }
        return memcmp(raw.baseAddress!, s.utf8Start, raw.count) == 0
    }
}

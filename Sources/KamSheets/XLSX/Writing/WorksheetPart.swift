import KamXML

/// `xl/worksheets/sheetN.xml`, streamed to a scratch file row by row (ECMA-376 Part 1 §18.3.1.99).
///
/// `<dimension>` comes first in the part but is known only at the end, so a fixed-width placeholder is
/// written and overwritten in `writeEnd` (white space before `/>` is allowed).
final class WorksheetPart {
    private let sink: FileSink
    private let sheet: Sheet
    private let isSelected: Bool
    private let styles: XLSXStyleTable
    private let sharedStrings: SharedStringsPartWriter?
    private let dateSystem: SpreadsheetDate.System
    private var dimensionOffset = 0
    private var minColumn = Int.max, maxColumn = -1, minRow = Int.max, maxRow = -1
    /// Column letters as bytes, cached: the `r` attribute is written for every cell.
    private var columnLetters: [[UInt8]] = []

    init(sink: FileSink, sheet: Sheet, isSelected: Bool, styles: XLSXStyleTable,
         sharedStrings: SharedStringsPartWriter?, dateSystem: SpreadsheetDate.System) {
        self.sink = sink
        self.sheet = sheet
        self.isSelected = isSelected
        self.styles = styles
        self.sharedStrings = sharedStrings
        self.dateSystem = dateSystem
    }

    /// The XML before the first row: up to and including `<sheetData>`.
    func writeStart() throws(SpreadsheetError) {
        sink.xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        writeWorksheetStart()
        dimensionOffset = try sink.position()
        sink.xml.raw(WorksheetPart.dimensionPlaceholder)
        writeSheetViews()
        sink.xml.raw("<sheetFormatPr defaultRowHeight=\"15\"/>")
        writeCols()
        sink.xml.raw("<sheetData>")
    }

    /// `<dimension ref="A1"` padded to the widest reference, `A1:XFD1048576`.
    private static let dimensionPlaceholder = "<dimension ref=\"A1\"" + String(repeating: " ", count: 12) + "/>"

    // <worksheet>
    private func writeWorksheetStart() {
        sink.xml.raw("<worksheet")
        sink.xml.attribute("xmlns", XLSXNamespace.main)
        sink.xml.attribute("xmlns:r", XLSXNamespace.officeRelationships)
        sink.xml.raw(">")
    }

    // <sheetViews>: frozen panes as a frozen `<pane>` (§18.3.1.66).
    private func writeSheetViews() {
        sink.xml.raw("<sheetViews><sheetView")
        if isSelected { sink.xml.raw(" tabSelected=\"1\"") }
        sink.xml.raw(" workbookViewId=\"0\"")
        guard let frozen = sheet.frozen, frozen.rows > 0 || frozen.columns > 0,
              frozen.rows <= CellReference.maxRow, frozen.columns <= CellReference.maxColumn else {
            sink.xml.raw("/></sheetViews>")
            return
        }
        let pane: String
        switch (frozen.rows > 0, frozen.columns > 0) {
        case (true, true): pane = "bottomRight"
        case (true, false): pane = "bottomLeft"
        default: pane = "topRight"
        }
        sink.xml.raw("><pane")
        if frozen.columns > 0 { sink.xml.attribute("xSplit", String(frozen.columns)) }
        if frozen.rows > 0 { sink.xml.attribute("ySplit", String(frozen.rows)) }
        sink.xml.attribute("topLeftCell", CellReference(row: frozen.rows, column: frozen.columns).a1)
        sink.xml.attribute("activePane", pane)
        sink.xml.raw(" state=\"frozen\"/><selection")
        sink.xml.attribute("pane", pane)
        sink.xml.raw("/></sheetView></sheetViews>")
    }

    // <cols>: runs of adjacent columns with the same width and hidden flag share one `<col>`.
    private func writeCols() {
        let columns = Set(sheet.columnWidths.keys).union(sheet.hiddenColumns)
            .filter { $0 >= 0 && $0 <= CellReference.maxColumn }.sorted()
        guard !columns.isEmpty else { return }
        sink.xml.raw("<cols>")
        var i = 0
        while i < columns.count {
            let first = columns[i]
            let width = sheet.columnWidths[first]
            let hidden = sheet.hiddenColumns.contains(first)
            var last = first
            while i + 1 < columns.count, columns[i + 1] == last + 1, sheet.columnWidths[columns[i + 1]] == width,
                  sheet.hiddenColumns.contains(columns[i + 1]) == hidden {
                i += 1
                last = columns[i]
            }
            writeCol(first: first, last: last, width: width, hidden: hidden)
            i += 1
        }
        sink.xml.raw("</cols>")
    }

    // <col>
    private func writeCol(first: Int, last: Int, width: Double?, hidden: Bool) {
        sink.xml.raw("<col")
        sink.xml.attribute("min", String(first + 1))
        sink.xml.attribute("max", String(last + 1))
        // Excel's default width (8.43 characters) when only the hidden flag is known.
        sink.xml.attribute("width", WorksheetPart.number(width ?? 8.43))
        if hidden { sink.xml.raw(" hidden=\"1\"") }
        if width != nil { sink.xml.raw(" customWidth=\"1\"") }
        sink.xml.raw("/>")
    }

    /// Writes a row of cells (already checked for order).
    func writeRow(_ row: Int, _ cells: [Cell]) throws(SpreadsheetError) {
        writeRowStart(row)
        for cell in cells where cell.value != nil || cell.formula != nil || cell.style != 0 {
            try writeCell(cell)
        }
        sink.xml.raw("</row>")
        try sink.flushIfNeeded()
    }

    /// Writes a row without cells (it has a height or is hidden).
    func writeEmptyRow(_ row: Int) throws(SpreadsheetError) {
        writeRowStart(row)
        sink.xml.raw("</row>")
        try sink.flushIfNeeded()
    }

    // <row>
    private func writeRowStart(_ row: Int) {
        if row < minRow { minRow = row }
        if row > maxRow { maxRow = row }
        sink.xml.raw("<row r=\"")
        sink.xml.int(row + 1)
        sink.xml.raw("\"")
        if let height = sheet.rowHeights[row] {
            sink.xml.attribute("ht", WorksheetPart.number(height))
            sink.xml.raw(" customHeight=\"1\"")
        }
        if sheet.hiddenRows.contains(row) { sink.xml.raw(" hidden=\"1\"") }
        sink.xml.raw(">")
    }

    // <c>
    private func writeCell(_ original: Cell) throws(SpreadsheetError) {
        var cell = original
        if case .error(let e)? = cell.value, !Self.excelErrors.contains(e) {
            // Only Excel's own error values may be `t="e"` (readers refuse others, such as LibreOffice's Err:510).
            cell.value = .string(e)
        }
        if cell.column < minColumn { minColumn = cell.column }
        if cell.column > maxColumn { maxColumn = cell.column }
        sink.xml.raw("<c r=\"")
        sink.xml.raw(bytes: letters(cell.column))
        sink.xml.int(cell.row + 1)
        sink.xml.raw("\"")
        let xf = styles.xfIndex(style: cell.style, implicit: NumberFormatCode.Implicit(cell.value))
        if xf != 0 {
            sink.xml.raw(" s=\"")
            sink.xml.int(xf)
            sink.xml.raw("\"")
        }
        // A formula in ODF syntax (`of:=…`) cannot be translated to Excel's: only its cached value is kept.
        let formula = cell.formula.flatMap { f in
            f.isEmpty || f.hasPrefix("of:") || Self.looksLikeODF(f) ? nil : f
        }
        switch cell.value {
        case nil:
            sink.xml.raw(">")
        case .string(let s)?:
            if formula != nil {
                sink.xml.raw(" t=\"str\">")
            } else if let sharedStrings {
                sink.xml.raw(" t=\"s\"><v>")
                sink.xml.int(try sharedStrings.index(of: s))
                sink.xml.raw("</v></c>")
                return
            } else {
                sink.xml.raw(XMLByteWriter.needsSpacePreserve(s)
                             ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>")
                sink.xml.xlsxText(s)
                sink.xml.raw("</t></is></c>")
                return
            }
        case .bool?: sink.xml.raw(" t=\"b\">")
        case .error?: sink.xml.raw(" t=\"e\">")
        case .number(let d)? where !d.isFinite: sink.xml.raw(" t=\"e\">")
        case .date(let t)?, .dateTime(let t)?:
            // Before the epoch no serial exists: keep the date as ISO text rather than lose it.
            if SpreadsheetDate.serial(t, system: dateSystem) < 0 { sink.xml.raw(" t=\"str\">") } else { sink.xml.raw(">") }
        default: sink.xml.raw(">")
        }
        if let formula {
            sink.xml.raw("<f>")
            sink.xml.xlsxText(formula.hasPrefix("=") ? String(formula.dropFirst()) : formula)
            sink.xml.raw("</f>")
        }
        if let value = cell.value { writeV(value) }
        sink.xml.raw("</c>")
    }

    /// The error values a SpreadsheetML cell may hold (ECMA-376 Part 1 §18.18.21, ST_CellErrors… and #GETTING_DATA).
    static let excelErrors: Set<String> = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                                           "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!"]

    /// Whether formula text is in ODF syntax (`SUM([.A1:.A3])`, `['Sheet'.B2]`), which Excel cannot read.
    static func looksLikeODF(_ f: String) -> Bool {
        f.contains("[.") || f.contains("[$") || f.contains("['") || f.range(of: #"\[[A-Za-z0-9_]+\.\$?[A-Z]"#, options: .regularExpression) != nil
    }

    // <v>
    private func writeV(_ value: CellValue) {
        sink.xml.raw("<v>")
        switch value {
        case .string(let s): sink.xml.xlsxText(s)
        case .number(let d): sink.xml.raw(d.isFinite ? WorksheetPart.number(d) : "#NUM!")
        case .bool(let b): sink.xml.raw(b ? "1" : "0")
        case .error(let e): sink.xml.text(e)
        case .date(let t), .dateTime(let t):
            let serial = SpreadsheetDate.serial(t, system: dateSystem)
            sink.xml.raw(serial < 0 ? (value == .date(t) ? t.isoDate : t.isoDateTime) : WorksheetPart.number(serial))
        case .time(let t): sink.xml.raw(WorksheetPart.number(SpreadsheetDate.dayFraction(t)))
        case .duration(let seconds): sink.xml.raw(WorksheetPart.number(seconds / 86_400))
        }
        sink.xml.raw("</v>")
    }

    /// Ends `<sheetData>`, writes merges and margins, and fills in `<dimension>`.
    func writeEnd() throws(SpreadsheetError) {
        sink.xml.raw("</sheetData>")
        writeMergeCells()
        sink.xml.raw("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        sink.xml.raw("</worksheet>")
        try writeDimension()
        try sink.close()
    }

    // <mergeCells>
    private func writeMergeCells() {
        let merges = sheet.mergedRanges.filter { $0.start != $0.end }
        guard !merges.isEmpty else { return }
        sink.xml.raw("<mergeCells")
        sink.xml.attribute("count", String(merges.count))
        sink.xml.raw(">")
        for range in merges {
            sink.xml.raw("<mergeCell")
            sink.xml.attribute("ref", range.a1)
            sink.xml.raw("/>")
        }
        sink.xml.raw("</mergeCells>")
    }

    // <dimension>: the used range, over the placeholder.
    private func writeDimension() throws(SpreadsheetError) {
        guard maxRow >= 0 else { return }
        let first = CellReference(row: minRow, column: maxColumn >= 0 ? minColumn : 0)
        let last = CellReference(row: maxRow, column: max(maxColumn, 0))
        let ref = first == last ? first.a1 : "\(first.a1):\(last.a1)"
        var text = "<dimension ref=\"\(ref)\""
        text += String(repeating: " ", count: WorksheetPart.dimensionPlaceholder.utf8.count - text.utf8.count - 2)
        text += "/>"
        try sink.patch(at: dimensionOffset, with: Array(text.utf8))
    }

    private func letters(_ column: Int) -> [UInt8] {
        if column < columnLetters.count { return columnLetters[column] }
        while columnLetters.count <= column { columnLetters.append(Array(ColumnName.letters(columnLetters.count).utf8)) }
        return columnLetters[column]
    }

    /// A double as `<v>` text: integers without `.0`, otherwise the shortest round-trip form.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return d.description
    }
}

@available(*, unavailable)
extension WorksheetPart: Sendable {}

import KamXML

/// The rows of one `<table:table>` of `content.xml`, streamed to a scratch file (ODF 1.3 part 3 §9.1).
///
/// Columns and the table element itself are written later by `ODSContentPart`, once the widest row is known.
/// Merged ranges become `number-columns-spanned`/`number-rows-spanned` on their top-left cell and
/// `<table:covered-table-cell>` elsewhere, so they must be known before their rows (`Sheet.mergedRanges` at
/// `beginSheet`).
final class ODSTablePart {
    let sink: FileSink
    let sheet: Sheet
    private let styles: ODSStyleTable
    /// Merges sorted by top row, then column.
    private let merges: [CellRange]
    /// The next row index to be written.
    private var nextRow = 0
    /// The widest column used, for the column declarations.
    private(set) var maxColumn = 0

    init(sink: FileSink, sheet: Sheet, styles: ODSStyleTable) {
        self.sink = sink
        self.sheet = sheet
        self.styles = styles
        merges = sheet.mergedRanges.filter { $0.start != $0.end && $0.end.column <= CellReference.maxColumn }
            .sorted { ($0.start.row, $0.start.column) < ($1.start.row, $1.start.column) }
        for m in merges { maxColumn = max(maxColumn, m.end.column) }
    }

    /// Rows a merge crosses: they must be written even when empty, for their covered cells.
    var mergedRows: Set<Int> {
        var rows = Set<Int>()
        for m in merges where m.rowCount <= 10_000 { rows.formUnion(m.start.row...m.end.row) }
        return rows
    }

    /// Writes a row (cells already checked for order; may be empty).
    func writeRow(_ row: Int, _ cells: [Cell]) throws(SpreadsheetError) {
        writeGap(upTo: row)
        writeRowStart(row)
        writeCells(row, cells)
        sink.xml.raw("</table:table-row>")
        nextRow = row + 1
        try sink.flushIfNeeded()
    }

    /// Ends the rows (nothing after the last row: trailing emptiness is not written).
    func writeEnd() throws(SpreadsheetError) {
        if nextRow == 0 {
            // A table needs at least one row.
            sink.xml.raw("<table:table-row><table:table-cell/></table:table-row>")
        }
        try sink.close()
    }

    // <table:table-row table:number-rows-repeated> for rows without content.
    private func writeGap(upTo row: Int) {
        guard row > nextRow else { return }
        sink.xml.raw("<table:table-row")
        if row - nextRow > 1 { sink.xml.attribute("table:number-rows-repeated", String(row - nextRow)) }
        sink.xml.raw("><table:table-cell/></table:table-row>")
    }

    // <table:table-row>
    private func writeRowStart(_ row: Int) {
        sink.xml.raw("<table:table-row")
        if let height = sheet.rowHeights[row] { sink.xml.attribute("table:style-name", styles.rowStyle(height: height)) }
        if sheet.hiddenRows.contains(row) { sink.xml.raw(" table:visibility=\"collapse\"") }
        sink.xml.raw(">")
    }

    /// Cells and merges of one row, left to right, with runs of empty cells collapsed.
    private func writeCells(_ row: Int, _ cells: [Cell]) {
        var active = merges.filter { $0.start.row <= row && $0.end.row >= row }[...]
        var column = 0
        var i = 0
        while i < cells.count || !active.isEmpty {
            let nextCell = i < cells.count ? cells[i].column : Int.max
            let nextMerge = active.first?.start.column ?? Int.max
            if let merge = active.first, nextMerge <= nextCell {
                active.removeFirst()
                if merge.start.column < column { continue }  // overlaps an earlier merge: ignored
                writeEmpty(merge.start.column - column)
                var inside: [Cell] = []
                while i < cells.count, cells[i].column <= merge.end.column { inside.append(cells[i]); i += 1 }
                writeMerge(merge, row: row, cells: inside)
                column = merge.end.column + 1
            } else {
                let cell = cells[i]
                i += 1
                writeEmpty(cell.column - column)
                writeCell(cell, element: "table:table-cell", spans: nil)
                column = cell.column + 1
            }
        }
        maxColumn = max(maxColumn, column - 1)
    }

    private func writeMerge(_ merge: CellRange, row: Int, cells: [Cell]) {
        var index = 0
        var column = merge.start.column
        if row == merge.start.row {
            let anchor = cells.first { $0.column == merge.start.column }
                ?? Cell(row: row, column: merge.start.column, value: nil)
            if cells.first?.column == merge.start.column { index = 1 }
            writeCell(anchor, element: "table:table-cell", spans: (merge.rowCount, merge.columnCount))
            column += 1
        }
        while column <= merge.end.column {
            if index < cells.count, cells[index].column == column {
                writeCell(cells[index], element: "table:covered-table-cell", spans: nil)
                index += 1
                column += 1
            } else {
                let stop = index < cells.count ? cells[index].column : merge.end.column + 1
                sink.xml.raw("<table:covered-table-cell")
                if stop - column > 1 { sink.xml.attribute("table:number-columns-repeated", String(stop - column)) }
                sink.xml.raw("/>")
                column = stop
            }
        }
    }

    // <table:table-cell/> repeated
    private func writeEmpty(_ count: Int) {
        guard count > 0 else { return }
        if count == 1 {
            sink.xml.raw("<table:table-cell/>")
        } else {
            sink.xml.raw("<table:table-cell table:number-columns-repeated=\"")
            sink.xml.int(count)
            sink.xml.raw("\"/>")
        }
    }

    // <table:table-cell>, <table:covered-table-cell>
    private func writeCell(_ cell: Cell, element: StaticString, spans: (rows: Int, columns: Int)?) {
        let entry = styles.entry(style: cell.style, implicit: NumberFormatCode.Implicit(cell.value))
        sink.xml.raw("<")
        sink.xml.raw(element)
        if let name = entry.name { sink.xml.attribute("table:style-name", name) }
        if let spans {
            sink.xml.attribute("table:number-columns-spanned", String(spans.columns))
            sink.xml.attribute("table:number-rows-spanned", String(spans.rows))
        }
        // Only ODF formulas can be kept; Excel's A1 syntax is not translated (the cached value stays).
        if let formula = cell.formula, formula.hasPrefix("of:") {
            var body = formula.dropFirst(3)
            if body.hasPrefix("=") { body = body.dropFirst() }
            sink.xml.attribute("table:formula", "of:=" + body)
        }
        guard let value = cell.value else {
            sink.xml.raw("/>")
            return
        }
        let display: String
        switch value {
        case .number(let d) where d.isFinite:
            sink.xml.raw(entry.kind == .percent ? " office:value-type=\"percentage\"" : " office:value-type=\"float\"")
            sink.xml.attribute("office:value", WorksheetPart.number(d))
            display = NumberText.format(d)
        case .bool(let b):
            sink.xml.raw(b ? " office:value-type=\"boolean\" office:boolean-value=\"true\""
                           : " office:value-type=\"boolean\" office:boolean-value=\"false\"")
            display = b ? "TRUE" : "FALSE"
        case .date(let t):
            sink.xml.raw(" office:value-type=\"date\"")
            sink.xml.attribute("office:date-value", t.isoDate)
            display = t.isoDate
        case .dateTime(let t):
            sink.xml.raw(" office:value-type=\"date\"")
            sink.xml.attribute("office:date-value", t.isoDateTime)
            display = t.isoDate + " " + t.isoTime
        case .time(let t):
            sink.xml.raw(" office:value-type=\"time\"")
            sink.xml.attribute("office:time-value", CivilDateTime.isoDuration(SpreadsheetDate.dayFraction(t) * 86_400))
            display = t.isoTime
        case .duration(let seconds):
            sink.xml.raw(" office:value-type=\"time\"")
            sink.xml.attribute("office:time-value", CivilDateTime.isoDuration(seconds))
            display = CivilDateTime.isoDuration(seconds)
        case .string(let s):
            sink.xml.raw(" office:value-type=\"string\"")
            display = s
        case .number(let d):
            // NaN and infinities have no ODF value: written as the text Excel would show.
            sink.xml.raw(" office:value-type=\"string\"")
            display = "#NUM!"
            _ = d
        case .error(let e):
            // ODF has no error value type: the error's text is kept as a string.
            sink.xml.raw(" office:value-type=\"string\"")
            display = e
        }
        sink.xml.raw(">")
        writeParagraphs(display)
        sink.xml.raw("</")
        sink.xml.raw(element)
        sink.xml.raw(">")
    }

    // <text:p>: one per line; runs of spaces as <text:s/>, tabs as <text:tab/> (ODF 1.3 part 3 §6.1.3).
    private func writeParagraphs(_ s: String) {
        sink.xml.raw("<text:p>")
        var plain = ""
        var previousWasSpace = true  // a leading space must be a <text:s/> too
        var spaces = 0
        func flushPlain() {
            if !plain.isEmpty { sink.xml.text(plain); plain = "" }
        }
        func flushSpaces() {
            guard spaces > 0 else { return }
            flushPlain()
            sink.xml.raw(spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>")
            spaces = 0
        }
        for ch in s.unicodeScalars {
            switch ch {
            case " ":
                if previousWasSpace { spaces += 1 } else { plain.unicodeScalars.append(ch) }
                previousWasSpace = true
                continue
            case "\n":
                flushSpaces(); flushPlain()
                sink.xml.raw("</text:p><text:p>")
                previousWasSpace = true
                continue
            case "\r":
                continue
            case "\t":
                flushSpaces(); flushPlain()
                sink.xml.raw("<text:tab/>")
            default:
                flushSpaces()
                if ch.value == 0xFFFE || ch.value == 0xFFFF { continue }  // not XML characters
                plain.unicodeScalars.append(ch)
            }
            previousWasSpace = false
        }
        flushSpaces()
        flushPlain()
        sink.xml.raw("</text:p>")
    }
}

@available(*, unavailable)
extension ODSTablePart: Sendable {}

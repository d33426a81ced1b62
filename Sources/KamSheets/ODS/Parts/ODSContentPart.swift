import KamXML

/// `content.xml`: automatic styles, then one `<table:table>` per sheet, then named ranges
/// (ODF 1.3 part 3 §3.1.3.2). Assembled at the end because the automatic styles, written first, are only
/// known once every row has been seen; each table's rows are copied from their scratch file.
struct ODSContentPart {
    /// One finished table.
    struct Table {
        var sheet: Sheet
        var rowsFile: String
        var maxColumn: Int
    }

    var tables: [Table]
    var styles: ODSStyleTable
    var definedNames: [DefinedName]

    /// Writes the part to `sink`.
    func write(to sink: FileSink) throws(SpreadsheetError) {
        // Column styles are created while the columns are laid out: do that before the styles are written.
        let columns = tables.map { columnRuns($0) }
        sink.xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        sink.xml.raw("<office:document-content")
        ODSNamespace.write(&sink.xml)
        sink.xml.raw(">")
        writeAutomaticStyles(&sink.xml)
        sink.xml.raw("<office:body><office:spreadsheet>")
        for (table, runs) in zip(tables, columns) {
            writeTableStart(&sink.xml, table, runs)
            try sink.append(contentsOf: table.rowsFile)
            sink.xml.raw("</table:table>")
        }
        writeNamedExpressions(&sink.xml)
        sink.xml.raw("</office:spreadsheet></office:body></office:document-content>")
        try sink.close()
    }

    // <office:automatic-styles>
    private func writeAutomaticStyles(_ w: inout XMLByteWriter) {
        w.raw("<office:automatic-styles>")
        w.raw("<style:style style:name=\"ta1\" style:family=\"table\">")
        w.raw("<style:table-properties table:display=\"true\" style:writing-mode=\"lr-tb\"/></style:style>")
        w.raw("<style:style style:name=\"ta2\" style:family=\"table\">")
        w.raw("<style:table-properties table:display=\"false\" style:writing-mode=\"lr-tb\"/></style:style>")
        for (name, width) in styles.columnStyles {
            w.raw("<style:style")
            w.attribute("style:name", name)
            w.raw(" style:family=\"table-column\"><style:table-column-properties fo:break-before=\"auto\"")
            w.attribute("style:column-width", ODSStyleTable.inches(ofWidth: width))
            w.raw("/></style:style>")
        }
        for (name, height) in styles.rowStyles {
            w.raw("<style:style")
            w.attribute("style:name", name)
            w.raw(" style:family=\"table-row\"><style:table-row-properties")
            w.attribute("style:row-height", NumberText.format(height) + "pt")
            w.raw(" fo:break-before=\"auto\" style:use-optimal-row-height=\"false\"/></style:style>")
        }
        for (name, code, kind) in styles.dataStyles {
            ODSDataStyle.write(&w, name: name, code: code, kind: kind)
        }
        for (name, style, dataStyle) in styles.cellStyles { writeCellStyle(&w, name, style, dataStyle) }
        w.raw("</office:automatic-styles>")
    }

    // <style:style style:family="table-cell">
    private func writeCellStyle(_ w: inout XMLByteWriter, _ name: String, _ style: CellStyle, _ dataStyle: String?) {
        w.raw("<style:style")
        w.attribute("style:name", name)
        w.raw(" style:family=\"table-cell\" style:parent-style-name=\"Default\"")
        if let dataStyle { w.attribute("style:data-style-name", dataStyle) }
        w.raw(">")
        writeTableCellProperties(&w, style)
        if style.alignment.horizontal != .general {
            let align: String
            switch style.alignment.horizontal {
            case .left, .general, .fill: align = "start"
            case .center: align = "center"
            case .right: align = "end"
            case .justify: align = "justify"
            }
            w.raw("<style:paragraph-properties")
            w.attribute("fo:text-align", align)
            w.raw("/>")
        }
        writeTextProperties(&w, style.font)
        w.raw("</style:style>")
    }

    // <style:table-cell-properties>
    private func writeTableCellProperties(_ w: inout XMLByteWriter, _ style: CellStyle) {
        var attributes: [(StaticString, String)] = []
        if let fill = style.fill, let color = ODSContentPart.color(fill.color) { attributes.append(("fo:background-color", color)) }
        let edges: [(StaticString, CellStyle.Line?)] = [
            ("fo:border-left", style.border.left), ("fo:border-right", style.border.right),
            ("fo:border-top", style.border.top), ("fo:border-bottom", style.border.bottom),
        ]
        for (name, line) in edges {
            if let line { attributes.append((name, ODSContentPart.border(line))) }
        }
        if style.alignment.wrapText { attributes.append(("fo:wrap-option", "wrap")) }
        if let vertical = style.alignment.vertical {
            attributes.append(("style:vertical-align", vertical == .center ? "middle" : vertical.rawValue))
        }
        if style.alignment.horizontal != .general { attributes.append(("style:text-align-source", "fix")) }
        guard !attributes.isEmpty else { return }
        w.raw("<style:table-cell-properties")
        for (name, value) in attributes { w.attribute(name, value) }
        w.raw("/>")
    }

    // <style:text-properties>: western, Asian and complex variants alike, so CJK text looks the same.
    private func writeTextProperties(_ w: inout XMLByteWriter, _ font: CellStyle.Font) {
        guard font != CellStyle.Font() else { return }
        w.raw("<style:text-properties")
        if let name = font.name {
            w.attribute("fo:font-family", name)
            w.attribute("style:font-family-asian", name)
            w.attribute("style:font-family-complex", name)
        }
        if let size = font.size {
            let pt = NumberText.format(size) + "pt"
            w.attribute("fo:font-size", pt)
            w.attribute("style:font-size-asian", pt)
            w.attribute("style:font-size-complex", pt)
        }
        if font.bold {
            w.raw(" fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"")
        }
        if font.italic {
            w.raw(" fo:font-style=\"italic\" style:font-style-asian=\"italic\" style:font-style-complex=\"italic\"")
        }
        if font.underline {
            w.raw(" style:text-underline-style=\"solid\" style:text-underline-width=\"auto\"")
            w.raw(" style:text-underline-color=\"font-color\"")
        }
        if font.strike { w.raw(" style:text-line-through-style=\"solid\"") }
        if let color = font.color.flatMap(ODSContentPart.color) { w.attribute("fo:color", color) }
        w.raw("/>")
    }

    /// Runs of columns sharing a style and visibility, from column 0 to the widest used column.
    private func columnRuns(_ table: Table) -> [(style: String?, hidden: Bool, count: Int)] {
        let sheet = table.sheet
        var last = table.maxColumn
        for c in sheet.columnWidths.keys where c <= CellReference.maxColumn { last = max(last, c) }
        for c in sheet.hiddenColumns where c <= CellReference.maxColumn { last = max(last, c) }
        var runs: [(style: String?, hidden: Bool, count: Int)] = []
        for c in 0...max(last, 0) {
            let style = sheet.columnWidths[c].map { styles.columnStyle(width: $0) }
            let hidden = sheet.hiddenColumns.contains(c)
            if let lastRun = runs.last, lastRun.style == style, lastRun.hidden == hidden {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((style, hidden, 1))
            }
        }
        return runs
    }

    // <table:table> and its <table:table-column>s
    private func writeTableStart(_ w: inout XMLByteWriter, _ table: Table,
                                 _ runs: [(style: String?, hidden: Bool, count: Int)]) {
        w.raw("<table:table")
        w.attribute("table:name", table.sheet.name)
        // ODS has no "very hidden": such sheets are written hidden.
        w.attribute("table:style-name", table.sheet.visibility == .visible ? "ta1" : "ta2")
        w.raw(">")
        for run in runs {
            w.raw("<table:table-column")
            if let style = run.style { w.attribute("table:style-name", style) }
            if run.count > 1 { w.attribute("table:number-columns-repeated", String(run.count)) }
            if run.hidden { w.raw(" table:visibility=\"collapse\"") }
            w.raw(" table:default-cell-style-name=\"Default\"/>")
        }
    }

    // <table:named-expressions>: only names that are a plain `Sheet!$A$1:$B$2` range can be translated.
    private func writeNamedExpressions(_ w: inout XMLByteWriter) {
        let ranges = definedNames.compactMap { name in ODSContentPart.odfRange(name.formula).map { (name.name, $0) } }
            .filter { !$0.0.hasPrefix("_xlnm.") }
        guard !ranges.isEmpty else { return }
        w.raw("<table:named-expressions>")
        for (name, range) in ranges {
            w.raw("<table:named-range")
            w.attribute("table:name", name)
            w.attribute("table:base-cell-address", range.base)
            w.attribute("table:cell-range-address", range.range)
            w.raw("/>")
        }
        w.raw("</table:named-expressions>")
    }

    /// `Sheet!$A$1:$B$2` (or `'My sheet'!A1`) → `$Sheet.$A$1:.$B$2`; nil for anything else.
    static func odfRange(_ formula: String) -> (base: String, range: String)? {
        let text = formula.hasPrefix("=") ? String(formula.dropFirst()) : formula
        guard let bang = text.lastIndex(of: "!") else { return nil }
        var sheet = String(text[..<bang])
        let cells = String(text[text.index(after: bang)...])
        if sheet.hasPrefix("'") && sheet.hasSuffix("'") && sheet.count >= 2 {
            sheet = String(sheet.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        guard !sheet.isEmpty, let range = CellRange(a1: cells.replacingOccurrences(of: "$", with: "")) else {
            return nil
        }
        let quoted = "$'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        func absolute(_ r: CellReference) -> String { "$" + ColumnName.letters(r.column) + "$" + String(r.row + 1) }
        let base = quoted + "." + absolute(range.start)
        return (base, range.start == range.end ? base : base + ":." + absolute(range.end))
    }

    /// `RRGGBB` → `#rrggbb`.
    static func color(_ rgb: String) -> String? {
        guard let argb = StylesPartWriter.argb(rgb) else { return nil }
        return "#" + argb.suffix(6).lowercased()
    }

    /// A border line as `fo:border-*`: width, style, colour.
    static func border(_ line: CellStyle.Line) -> String {
        let color = line.color.flatMap(color) ?? "#000000"
        switch line.weight {
        case .thin: return "0.74pt solid \(color)"
        case .medium: return "1.75pt solid \(color)"
        case .thick: return "2.5pt solid \(color)"
        case .dashed: return "0.74pt dashed \(color)"
        case .dotted: return "0.74pt dotted \(color)"
        case .double: return "2.01pt double \(color)"
        }
    }
}

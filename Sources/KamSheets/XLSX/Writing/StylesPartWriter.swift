import KamXML

/// `xl/styles.xml`: number formats, fonts, fills, borders and the cell formats (`cellXfs`) cells point at
/// with `s` (ECMA-376 Part 1 §18.8.39). Elements are written in the schema's order.
struct StylesPartWriter {
    let table: XLSXStyleTable

    /// Excel's default font, used where a style names none.
    static let defaultFontName = "Calibri"
    static let defaultFontSize = 11.0

    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        writeStyleSheet(&w)
        return w.bytes
    }

    // <styleSheet>
    private func writeStyleSheet(_ w: inout XMLByteWriter) {
        w.raw("<styleSheet")
        w.attribute("xmlns", XLSXNamespace.main)
        w.raw(">")
        writeNumFmts(&w)
        writeFonts(&w)
        writeFills(&w)
        writeBorders(&w)
        w.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        writeCellXfs(&w)
        w.raw("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        w.raw("<dxfs count=\"0\"/>")
        w.raw("<tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>")
        w.raw("</styleSheet>")
    }

    // <numFmts>
    private func writeNumFmts(_ w: inout XMLByteWriter) {
        guard !table.customFormats.isEmpty else { return }
        w.raw("<numFmts")
        w.attribute("count", String(table.customFormats.count))
        w.raw(">")
        for (i, code) in table.customFormats.enumerated() {
            w.raw("<numFmt")
            w.attribute("numFmtId", String(164 + i))
            w.attribute("formatCode", code)
            w.raw("/>")
        }
        w.raw("</numFmts>")
    }

    // <fonts>
    private func writeFonts(_ w: inout XMLByteWriter) {
        w.raw("<fonts")
        w.attribute("count", String(table.fonts.count))
        w.raw(">")
        for font in table.fonts { Self.writeFont(&w, font) }
        w.raw("</fonts>")
    }

    // <font>
    static func writeFont(_ w: inout XMLByteWriter, _ font: CellStyle.Font) {
        w.raw("<font>")
        if font.bold { w.raw("<b/>") }
        if font.italic { w.raw("<i/>") }
        if font.strike { w.raw("<strike/>") }
        if font.underline { w.raw("<u/>") }
        w.raw("<sz")
        w.attribute("val", NumberText.format(font.size ?? StylesPartWriter.defaultFontSize))
        w.raw("/>")
        if let color = font.color, let argb = StylesPartWriter.argb(color) {
            w.raw("<color")
            w.attribute("rgb", argb)
            w.raw("/>")
        } else {
            w.raw("<color theme=\"1\"/>")
        }
        w.raw("<name")
        w.attribute("val", font.name ?? StylesPartWriter.defaultFontName)
        w.raw("/><family val=\"2\"/>")
        if font.name == nil { w.raw("<scheme val=\"minor\"/>") }
        w.raw("</font>")
    }

    // <fills>: the first two are required by Excel (none, gray125).
    private func writeFills(_ w: inout XMLByteWriter) {
        w.raw("<fills")
        w.attribute("count", String(table.fills.count + 2))
        w.raw("><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for fill in table.fills { Self.writeFill(&w, fill) }
        w.raw("</fills>")
    }

    // <fill>
    static func writeFill(_ w: inout XMLByteWriter, _ fill: CellStyle.Fill) {
        w.raw("<fill><patternFill patternType=\"solid\"><fgColor")
        w.attribute("rgb", StylesPartWriter.argb(fill.color) ?? "FFFFFFFF")
        w.raw("/><bgColor indexed=\"64\"/></patternFill></fill>")
    }

    // <borders>
    private func writeBorders(_ w: inout XMLByteWriter) {
        w.raw("<borders")
        w.attribute("count", String(table.borders.count))
        w.raw(">")
        for border in table.borders { Self.writeBorder(&w, border) }
        w.raw("</borders>")
    }

    // <border>: edges in schema order left, right, top, bottom, diagonal.
    static func writeBorder(_ w: inout XMLByteWriter, _ border: CellStyle.Border) {
        w.raw("<border>")
        Self.writeEdge(&w, "left", border.left)
        Self.writeEdge(&w, "right", border.right)
        Self.writeEdge(&w, "top", border.top)
        Self.writeEdge(&w, "bottom", border.bottom)
        w.raw("<diagonal/></border>")
    }

    // <left>, <right>, <top>, <bottom>
    static func writeEdge(_ w: inout XMLByteWriter, _ name: String, _ line: CellStyle.Line?) {
        guard let line else {
            w.raw("<\(name)/>")
            return
        }
        w.raw("<\(name)")
        w.attribute("style", line.weight.rawValue)
        w.raw(">")
        if let color = line.color, let argb = StylesPartWriter.argb(color) {
            w.raw("<color")
            w.attribute("rgb", argb)
            w.raw("/>")
        } else {
            w.raw("<color indexed=\"64\"/>")
        }
        w.raw("</\(name)>")
    }

    // <cellXfs>
    private func writeCellXfs(_ w: inout XMLByteWriter) {
        w.raw("<cellXfs")
        w.attribute("count", String(table.xfs.count))
        w.raw(">")
        for xf in table.xfs { Self.writeXF(&w, xf) }
        w.raw("</cellXfs>")
    }

    // <xf>
    static func writeXF(_ w: inout XMLByteWriter, _ xf: XLSXStyleTable.XF) {
        w.raw("<xf")
        w.attribute("numFmtId", String(xf.numFmtID))
        w.attribute("fontId", String(xf.fontID))
        w.attribute("fillId", String(xf.fillID))
        w.attribute("borderId", String(xf.borderID))
        w.raw(" xfId=\"0\"")
        if xf.numFmtID != 0 { w.raw(" applyNumberFormat=\"1\"") }
        if xf.fontID != 0 { w.raw(" applyFont=\"1\"") }
        if xf.fillID != 0 { w.raw(" applyFill=\"1\"") }
        if xf.borderID != 0 { w.raw(" applyBorder=\"1\"") }
        if xf.alignment == CellStyle.Alignment() {
            w.raw("/>")
            return
        }
        w.raw(" applyAlignment=\"1\">")
        Self.writeAlignment(&w, xf.alignment)
        w.raw("</xf>")
    }

    // <alignment>
    static func writeAlignment(_ w: inout XMLByteWriter, _ a: CellStyle.Alignment) {
        w.raw("<alignment")
        if a.horizontal != .general { w.attribute("horizontal", a.horizontal.rawValue) }
        if let vertical = a.vertical { w.attribute("vertical", vertical.rawValue) }
        if a.wrapText { w.raw(" wrapText=\"1\"") }
        w.raw("/>")
    }

    /// `RRGGBB` (or `#RRGGBB`, or already `AARRGGBB`) → `FFRRGGBB`; nil when it is not a colour.
    static func argb(_ color: String) -> String? {
        var hex = color.hasPrefix("#") ? String(color.dropFirst()) : color
        guard hex.count == 6 || hex.count == 8, hex.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit })
        else { return nil }
        if hex.count == 6 { hex = "FF" + hex }
        return hex.uppercased()
    }
}

import KamXML

/// `styles.xml` (ECMA-376 Part 1 §18.8): cell formats (`cellXfs`) resolved into format-neutral `CellStyle`s,
/// plus the number-format kind of each, which types number cells as dates, times or durations.
struct StylesPart {
    /// One style per `cellXfs/xf`, in order; a cell's `s` attribute indexes this.
    var styles: [CellStyle] = [CellStyle()]
    /// The number-format kind per `cellXfs/xf`.
    var kinds: [NumberFormat.Kind] = [.number]

    init() {}

    /// The `styleSheet` element.
    init(_ root: XMLElement) {
        var customCodes: [Int: String] = [:]
        for f in root.child("numFmts")?.children("numFmt") ?? [] {
            if let id = f.attribute("numFmtId").flatMap({ Int($0.trimmingXMLSpace) }), let code = f.attribute("formatCode") {
                customCodes[id] = code
            }
        }
        let fonts = (root.child("fonts")?.children("font") ?? []).map(Self.font)
        let fills = (root.child("fills")?.children("fill") ?? []).map(Self.fill)
        let borders = (root.child("borders")?.children("border") ?? []).map(Self.border)
        var styles: [CellStyle] = []
        var kinds: [NumberFormat.Kind] = []
        for xf in root.child("cellXfs")?.children("xf") ?? [] {
            let numFmtID = xf.attribute("numFmtId").flatMap { Int($0.trimmingXMLSpace) } ?? 0
            var style = CellStyle()
            let kind: NumberFormat.Kind
            // A code declared in numFmts wins over a built-in id's meaning.
            if let code = customCodes[numFmtID] {
                style.numberFormat = code
                kind = NumberFormat.kind(code: code)
            } else {
                style.numberFormat = NumberFormat.builtinCode(numFmtID) ?? "General"
                kind = NumberFormat.kind(builtinID: numFmtID)
            }
            if let i = xf.attribute("fontId").flatMap({ Int($0) }), fonts.indices.contains(i) { style.font = fonts[i] }
            if let i = xf.attribute("fillId").flatMap({ Int($0) }), fills.indices.contains(i) { style.fill = fills[i] }
            if let i = xf.attribute("borderId").flatMap({ Int($0) }), borders.indices.contains(i) { style.border = borders[i] }
            if let a = xf.child("alignment") { style.alignment = Self.alignment(a) }
            styles.append(style)
            kinds.append(kind)
        }
        if !styles.isEmpty {
            self.styles = styles
            self.kinds = kinds
        }
    }

    private static func font(_ e: XMLElement) -> CellStyle.Font {
        var f = CellStyle.Font()
        for c in e.children {
            switch c.name {
            case "name", "rFont": f.name = c.attribute("val")
            case "sz": f.size = c.attribute("val").flatMap { Double($0.trimmingXMLSpace) }
            case "b": f.bold = XMLBool.parse(c.attribute("val")) ?? true
            case "i": f.italic = XMLBool.parse(c.attribute("val")) ?? true
            case "strike": f.strike = XMLBool.parse(c.attribute("val")) ?? true
            case "u": f.underline = c.attribute("val") != "none"
            case "color": f.color = color(c)
            default: break
            }
        }
        return f
    }

    private static func fill(_ e: XMLElement) -> CellStyle.Fill? {
        guard let p = e.child("patternFill"), p.attribute("patternType") == "solid" else { return nil }
        guard let c = (p.child("fgColor").flatMap(color)) ?? (p.child("bgColor").flatMap(color)) else { return nil }
        return CellStyle.Fill(color: c)
    }

    private static func border(_ e: XMLElement) -> CellStyle.Border {
        func line(_ names: [String]) -> CellStyle.Line? {
            guard let c = names.lazy.compactMap({ e.child($0) }).first, let s = c.attribute("style"), s != "none" else {
                return nil
            }
            let weight: CellStyle.Line.Weight
            switch s {
            case "medium": weight = .medium
            case "thick": weight = .thick
            case "double": weight = .double
            case "dotted": weight = .dotted
            case "dashed", "mediumDashed", "dashDot", "mediumDashDot", "dashDotDot", "mediumDashDotDot", "slantDashDot":
                weight = .dashed
            default: weight = .thin
            }
            return CellStyle.Line(weight: weight, color: c.child("color").flatMap(color))
        }
        return CellStyle.Border(left: line(["left", "start"]), right: line(["right", "end"]),
                                top: line(["top"]), bottom: line(["bottom"]))
    }

    private static func alignment(_ e: XMLElement) -> CellStyle.Alignment {
        var a = CellStyle.Alignment()
        switch e.attribute("horizontal") {
        case "left": a.horizontal = .left
        case "center", "centerContinuous": a.horizontal = .center
        case "right": a.horizontal = .right
        case "fill": a.horizontal = .fill
        case "justify", "distributed": a.horizontal = .justify
        default: a.horizontal = .general
        }
        switch e.attribute("vertical") {
        case "top": a.vertical = .top
        case "center", "justify", "distributed": a.vertical = .center
        case "bottom": a.vertical = .bottom
        default: a.vertical = nil
        }
        a.wrapText = XMLBool.parse(e.attribute("wrapText")) ?? false
        return a
    }

    /// `RRGGBB` of an `rgb="AARRGGBB"` color; theme and indexed colors are not resolved (nil).
    private static func color(_ e: XMLElement) -> String? {
        guard let rgb = e.attribute("rgb")?.trimmingXMLSpace, rgb.count == 8 || rgb.count == 6,
              rgb.allSatisfy(\.isHexDigit) else { return nil }
        return String(rgb.suffix(6)).uppercased()
    }
}

/// The styles of an ODS package, resolved: cell styles as `CellStyle` (with parent inheritance and the
/// `table-cell` default style), and the column, row and table properties the cursor needs.
///
/// Sources: common styles (`office:styles` in styles.xml), automatic styles (styles.xml and content.xml), data
/// styles of both, and font-face declarations (`style:font-name` → family).
struct ODSStyles: Sendable {
    /// The workbook's style list; index 0 is the default style.
    var cellStyles: [CellStyle] = [CellStyle()]
    /// Cell style name → index into `cellStyles`.
    var cellStyleIndex: [String: Int] = [:]
    /// Column style name → width in points.
    var columnWidths: [String: Double] = [:]
    /// Row style name → height in points, for rows whose height is set by hand (not optimal).
    var rowHeights: [String: Double] = [:]
    /// Table style names whose table is hidden (`table:display="false"`).
    var hiddenTables: Set<String> = []

    /// The index of a cell style name; 0 for unknown names.
    func index(of name: String) -> Int { cellStyleIndex[name] ?? 0 }

    private struct Collected {
        var styles: [String: [String: ODSNode]] = [:]  // family → name → style:style
        var defaults: [String: ODSNode] = [:]  // family → style:default-style
        var dataStyles: [String: ODSNode] = [:]
        var fonts: [String: String] = [:]
        var cellOrder: [String] = []
    }

    /// Resolves the style containers found in styles.xml and content.xml (`office:styles`,
    /// `office:automatic-styles`, `office:font-face-decls`), in that order (later names win).
    init(containers: [ODSNode]) {
        var c = Collected()
        for container in containers {
            for el in container.children {
                switch el.name {
                case "style":
                    guard let name = el["name"] else { continue }
                    let family = el["family"] ?? ""
                    if family == "table-cell", c.styles["table-cell"]?[name] == nil { c.cellOrder.append(name) }
                    c.styles[family, default: [:]][name] = el
                case "default-style":
                    c.defaults[el["family"] ?? ""] = el
                case "font-face":
                    if let name = el["name"] { c.fonts[name] = el["font-family"].map(Self.unquote) ?? name }
                default:
                    if ODSNumberFormat.dataStyleNames.contains(el.name), let name = el["name"] { c.dataStyles[name] = el }
                }
            }
        }
        for (name, el) in c.styles["table-column"] ?? [:] {
            if let w = el.child("table-column-properties")?["column-width"], let pt = ODSLength.points(w) {
                columnWidths[name] = pt
            }
        }
        for (name, el) in c.styles["table-row"] ?? [:] {
            guard let p = el.child("table-row-properties"), p["use-optimal-row-height"] != "true",
                  let h = p["row-height"], let pt = ODSLength.points(h) else { continue }
            rowHeights[name] = pt
        }
        for (name, el) in c.styles["table"] ?? [:] where el.child("table-properties")?["display"] == "false" {
            hiddenTables.insert(name)
        }
        // Cell styles: index 0 is "Default" (what unstyled cells show), then every named style, deduplicated.
        let cells = c.styles["table-cell"] ?? [:]
        let base = Self.resolve(name: "Default", cells: cells, defaults: c.defaults, data: c.dataStyles, fonts: c.fonts)
        cellStyles = [base]
        var seen: [CellStyle: Int] = [base: 0]
        for name in c.cellOrder {
            let s = Self.resolve(name: name, cells: cells, defaults: c.defaults, data: c.dataStyles, fonts: c.fonts)
            if let i = seen[s] {
                cellStyleIndex[name] = i
            } else {
                seen[s] = cellStyles.count
                cellStyleIndex[name] = cellStyles.count
                cellStyles.append(s)
            }
        }
    }

    /// Flattens a style's chain (default style, ancestors, itself) into `element/attribute` → value.
    private static func resolve(name: String, cells: [String: ODSNode], defaults: [String: ODSNode],
                                data: [String: ODSNode], fonts: [String: String]) -> CellStyle {
        var chain: [ODSNode] = []
        var next: String? = name
        var guardCount = 0
        while let n = next, let el = cells[n], guardCount < 32 {
            chain.append(el)
            next = el["parent-style-name"]
            guardCount += 1
        }
        if let d = defaults["table-cell"] { chain.append(d) }
        var props: [String: String] = [:]
        for el in chain.reversed() {
            if let ds = el["data-style-name"] { props["data-style-name"] = ds }
            for p in el.children { for (k, v) in p.attributes { props[p.name + "/" + k] = v } }
        }
        return cellStyle(props, data: data, fonts: fonts)
    }

    private static func cellStyle(_ p: [String: String], data: [String: ODSNode], fonts: [String: String]) -> CellStyle {
        var s = CellStyle()
        let t = "text-properties/", c = "table-cell-properties/", para = "paragraph-properties/"
        if let f = p[t + "font-name"] { s.font.name = fonts[f] ?? f }
        if let size = p[t + "font-size"], let pt = ODSLength.points(size) { s.font.size = pt }
        s.font.bold = p[t + "font-weight"].map { $0 == "bold" || (Int($0) ?? 400) >= 600 } ?? false
        s.font.italic = p[t + "font-style"].map { $0 == "italic" || $0 == "oblique" } ?? false
        s.font.underline = p[t + "text-underline-style"].map { $0 != "none" } ?? false
        s.font.strike = p[t + "text-line-through-style"].map { $0 != "none" } ?? false
        s.font.color = p[t + "color"].flatMap(Self.hex)
        if let bg = p[c + "background-color"], let h = Self.hex(bg) { s.fill = CellStyle.Fill(color: h) }
        let all = p[c + "border"].flatMap(Self.line)
        s.border.left = p[c + "border-left"].map(Self.line) ?? all
        s.border.right = p[c + "border-right"].map(Self.line) ?? all
        s.border.top = p[c + "border-top"].map(Self.line) ?? all
        s.border.bottom = p[c + "border-bottom"].map(Self.line) ?? all
        if p[c + "text-align-source"] != "value-type" {
            switch p[para + "text-align"] {
            case "start", "left": s.alignment.horizontal = .left
            case "end", "right": s.alignment.horizontal = .right
            case "center": s.alignment.horizontal = .center
            case "justify": s.alignment.horizontal = .justify
            default: break
            }
        }
        switch p[c + "vertical-align"] {
        case "top": s.alignment.vertical = .top
        case "middle": s.alignment.vertical = .center
        case "bottom": s.alignment.vertical = .bottom
        default: break
        }
        s.alignment.wrapText = p[c + "wrap-option"] == "wrap"
        if let ds = p["data-style-name"], let el = data[ds] {
            s.numberFormat = ODSNumberFormat.code(el, dataStyles: data)
        }
        return s
    }

    /// `#A1b2C3` → `A1B2C3`; nil for `transparent` and anything else.
    static func hex(_ s: String) -> String? {
        guard s.hasPrefix("#"), s.utf8.count == 7 else { return nil }
        let h = String(s.dropFirst()).uppercased()
        return h.allSatisfy({ $0.isHexDigit }) ? h : nil
    }

    /// `0.74pt solid #000000` → a line; nil for `none`/`hidden`.
    static func line(_ s: String) -> CellStyle.Line? {
        var width: Double?
        var kind = "solid"
        var color: String?
        for token in s.split(separator: " ") {
            let t = String(token)
            if let c = hex(t) { color = c } else if let w = ODSLength.points(t) { width = w } else { kind = t }
        }
        if kind == "none" || kind == "hidden" || width == 0 { return nil }
        let weight: CellStyle.Line.Weight
        switch kind {
        case "double": weight = .double
        case "dashed", "fine-dashed", "dash-dot", "dash-dot-dot": weight = .dashed
        case "dotted": weight = .dotted
        default:
            let w = width ?? 0.75
            weight = w <= 1.0 ? .thin : (w <= 2.5 ? .medium : .thick)
        }
        return CellStyle.Line(weight: weight, color: color)
    }

    private static func unquote(_ s: String) -> String {
        var t = s
        if t.count >= 2, let f = t.first, f == "'" || f == "\"", t.last == f { t = String(t.dropFirst().dropLast()) }
        return t
    }
}

/// ODF lengths (`2.258cm`, `0.889in`, `10pt`) in points.
enum ODSLength {
    /// Points of a length with a unit; nil for percentages and anything unparsable.
    static func points(_ s: String) -> Double? {
        let units: [(String, Double)] = [("cm", 72 / 2.54), ("mm", 72 / 25.4), ("in", 72), ("pt", 1), ("pc", 12), ("px", 0.75)]
        for (u, factor) in units where s.hasSuffix(u) {
            guard let v = Double(s.dropLast(u.count)), v.isFinite else { return nil }
            return v * factor
        }
        return nil
    }

    /// Points of a column width → Excel character units: Excel's default 8.43 characters is 64 px (48 pt) with
    /// Calibri 11, whose digits are 7 px wide plus 5 px of padding, so characters = (px − 5) / 7.
    static func characters(points: Double) -> Double {
        let px = points * 96 / 72
        return max(0, ((px - 5) / 7 * 100).rounded() / 100)
    }
}

import KamXML

/// The automatic styles the editor adds to content.xml: cell styles (`kamceN`) for `StyleChange`s and for dates
/// written into cells without a date format, their data styles (`kamnN`), and table styles (`kamtaN`) for
/// visibility. Names never clash with the package's own; equal requests share one style.
final class ODSStyleFactory {
    /// Raw bytes of content.xml's automatic styles by name (cell, table and data styles).
    private var automatic: [String: [UInt8]] = [:]
    private var automaticNodes: [String: ODSNode] = [:]
    /// styles.xml's styles (common and automatic) and data styles by name.
    private var common: [String: ODSNode] = [:]
    private var taken: Set<String> = []
    private var counter = 0
    private var made: [String: String] = [:]
    /// The markup of the new styles, in the order made (data styles before the cell styles using them).
    private(set) var markup: [UInt8] = []
    /// New `style:font-face` declarations.
    private(set) var fontFaces: [UInt8] = []
    private var fonts: Set<String> = []

    /// Reads styles.xml's styles.
    init(stylesXML: ODSNode?) {
        guard let root = stylesXML else { return }
        for container in root.children where ["styles", "automatic-styles", "font-face-decls"].contains(container.name) {
            for el in container.children {
                if let n = el["name"] {
                    taken.insert(n)
                    if container.name == "font-face-decls" { fonts.insert(n) } else { common[n] = el }
                }
            }
        }
    }

    /// Learns content.xml's automatic styles from the bytes of `office:automatic-styles`.
    func learnAutomatic(_ bytes: [UInt8]) throws {
        let s = XMLScanner(bytes: bytes)
        var start = -1
        var offset = 0
        var name: String?
        // Offsets are recovered by summing raw token lengths (every byte belongs to exactly one token).
        while true {
            try s.next()
            if s.kind == .end { break }
            let len = s.rawToken.count
            if s.kind == .startElement && s.depth == 2 {
                start = offset
                name = try s.attribute("name")
                if let name { taken.insert(name) }
                if s.isSelfClosing, let n = name {
                    automatic[n] = Array(bytes[start..<(offset + len)])
                    name = nil
                }
            } else if s.kind == .endElement && s.depth == 1, let n = name, start >= 0 {
                automatic[n] = Array(bytes[start..<(offset + len)])
                name = nil
            }
            offset += len
        }
        for (n, b) in automatic {
            if let node = try? ODSNode.parse(b, maxDepth: 64) { automaticNodes[n] = node }
        }
    }

    /// Remembers font-face names declared in content.xml.
    func learnFontFace(_ name: String) { fonts.insert(name); taken.insert(name) }

    private func node(_ name: String) -> ODSNode? { automaticNodes[name] ?? common[name] }

    private func fresh(_ prefix: String) -> String {
        while true {
            counter += 1
            let n = prefix + String(counter)
            if !taken.contains(n) { taken.insert(n); return n }
        }
    }

    // MARK: Queries

    /// The data style element of a cell style, following parents.
    func dataStyle(ofCellStyle name: String?) -> ODSNode? {
        var cur = name
        var guardCount = 0
        while let n = cur, let el = node(n), guardCount < 32 {
            if let ds = el["data-style-name"] { return node(ds) }
            cur = el["parent-style-name"]
            guardCount += 1
        }
        return nil
    }

    /// Whether a cell style shows values of `value`'s kind as dates/times (else a written date would show a number).
    func formats(_ value: CellValue, styleName: String?) -> Bool {
        let kind = dataStyle(ofCellStyle: styleName)?.name
        switch value {
        case .date, .dateTime: return kind == "date-style"
        case .time, .duration: return kind == "time-style" || kind == "date-style"
        default: return true
        }
    }

    // MARK: Making styles

    /// A cell style like `base` (a cell style name, or nil for the default) with a background and/or a data
    /// style for `dateFor`'s kind.
    func derive(from base: String?, background: String?, dateFor: CellValue?) -> String {
        let key = "derive|\(base ?? "")|\(background ?? "")|\(dateFor.map(Self.dateKind) ?? "")"
        if let n = made[key] { return n }
        let data = dateFor.map { dateStyle(for: $0) }
        let name = fresh("kamce")
        var out = XMLByteWriter()
        if let base, let raw = automatic[base], automaticNodes[base]?.name == "style" {
            copyStyle(raw, name: name, dataStyle: data, background: background, into: &out)
        } else {
            out.raw("<style:style")
            out.attribute("style:name", name)
            out.raw(" style:family=\"table-cell\"")
            if let parent = base ?? (common["Default"] != nil ? "Default" : nil) { out.attribute("style:parent-style-name", parent) }
            if let data { out.attribute("style:data-style-name", data) }
            if let background {
                out.raw("><style:table-cell-properties")
                out.attribute("fo:background-color", "#" + background)
                out.raw("/></style:style>")
            } else {
                out.raw("/>")
            }
        }
        markup += out.bytes
        made[key] = name
        return name
    }

    /// Copies an automatic style's markup under a new name, setting its data style and background.
    private func copyStyle(_ raw: [UInt8], name: String, dataStyle: String?, background: String?, into out: inout XMLByteWriter) {
        let s = XMLScanner(bytes: raw)
        var didBackground = background == nil
        do {
            while true {
                try s.next()
                switch s.kind {
                case .end:
                    return
                case .startElement where s.depth == 1:
                    out.raw("<")
                    out.raw(bytes: s.qualifiedName)
                    for i in 0..<s.attributeCount {
                        let local = s.attributeLocalName(i)
                        if local == "name" { out.raw(" "); out.raw(s.attributeQualifiedName(i)); out.raw("=\""); out.escape(name, quotes: true); out.raw("\""); continue }
                        if local == "data-style-name" && dataStyle != nil { continue }
                        out.raw(" "); out.raw(bytes: Array(s.attributeQualifiedName(i).utf8)); out.raw("=\""); out.raw(bytes: s.attributeRawValue(i)); out.raw("\"")
                    }
                    if let dataStyle { out.attribute("style:data-style-name", dataStyle) }
                    if s.isSelfClosing {
                        if let background {
                            out.raw("><style:table-cell-properties")
                            out.attribute("fo:background-color", "#" + background)
                            out.raw("/></")
                            out.raw(bytes: s.qualifiedName)
                            out.raw(">")
                        } else {
                            out.raw("/>")
                        }
                        try s.next()
                        return
                    }
                    out.raw(">")
                    if let background {
                        // table-cell-properties comes first among a cell style's children; add it when missing.
                        if !hasChild(raw, "table-cell-properties") {
                            out.raw("<style:table-cell-properties")
                            out.attribute("fo:background-color", "#" + background)
                            out.raw("/>")
                            didBackground = true
                        }
                    }
                case .startElement where s.depth == 2 && s.isNamed("table-cell-properties") && !didBackground:
                    out.raw("<")
                    out.raw(bytes: s.qualifiedName)
                    for i in 0..<s.attributeCount where s.attributeLocalName(i) != "background-color" {
                        out.raw(" "); out.raw(s.attributeQualifiedName(i)); out.raw("=\""); out.raw(bytes: s.attributeRawValue(i)); out.raw("\"")
                    }
                    out.attribute("fo:background-color", "#" + (background ?? ""))
                    out.raw(s.isSelfClosing ? "/>" : ">")
                    didBackground = true
                default:
                    out.raw(bytes: s.rawToken)
                }
            }
        } catch {
            // The bytes were scanned once already when learnt; a failure here cannot happen.
        }
    }

    private func hasChild(_ raw: [UInt8], _ local: StaticString) -> Bool {
        let s = XMLScanner(bytes: raw)
        while (try? s.next()) != nil, s.kind != .end {
            if s.kind == .startElement && s.depth == 2 && s.isNamed(local) { return true }
        }
        return false
    }

    private static func dateKind(_ v: CellValue) -> String {
        switch v {
        case .dateTime: return "datetime"
        case .time, .duration: return "time"
        default: return "date"
        }
    }

    /// A data style showing `value`'s kind in ISO form.
    private func dateStyle(for value: CellValue) -> String {
        let kind = Self.dateKind(value)
        let key = "data|" + kind
        if let n = made[key] { return n }
        let name = fresh("kamn")
        var out = XMLByteWriter()
        let ymd = "<number:year number:style=\"long\"/><number:text>-</number:text><number:month number:style=\"long\"/><number:text>-</number:text><number:day number:style=\"long\"/>"
        let hms = "<number:hours number:style=\"long\"/><number:text>:</number:text><number:minutes number:style=\"long\"/><number:text>:</number:text><number:seconds number:style=\"long\"/>"
        switch kind {
        case "time":
            out.raw("<number:time-style"); out.attribute("style:name", name); out.raw(" number:truncate-on-overflow=\"false\">")
            out.raw(hms); out.raw("</number:time-style>")
        case "datetime":
            out.raw("<number:date-style"); out.attribute("style:name", name); out.raw(">")
            out.raw(ymd); out.raw("<number:text> </number:text>"); out.raw(hms); out.raw("</number:date-style>")
        default:
            out.raw("<number:date-style"); out.attribute("style:name", name); out.raw(">")
            out.raw(ymd); out.raw("</number:date-style>")
        }
        markup += out.bytes
        made[key] = name
        return name
    }

    /// A new cell style for a `CellStyle`; `dateFor` adds a date format when the style has none.
    func make(_ style: CellStyle, dateFor: CellValue?) -> String {
        let key = "make|\(style.hashValue)|\(String(describing: style))|\(dateFor.map(Self.dateKind) ?? "")"
        if let n = made[key] { return n }
        var data = ODSDataStyleWriter.dataStyle(style.numberFormat, name: { self.fresh("kamn") })
        if let d = data { markup += d.markup }
        if data == nil, let v = dateFor {
            data = (dateStyle(for: v), [])
        }
        let name = fresh("kamce")
        var out = XMLByteWriter()
        out.raw("<style:style")
        out.attribute("style:name", name)
        out.raw(" style:family=\"table-cell\"")
        if common["Default"] != nil { out.raw(" style:parent-style-name=\"Default\"") }
        if let data { out.attribute("style:data-style-name", data.name) }
        out.raw(">")
        out.raw("<style:table-cell-properties")
        if let f = style.fill { out.attribute("fo:background-color", "#" + f.color) }
        let b = style.border
        for (attr, line) in [("fo:border-left", b.left), ("fo:border-right", b.right), ("fo:border-top", b.top), ("fo:border-bottom", b.bottom)] {
            guard let line else { continue }
            out.raw(" "); out.raw(attr); out.raw("=\""); out.escape(Self.border(line), quotes: true); out.raw("\"")
        }
        if let v = style.alignment.vertical {
            out.attribute("style:vertical-align", v == .center ? "middle" : v.rawValue)
        }
        if style.alignment.wrapText { out.raw(" fo:wrap-option=\"wrap\"") }
        if style.alignment.horizontal != .general { out.raw(" style:text-align-source=\"fix\"") }
        out.raw("/>")
        let h: String?
        switch style.alignment.horizontal {
        case .left: h = "start"
        case .right: h = "end"
        case .center: h = "center"
        case .justify: h = "justify"
        case .general, .fill: h = nil
        }
        if let h { out.raw("<style:paragraph-properties"); out.attribute("fo:text-align", h); out.raw("/>") }
        let f = style.font
        out.raw("<style:text-properties")
        if let n = f.name {
            out.attribute("style:font-name", n)
            out.attribute("fo:font-family", n)
            declareFont(n)
        }
        if let size = f.size { out.attribute("fo:font-size", NumberText.format(size) + "pt") }
        if f.bold { out.raw(" fo:font-weight=\"bold\"") }
        if f.italic { out.raw(" fo:font-style=\"italic\"") }
        if f.underline { out.raw(" style:text-underline-style=\"solid\" style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"") }
        if f.strike { out.raw(" style:text-line-through-style=\"solid\"") }
        if let c = f.color { out.attribute("fo:color", "#" + c) }
        out.raw("/></style:style>")
        markup += out.bytes
        made[key] = name
        return name
    }

    private func declareFont(_ n: String) {
        guard !fonts.contains(n) else { return }
        fonts.insert(n)
        var out = XMLByteWriter()
        out.raw("<style:font-face")
        out.attribute("style:name", n)
        out.attribute("svg:font-family", n)
        out.raw("/>")
        fontFaces += out.bytes
    }

    private static func border(_ l: CellStyle.Line) -> String {
        let (w, kind): (String, String)
        switch l.weight {
        case .thin: (w, kind) = ("0.74pt", "solid")
        case .medium: (w, kind) = ("1.76pt", "solid")
        case .thick: (w, kind) = ("2.49pt", "solid")
        case .dashed: (w, kind) = ("0.74pt", "dashed")
        case .dotted: (w, kind) = ("0.74pt", "dotted")
        case .double: (w, kind) = ("2.01pt", "double")
        }
        return "\(w) \(kind) #\(l.color ?? "000000")"
    }

    /// A table style like `base` with `table:display` set.
    func tableStyle(from base: String?, display: Bool) -> String {
        let key = "table|\(base ?? "")|\(display)"
        if let n = made[key] { return n }
        let name = fresh("kamta")
        var out = XMLByteWriter()
        out.raw("<style:style")
        out.attribute("style:name", name)
        out.raw(" style:family=\"table\"")
        let b = base.flatMap { automaticNodes[$0] }
        if let m = b?["master-page-name"] { out.attribute("style:master-page-name", m) }
        out.raw("><style:table-properties")
        for (k, v) in b?.child("table-properties")?.attributes.sorted(by: { $0.key < $1.key }) ?? [] where k != "display" {
            // Keys are local names; the table properties ODS uses live in the table: and style: namespaces.
            let prefix = k == "writing-mode" ? "style:" : "table:"
            out.raw(" "); out.raw(prefix + k); out.raw("=\""); out.escape(v, quotes: true); out.raw("\"")
        }
        out.attribute("table:display", display ? "true" : "false")
        out.raw("/></style:style>")
        markup += out.bytes
        made[key] = name
        return name
    }
}

/// Excel-style number format codes as ODF data styles, for `StyleChange.replace` (common codes only).
enum ODSDataStyleWriter {
    /// The data style markup and name for `code`; nil for General and codes not translated.
    static func dataStyle(_ code: String, name: () -> String) -> (name: String, markup: [UInt8])? {
        let c = code.trimmingCharacters(in: .whitespaces)
        if c.isEmpty || c.lowercased() == "general" { return nil }
        var out = XMLByteWriter()
        let n = name()
        if c == "@" {
            out.raw("<number:text-style"); out.attribute("style:name", n); out.raw("><number:text-content/></number:text-style>")
            return (n, out.bytes)
        }
        let lower = c.lowercased()
        if lower.allSatisfy({ "ymdhs:-/. ".contains($0) }), lower.contains(where: { "ymdhs".contains($0) }) {
            let isDate = lower.contains("y") || lower.contains("d") || (lower.contains("m") && !lower.contains("h"))
            let tag = isDate ? "number:date-style" : "number:time-style"
            out.raw("<"); out.raw(tag); out.attribute("style:name", n); out.raw(">")
            let chars = Array(lower)
            var i = 0
            var afterHour = false
            while i < chars.count {
                var j = i
                while j < chars.count, chars[j] == chars[i] { j += 1 }
                let run = j - i
                let long = run >= 2 ? " number:style=\"long\"" : ""
                switch chars[i] {
                case "y": out.raw("<number:year"); out.raw(run >= 3 ? " number:style=\"long\"" : ""); out.raw("/>")
                case "m":
                    if afterHour { out.raw("<number:minutes"); out.raw(long); out.raw("/>") }
                    else { out.raw("<number:month"); out.raw(long); out.raw("/>") }
                case "d": out.raw("<number:day"); out.raw(long); out.raw("/>")
                case "h": out.raw("<number:hours"); out.raw(long); out.raw("/>"); afterHour = true
                case "s": out.raw("<number:seconds"); out.raw(long); out.raw("/>")
                default:
                    out.raw("<number:text>"); out.text(String(chars[i..<j])); out.raw("</number:text>")
                }
                i = j
            }
            out.raw("</"); out.raw(tag); out.raw(">")
            return (n, out.bytes)
        }
        let percent = c.hasSuffix("%")
        let body = percent ? String(c.dropLast()) : c
        guard body.allSatisfy({ "#0,.".contains($0) }), body.contains("0") else { return nil }
        let decimals = body.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        let grouping = body.contains(",")
        let tag = percent ? "number:percentage-style" : "number:number-style"
        out.raw("<"); out.raw(tag); out.attribute("style:name", n); out.raw("><number:number")
        out.attribute("number:decimal-places", String(decimals))
        out.raw(" number:min-integer-digits=\"1\"")
        if grouping { out.raw(" number:grouping=\"true\"") }
        out.raw("/>")
        if percent { out.raw("<number:text>%</number:text>") }
        out.raw("</"); out.raw(tag); out.raw(">")
        return (n, out.bytes)
    }
}

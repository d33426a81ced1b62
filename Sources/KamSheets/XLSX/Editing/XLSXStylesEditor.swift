import KamXML

/// Adds cell formats to an existing `styles.xml` without rebuilding it: new fonts, fills, borders, number
/// formats and `xf`s are appended after the existing ones and every existing index stays valid.
final class XLSXStylesEditor {
    private struct XFEntry {
        var element: XMLElement
    }

    private var xfs: [XMLElement] = []
    private var numFmts: [Int: String] = [:]
    private var counts: [String: Int] = ["fonts": 0, "fills": 0, "borders": 0]
    private var added: [String: [UInt8]] = ["numFmts": [], "fonts": [], "fills": [], "borders": [], "cellXfs": []]
    private var addedCounts: [String: Int] = ["numFmts": 0, "fonts": 0, "fills": 0, "borders": 0, "cellXfs": 0]
    private var memo: [String: Int] = [:]
    private let original: [UInt8]?
    /// Whether anything was added (else the part is copied raw).
    private(set) var isChanged = false

    /// Reads the existing part (nil: the package has none, and one is created on first use).
    /// - Throws: `XMLError`.
    init(_ bytes: [UInt8]?) throws {
        original = bytes
        guard let bytes else {
            xfs = [try XMLDocumentParser.parse(Array(#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#.utf8))]
            counts = ["fonts": 1, "fills": 2, "borders": 1]
            return
        }
        let root = try XMLDocumentParser.parse(bytes)
        for f in root.child("numFmts")?.children("numFmt") ?? [] {
            if let id = f.attribute("numFmtId").flatMap(Int.init), let code = f.attribute("formatCode") { numFmts[id] = code }
        }
        counts["fonts"] = root.child("fonts")?.children("font").count ?? 0
        counts["fills"] = root.child("fills")?.children("fill").count ?? 0
        counts["borders"] = root.child("borders")?.children("border").count ?? 0
        xfs = root.child("cellXfs")?.children("xf") ?? []
        if xfs.isEmpty {
            xfs = [try XMLDocumentParser.parse(Array(#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#.utf8))]
        }
    }

    /// The number format code of an existing or added `xf`.
    func numberFormat(of xf: Int) -> String {
        guard xfs.indices.contains(xf), let id = xfs[xf].attribute("numFmtId").flatMap(Int.init) else { return "General" }
        return numFmts[id] ?? NumberFormat.builtinCode(id) ?? "General"
    }

    /// An `xf` like `base` with the number format `code` (itself when it already has a date/time format of that kind).
    func withNumberFormat(_ base: Int, code: String) -> Int {
        let key = "nf\(base)|\(code)"
        if let m = memo[key] { return m }
        let id = numberFormatID(code)
        let xf = derive(base, ["numFmtId": String(id), "applyNumberFormat": "1"])
        memo[key] = xf
        return xf
    }

    /// An `xf` like `base` with a solid fill of `RRGGBB`.
    func withFill(_ base: Int, color: String) -> Int {
        let key = "fill\(base)|\(color)"
        if let m = memo[key] { return m }
        var w = XMLByteWriter()
        StylesPartWriter.writeFill(&w, CellStyle.Fill(color: color))
        let fillID = append("fills", w.bytes)
        let xf = derive(base, ["fillId": String(fillID), "applyFill": "1"])
        memo[key] = xf
        return xf
    }

    /// An `xf` for a whole style.
    func index(for style: CellStyle) -> Int {
        let key = "style\(style.hashValue)|\(style)"
        if let m = memo[key] { return m }
        var w = XMLByteWriter()
        StylesPartWriter.writeFont(&w, style.font)
        let fontID = append("fonts", w.bytes)
        var fillID = 0
        if let fill = style.fill {
            var f = XMLByteWriter()
            StylesPartWriter.writeFill(&f, fill)
            fillID = append("fills", f.bytes)
        }
        var borderID = 0
        if !style.border.isEmpty {
            var b = XMLByteWriter()
            StylesPartWriter.writeBorder(&b, style.border)
            borderID = append("borders", b.bytes)
        }
        let xf = XLSXStyleTable.XF(numFmtID: numberFormatID(style.numberFormat), fontID: fontID, fillID: fillID,
                                   borderID: borderID, alignment: style.alignment)
        var x = XMLByteWriter()
        StylesPartWriter.writeXF(&x, xf)
        let index = xfs.count
        xfs.append((try? XMLDocumentParser.parse(x.bytes)) ?? xfs[0])
        added["cellXfs", default: []] += x.bytes
        addedCounts["cellXfs", default: 0] += 1
        isChanged = true
        memo[key] = index
        return index
    }

    private func numberFormatID(_ code: String) -> Int {
        if let builtin = NumberFormatCode.builtinID(code) { return builtin }
        if let existing = numFmts.first(where: { $0.value == code })?.key { return existing }
        let id = max(163, numFmts.keys.max() ?? 163) + 1
        numFmts[id] = code
        var w = XMLByteWriter()
        w.raw("<numFmt")
        w.attribute("numFmtId", String(id))
        w.attribute("formatCode", code)
        w.raw("/>")
        added["numFmts", default: []] += w.bytes
        addedCounts["numFmts", default: 0] += 1
        isChanged = true
        return id
    }

    private func append(_ collection: String, _ bytes: [UInt8]) -> Int {
        let index = (counts[collection] ?? 0) + (addedCounts[collection] ?? 0)
        added[collection, default: []] += bytes
        addedCounts[collection, default: 0] += 1
        isChanged = true
        return index
    }

    /// A copy of `xf` `base` with some attributes replaced, appended to `cellXfs`.
    private func derive(_ base: Int, _ changes: [String: String]) -> Int {
        var e = xfs.indices.contains(base) ? xfs[base] : xfs[0]
        for (k, v) in changes {
            if let i = e.attributes.firstIndex(where: { $0.name == k }) { e.attributes[i].value = v }
            else { e.attributes.append(.init(name: k, prefix: nil, namespace: nil, value: v)) }
        }
        var w = XMLByteWriter()
        Self.serialize(e, &w)
        let index = xfs.count
        xfs.append(e)
        added["cellXfs", default: []] += w.bytes
        addedCounts["cellXfs", default: 0] += 1
        isChanged = true
        return index
    }

    private static func serialize(_ e: XMLElement, _ w: inout XMLByteWriter) {
        let name = (e.prefix.map { $0 + ":" } ?? "") + e.name
        w.raw("<" + name)
        for a in e.attributes {
            w.raw(" " + (a.prefix.map { $0 + ":" } ?? "") + a.name + "=\"")
            w.escape(a.value, quotes: true)
            w.raw("\"")
        }
        if e.children.isEmpty && e.text.isEmpty {
            w.raw("/>")
            return
        }
        w.raw(">")
        w.text(e.text)
        for c in e.children { serialize(c, &w) }
        w.raw("</" + name + ">")
    }

    /// The part with the additions; the original bytes when nothing was added.
    /// - Throws: `XMLError`.
    func bytes() throws -> [UInt8] {
        guard isChanged else { return original ?? [] }
        guard let original else {
            var w = XMLByteWriter()
            w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
            let defaults: [String: (String, String)] = [
                "fonts": ("1", "<font><sz val=\"11\"/><name val=\"Calibri\"/></font>"),
                "fills": ("2", "<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"),
                "borders": ("1", "<border><left/><right/><top/><bottom/><diagonal/></border>"),
            ]
            if (addedCounts["numFmts"] ?? 0) > 0 { collection(&w, "numFmts", base: 0, existing: []) }
            for c in ["fonts", "fills", "borders"] {
                let (n, xml) = defaults[c]!
                collection(&w, c, base: Int(n)!, existing: Array(xml.utf8))
            }
            w.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
            collection(&w, "cellXfs", base: 1, existing: Array(#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#.utf8))
            w.raw("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>")
            return w.bytes
        }
        // Stream the original, appending before each collection's end and fixing its count, in the namespace
        // prefix the part itself uses.
        let s = XMLScanner(bytes: original)
        var w = XMLByteWriter()
        var p = ""
        var seen = Set<String>()
        let order = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs"]
        while true {
            try s.next()
            switch s.kind {
            case .end:
                return w.bytes
            case .startElement where s.depth == 1:
                let q = s.qualifiedNameString
                if let colon = q.firstIndex(of: ":") { p = String(q[...colon]) }
                w.raw(bytes: s.rawToken)
            case .startElement where s.depth == 2:
                let name = s.name
                // A collection the part lacks goes where the schema puts it: before the next one present.
                if let pos = order.firstIndex(of: name) {
                    for missing in order[..<pos] where !seen.contains(missing) && (addedCounts[missing] ?? 0) > 0 {
                        collection(&w, missing, base: 0, existing: [], prefix: p)
                        seen.insert(missing)
                    }
                }
                seen.insert(name)
                if let extra = addedCounts[name], extra > 0 {
                    let existing = name == "numFmts" ? 0 : (name == "cellXfs" ? xfs.count - extra : counts[name] ?? 0)
                    let total = (name == "numFmts" ? (try s.attribute("count").flatMap(Int.init) ?? 0) : existing) + extra
                    w.raw("<")
                    w.raw(bytes: s.qualifiedName)
                    var wroteCount = false
                    for i in 0..<s.attributeCount {
                        if s.attributeLocalName(i) == "count" {
                            w.attribute("count", String(total))
                            wroteCount = true
                        } else {
                            w.raw(" " + s.attributeQualifiedName(i) + "=\"")
                            w.escape(try s.attributeValue(i), quotes: true)
                            w.raw("\"")
                        }
                    }
                    if !wroteCount { w.attribute("count", String(total)) }
                    if s.isSelfClosing {
                        w.raw(">")
                        w.raw(bytes: XMLPrefix.apply(added[name] ?? [], p))
                        w.raw("</")
                        w.raw(bytes: s.qualifiedName)
                        w.raw(">")
                        try s.next()
                    } else {
                        w.raw(">")
                    }
                } else {
                    w.raw(bytes: s.rawToken)
                }
            case .endElement where s.depth == 1:
                if let extra = addedCounts[s.name], extra > 0 { w.raw(bytes: XMLPrefix.apply(added[s.name] ?? [], p)) }
                w.raw(bytes: s.rawToken)
            default:
                w.raw(bytes: s.rawToken)
            }
        }
    }

    private func collection(_ w: inout XMLByteWriter, _ name: String, base: Int, existing: [UInt8], prefix: String = "") {
        w.raw("<" + prefix + name)
        w.attribute("count", String(base + (addedCounts[name] ?? 0)))
        w.raw(">")
        w.raw(bytes: XMLPrefix.apply(existing, prefix))
        w.raw(bytes: XMLPrefix.apply(added[name] ?? [], prefix))
        w.raw("</" + prefix + name + ">")
    }
}

@available(*, unavailable)
extension XLSXStylesEditor: Sendable {}

import KamXML

/// Rewrites an ODS `content.xml` in one streaming pass for a set of edits.
///
/// The part is written in two pieces: the head (everything before the end of `office:automatic-styles`, held in
/// memory: it holds styles, not cells) and the body (streamed to a sink). The styles kam adds are only known
/// once the body has been written, so they are appended to the head when the pass ends; the caller writes
/// head, then body. Elements and attributes kam does not understand are copied through byte for byte, in order.
final class ODSContentRewriter {
    private let plan: ODSEditPlan
    let styles: ODSStyleFactory
    private let templates: [String: [Int: ODSTemplateRow]]
    private let references: PartReferenceRewriter
    /// The table being written, and where in it (for errors).
    private(set) var currentTable: String?
    private var tableRewriter: ODSTableRewriter?
    var currentCell: String? { tableRewriter.map { $0.position.a1 } }

    init(plan: ODSEditPlan, styles: ODSStyleFactory, templates: [String: [Int: ODSTemplateRow]]) {
        self.plan = plan
        self.styles = styles
        self.templates = templates
        references = .odsContent(plan.edits)
    }

    /// Streams `s` (content.xml) into `head` and `body`; returns the finished head (with the new styles).
    func rewrite(_ s: XMLScanner, body: inout XMLByteWriter) throws -> [UInt8] {
        let head = try readHead(s, body: &body)
        body.raw(bytes: head.autoEndTag)
        // Body.
        while true {
            try s.next()
            if s.kind == .end { break }
            try bodyToken(s, &body)
            try body.flushIfNeeded()
        }
        try body.flush()
        return finish(head)
    }

    /// The part of content.xml before the end of `office:automatic-styles`, as read by `readHead`.
    struct Head {
        var bytes: [UInt8]
        /// Where the new font faces go (the end of `office:font-face-decls`).
        var fontFaceEnd: Int?
        /// The end tag of `office:automatic-styles`, written after the new styles (empty when the rewriter opened
        /// the element itself and closed it in the body).
        var autoEndTag: [UInt8]
    }

    /// Copies `s` up to (not including) the end tag of `office:automatic-styles`, learning the styles and font
    /// faces there. Without automatic styles, the body's first token is handled too (it goes to `body`).
    func readHead(_ s: XMLScanner, body: inout XMLByteWriter) throws -> Head {
        var head = XMLByteWriter()
        var autoStart: Int?
        var fontFaceEnd: Int?
        var autoEndTag: [UInt8] = Array("</office:automatic-styles>".utf8)
        // Head: up to the end of office:automatic-styles.
        head: while true {
            try s.next()
            switch s.kind {
            case .end:
                throw XMLError(.malformed("content.xml has no office:body"))
            case .startElement where s.depth == 2 && s.isNamed("automatic-styles"):
                autoStart = head.bytes.count
                autoEndTag = Array("</".utf8) + Array(s.qualifiedName) + Array(">".utf8)
                if s.isSelfClosing {
                    head.raw("<"); head.raw(bytes: s.qualifiedName); head.raw(">")
                    try s.next()
                    break head
                }
                head.raw(bytes: s.rawToken)
            case .endElement where s.depth == 1 && s.isNamed("automatic-styles"):
                break head
            case .startElement where s.depth == 2 && s.isNamed("body"):
                // No automatic styles: open the element the new styles go in, then go on with the body.
                autoStart = head.bytes.count
                head.raw("<office:automatic-styles>")
                body.raw(bytes: Array("</office:automatic-styles>".utf8))
                autoEndTag = []
                try bodyElement(s, &body)
                break head
            case .endElement where s.depth == 1 && s.isNamed("font-face-decls"):
                fontFaceEnd = head.bytes.count
                head.raw(bytes: s.rawToken)
            case .startElement where s.depth == 2 && s.isNamed("font-face"):
                if let n = try s.attribute("name") { styles.learnFontFace(n) }
                head.raw(bytes: s.rawToken)
            default:
                head.raw(bytes: s.rawToken)
            }
        }
        if let a = autoStart {
            try styles.learnAutomatic(Array(head.bytes[a...]) + Array("</office:automatic-styles>".utf8))
        }
        return Head(bytes: head.bytes, fontFaceEnd: fontFaceEnd, autoEndTag: autoEndTag)
    }

    /// The head with the font faces and styles the edits added (call once every cell is written).
    func finish(_ head: Head) -> [UInt8] {
        var result = head.bytes
        if !styles.fontFaces.isEmpty {
            if let f = head.fontFaceEnd {
                result.insert(contentsOf: styles.fontFaces, at: f)
            }
        }
        result += styles.markup
        return result
    }

    private var inSpreadsheet = false
    private var seenTable = false
    private var addedDone = false
    private var globalNamesDone = false

    private func bodyToken(_ s: XMLScanner, _ out: inout XMLByteWriter) throws {
        switch s.kind {
        case .startElement:
            try bodyElement(s, &out)
        case .endElement where s.depth == 2 && s.isNamed("spreadsheet") && inSpreadsheet:
            try appendAdded(&out)
            if !globalNamesDone && !plan.globalNames.isEmpty {
                globalNamesDone = true
                try Self.namedExpressions(nil, names: plan.globalNames, &out)
            }
            inSpreadsheet = false
            out.raw(bytes: s.rawToken)
        default:
            out.raw(bytes: s.rawToken)
        }
    }

    private func bodyElement(_ s: XMLScanner, _ out: inout XMLByteWriter) throws {
        if s.depth == 3 && s.isNamed("spreadsheet") {
            inSpreadsheet = true
            out.raw(bytes: s.rawToken)
            if s.isSelfClosing {
                // `<office:spreadsheet/>` holds no table: nothing to edit.
                inSpreadsheet = false
            }
            return
        }
        if inSpreadsheet && s.depth == 4 {
            if s.isNamed("table") {
                if !seenTable { try appendAdded(plan.addedFirst, &out) }
                seenTable = true
                let name = try s.attribute("name") ?? ""
                currentTable = name
                let tablePlan = plan.tables[name]
                if tablePlan == nil && plan.edits.isEmpty {
                    out.raw(bytes: s.rawToken)
                    let d = s.depth
                    if !s.isSelfClosing {
                        while true {
                            try s.next()
                            out.raw(bytes: s.rawToken)
                            if (s.kind == .endElement && s.depth < d) || s.kind == .end { break }
                            try out.flushIfNeeded()
                        }
                    }
                    currentTable = nil
                    return
                }
                let t = ODSTableRewriter(plan: tablePlan ?? ODSTablePlan(name: name), edits: plan.edits, styles: styles,
                                         templates: templates[name] ?? [:], references: references)
                tableRewriter = t
                try t.rewrite(s, &out)
                tableRewriter = nil
                currentTable = nil
                return
            }
            if seenTable { try appendAdded(&out) }
            if s.isNamed("named-expressions") && !plan.globalNames.isEmpty {
                globalNamesDone = true
                try Self.namedExpressions(s, names: plan.globalNames, &out)
                return
            }
            if seenTable && !globalNamesDone && !plan.globalNames.isEmpty {
                globalNamesDone = true
                try Self.namedExpressions(nil, names: plan.globalNames, &out)
            }
        }
        try Self.rewriteStart(s, references: references, edits: plan.edits, home: nil, &out)
    }

    /// Appends the tables `addSheet` asked for after the last table.
    private func appendAdded(_ out: inout XMLByteWriter) throws {
        guard !addedDone else { return }
        addedDone = true
        try appendAdded(plan.added, &out)
    }

    /// Writes new tables here.
    private func appendAdded(_ names: [String], _ out: inout XMLByteWriter) throws {
        for name in names {
            guard let p = plan.tables[name] else { continue }
            currentTable = name
            let sub = XMLScanner(bytes: ODSTableRewriter.newTable(p))
            try ODSTableRewriter.enter(sub)
            var q = p
            q.isNew = false
            let t = ODSTableRewriter(plan: q, edits: [], styles: styles, templates: [:], references: references)
            tableRewriter = t
            try t.rewrite(sub, &out)
            tableRewriter = nil
            currentTable = nil
        }
    }

    // MARK: Shared pieces

    /// Copies a start tag, moving the references its attributes hold (named ranges, validations, conditional
    /// formats, database ranges, shapes' end cells); an element whose whole range was deleted goes when the
    /// rewriter says so.
    static func rewriteStart(_ s: XMLScanner, references: PartReferenceRewriter, edits: [StructuralEdit], home: String?,
                             _ out: inout XMLByteWriter) throws {
        guard !edits.isEmpty, let attrs = references.attributes[s.name] else {
            out.raw(bytes: s.rawToken)
            return
        }
        // Formulas of validations and named expressions point at the table of their base cell.
        var home = home
        if let b = try s.attribute("base-cell-address"), let (_, sheet, _) = ODSReferenceShifter.splitSheet(b), let sheet {
            home = sheet
        }
        var rewritten: [Int: String] = [:]
        for i in 0..<s.attributeCount {
            guard let kind = attrs[s.attributeLocalName(i)] else { continue }
            let v = try s.attributeValue(i)
            let r = PartReferenceRewriter(edits: edits, home: home, attributes: [:], texts: [:])
            if let moved = r.move(v, kind) {
                if moved != v { rewritten[i] = moved }
            } else if references.removeWhenEmpty.contains(s.name) {
                try s.skipElement()
                return
            }
        }
        if rewritten.isEmpty {
            out.raw(bytes: s.rawToken)
            return
        }
        out.raw("<")
        out.raw(bytes: s.qualifiedName)
        for i in 0..<s.attributeCount {
            if let v = rewritten[i] {
                out.raw(" "); out.raw(s.attributeQualifiedName(i)); out.raw("=\""); out.escape(v, quotes: true); out.raw("\"")
            } else {
                out.copyAttribute(s, i)
            }
        }
        out.raw(s.isSelfClosing ? "/>" : ">")
    }

    /// Writes a `table:named-expressions` element: the existing one (`s`, if any) without the names being
    /// replaced, plus the new ones.
    static func namedExpressions(_ s: XMLScanner?, names: [(name: String, formula: String)], _ out: inout XMLByteWriter) throws {
        let replaced = Set(names.map(\.name))
        var qname = Array("table:named-expressions".utf8)
        if let s {
            qname = Array(s.qualifiedName)
            out.raw("<"); out.raw(bytes: qname)
            for i in 0..<s.attributeCount { out.copyAttribute(s, i) }
            out.raw(">")
            if !s.isSelfClosing {
                let d = s.depth
                while true {
                    try s.next()
                    if (s.kind == .endElement && s.depth < d) || s.kind == .end { break }
                    if s.kind == .startElement && s.depth == d + 1, let n = try s.attribute("name"), replaced.contains(n) {
                        try s.skipElement()
                        continue
                    }
                    out.raw(bytes: s.rawToken)
                }
            } else {
                try s.next()
            }
        } else {
            out.raw("<table:named-expressions>")
        }
        for (name, formula) in names {
            if let (range, base) = ODSCellEncoding.odfRangeAddress(formula) {
                out.raw("<table:named-range")
                out.attribute("table:name", name)
                out.attribute("table:base-cell-address", base)
                out.attribute("table:cell-range-address", range)
                out.raw("/>")
            } else {
                out.raw("<table:named-expression")
                out.attribute("table:name", name)
                out.attribute("table:expression", ODSCellEncoding.odfFormula(formula))
                out.raw("/>")
            }
        }
        out.raw("</"); out.raw(bytes: qname); out.raw(">")
    }
}

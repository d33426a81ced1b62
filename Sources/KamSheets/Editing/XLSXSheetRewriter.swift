import KamXML

/// How a written cell's style index is found.
enum StyleResolution {
    /// Keep the cell's own style.
    case keep
    /// Use this index.
    case fixed(Int)
    /// Compute it from the cell's own style index (0 when it has none), e.g. "the same, with a date format".
    case derived((Int) -> Int)
}

/// A cell as the editor writes it into worksheet XML: its type attribute, value text, formula and style.
struct EncodedCell {
    /// The `t` attribute (`s`, `str`, `b`, `e`, `inlineStr`), nil for numbers.
    var type: String?
    /// The `<v>` text, nil for none.
    var value: String?
    /// Inline string text (with `type == "inlineStr"`).
    var inline: String?
    /// The formula without `=`.
    var formula: String?
    /// The style index.
    var style: StyleResolution = .keep
    /// A style-only change: the cell keeps its value and formula.
    var keepContent = false
    /// Whether the write empties the cell (its style stays unless `style` says otherwise).
    var isClear: Bool { type == nil && value == nil && inline == nil && formula == nil }
}

/// The style-bearing parts of a row that inserted rows copy: the `<row>` attributes and each cell's `s`.
struct TemplateRow: Sendable, Hashable {
    var attributes: [(name: String, value: String)]
    var cellStyles: [(column: Int, style: String)]
    static func == (a: TemplateRow, b: TemplateRow) -> Bool {
        a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
            && a.cellStyles.map(\.column) == b.cellStyles.map(\.column) && a.cellStyles.map(\.style) == b.cellStyles.map(\.style)
    }
    func hash(into h: inout Hasher) { h.combine(attributes.count); h.combine(cellStyles.count) }
}

/// Rewrites one worksheet part in a single streaming pass: moves rows, cells and every reference for the
/// structural edits, writes the edited cells, adds inserted rows styled like their template rows, and copies
/// every other element and attribute through as it stands, in order.
struct XLSXSheetRewriter {
    let sheet: String
    let edits: [StructuralEdit]
    /// Final row → the original row whose style it copies (nil: none).
    let insertedRows: [Int: Int?]
    /// Final row → final column → cell.
    let writes: [Int: [Int: EncodedCell]]
    /// Original row → its template (for the rows inserted rows copy).
    let templates: [Int: TemplateRow]
    /// The namespace prefix the sheet's own elements use (`x:` in some producers' files), learned at `<sheetData>`
    /// so that the elements kam writes are in the same namespace.
    private let prefix = ElementPrefix()

    /// Markup to add as a child of `<worksheet>` before the first of these elements (or at its end), e.g. a
    /// `<legacyDrawing>` for new comments, which the schema orders before `tableParts` and `extLst`.
    var insertion: (before: Set<String>, bytes: [UInt8])?
    /// Whether rows kam adds are written at `</sheetData>` (off when only the part before the rows is rewritten).
    var emitsRows = true

    private var hasRowEdits: Bool { edits.contains { $0.sheet == sheet && $0.shift.axis == .rows } }
    private var hasColumnEdits: Bool { edits.contains { $0.sheet == sheet && $0.shift.axis == .columns } }

    /// Streams `s` into `out`.
    /// - Throws: `XMLError` from the scanner, or the sink's error.
    func rewrite(_ s: XMLScanner, into out: inout XMLByteWriter) throws {
        var state = State()
        while true {
            try s.next()
            switch s.kind {
            case .end:
                try out.flush()
                return
            case .startElement:
                if let ins = insertion, !state.inserted, s.depth == 2, ins.before.contains(s.name) {
                    out.raw(bytes: ins.bytes)
                    state.inserted = true
                }
                if s.isNamed("sheetData") {
                    let q = s.qualifiedNameString
                    if let colon = q.firstIndex(of: ":") { prefix.value = String(q[...colon]) } else { prefix.value = "" }
                    state.inSheetData = true
                    out.raw(bytes: s.rawToken)
                    if s.isSelfClosing {
                        // `<sheetData/>`: open it for the rows kam adds.
                        out.removeLast(2)
                        out.raw(">")
                        try s.next()
                        if emitsRows { try flushRows(before: Int.max, &state, &out) }
                        out.raw("</")
                        out.raw(bytes: s.qualifiedName)
                        out.raw(">")
                        state.inSheetData = false
                    }
                } else if state.inSheetData && s.isNamed("row") {
                    try rewriteRow(s, &state, &out)
                } else {
                    try rewriteElementStart(s, &state, &out)
                }
            case .endElement:
                if let ins = insertion, !state.inserted, s.depth == 0 {
                    out.raw(bytes: ins.bytes)
                    state.inserted = true
                }
                if s.isNamed("sheetData") && state.inSheetData {
                    if emitsRows { try flushRows(before: Int.max, &state, &out) }
                    state.inSheetData = false
                }
                if state.textMode != nil && s.depth < state.textModeDepth { state.textMode = nil }
                out.raw(bytes: s.rawToken)
            case .text:
                try rewriteText(s, state, &out)
            default:
                out.raw(bytes: s.rawToken)
            }
            try out.flushIfNeeded()
        }
    }

    // MARK: State

    private struct State {
        var inSheetData = false
        var lastRow = -1
        var emittedRows = Set<Int>()
        var textMode: PartReferenceRewriter.Kind?
        var textModeDepth = 0
        var inserted = false
    }

    // MARK: Rows and cells

    private func rewriteRow(_ s: XMLScanner, _ state: inout State, _ out: inout XMLByteWriter) throws {
        let original: Int
        if let i = s.attributeIndex("r"), let r = Int(String(decoding: s.attributeRawValue(i), as: UTF8.self)) {
            original = r - 1
        } else {
            original = state.lastRow + 1
        }
        state.lastRow = original
        guard let final = edits.move(original, axis: .rows, sheet: sheet) else {
            try s.skipElement()  // a deleted row: its end tag is the current token, not copied
            return
        }
        try flushRows(before: final, &state, &out)
        state.emittedRows.insert(final)
        let rowWrites = writes[final] ?? [:]
        // Start tag with the new row number; `spans` is an optional hint that edits can make wrong.
        out.raw("<")
        out.raw(bytes: s.qualifiedName)
        var hasR = false
        for i in 0..<s.attributeCount {
            let name = s.attributeQualifiedName(i)
            if name == "r" {
                hasR = true
                out.raw(" r=\"")
                out.int(final + 1)
                out.raw("\"")
            } else if name == "spans" && (hasColumnEdits || !rowWrites.isEmpty) {
                continue
            } else {
                out.copyAttribute(s, i)
            }
        }
        if !hasR && hasRowEdits {
            out.raw(" r=\"")
            out.int(final + 1)
            out.raw("\"")
        }
        if s.isSelfClosing {
            try s.next()
            if rowWrites.isEmpty {
                out.raw("/>")
            } else {
                out.raw(">")
                for col in rowWrites.keys.sorted() { emit(rowWrites[col]!, row: final, column: col, originalStyle: nil, &out) }
                out.raw("</")
                out.raw(bytes: s.qualifiedName)
                out.raw(">")
            }
            return
        }
        out.raw(">")
        let rowDepth = s.depth
        var pending = rowWrites.keys.sorted()[...]
        var lastCol = -1
        while true {
            try s.next()
            if s.kind == .endElement && s.depth < rowDepth {
                while let col = pending.first { pending = pending.dropFirst(); emit(rowWrites[col]!, row: final, column: col, originalStyle: nil, &out) }
                out.raw(bytes: s.rawToken)
                return
            }
            guard s.kind == .startElement && s.isNamed("c") && s.depth == rowDepth + 1 else {
                if s.kind == .startElement { try rewriteElementStart(s, &state, &out) }
                else if s.kind == .text { try rewriteText(s, state, &out) }
                else {
                    if s.kind == .endElement && state.textMode != nil && s.depth < state.textModeDepth { state.textMode = nil }
                    out.raw(bytes: s.rawToken)
                }
                continue
            }
            var originalCol = lastCol + 1
            var styleText: String?
            for i in 0..<s.attributeCount {
                let n = s.attributeQualifiedName(i)
                if n == "r", let ref = CellReference(a1: String(decoding: s.attributeRawValue(i), as: UTF8.self)) {
                    originalCol = ref.column
                } else if n == "s" {
                    styleText = String(decoding: s.attributeRawValue(i), as: UTF8.self)
                }
            }
            lastCol = originalCol
            guard let col = edits.move(originalCol, axis: .columns, sheet: sheet) else {
                try s.skipElement()
                continue
            }
            while let c = pending.first, c < col {
                pending = pending.dropFirst()
                emit(rowWrites[c]!, row: final, column: c, originalStyle: nil, &out)
            }
            if let w = rowWrites[col], w.keepContent {
                // Only the style changes: the cell's content is copied through.
                pending = pending.dropFirst()
                out.raw("<")
                out.raw(bytes: s.qualifiedName)
                for i in 0..<s.attributeCount {
                    let n = s.attributeQualifiedName(i)
                    if n == "r" {
                        out.raw(" r=\"")
                        out.raw(CellReference(row: final, column: col).a1)
                        out.raw("\"")
                    } else if n != "s" {
                        out.copyAttribute(s, i)
                    }
                }
                writeStyle(w.style, originalStyle: styleText, &out)
                out.raw(s.isSelfClosing ? "/>" : ">")
                if s.isSelfClosing { try s.next() }
                continue
            }
            if let w = rowWrites[col] {
                pending = pending.dropFirst()
                try s.skipElement()
                emit(w, row: final, column: col, originalStyle: styleText, &out)
                continue
            }
            // An untouched cell: new reference, the rest as it is, formulas moved.
            out.raw("<")
            out.raw(bytes: s.qualifiedName)
            for i in 0..<s.attributeCount {
                if s.attributeQualifiedName(i) == "r" {
                    out.raw(" r=\"")
                    out.raw(CellReference(row: final, column: col).a1)
                    out.raw("\"")
                } else {
                    out.copyAttribute(s, i)
                }
            }
            out.raw(s.isSelfClosing ? "/>" : ">")
            if s.isSelfClosing { try s.next() }
        }
    }

    /// Writes the rows kam adds (inserted rows and cells written past the original rows) that come before `limit`.
    private func flushRows(before limit: Int, _ state: inout State, _ out: inout XMLByteWriter) throws {
        let candidates = Set(insertedRows.keys).union(writes.keys).filter { $0 < limit && !state.emittedRows.contains($0) }
        for row in candidates.sorted() {
            state.emittedRows.insert(row)
            let template = insertedRows[row].flatMap { $0 }.flatMap { templates[$0] }
            out.raw("<" + prefix.value + "row r=\"")
            out.int(row + 1)
            out.raw("\"")
            for a in template?.attributes ?? [] where a.name != "r" && a.name != "spans" {
                out.raw(" " + a.name + "=\"")
                out.raw(a.value)
                out.raw("\"")
            }
            var cells: [Int: (EncodedCell?, String?)] = [:]
            for c in template?.cellStyles ?? [] {
                if let col = edits.move(c.column, axis: .columns, sheet: sheet) { cells[col] = (nil, c.style) }
            }
            for (col, w) in writes[row] ?? [:] { cells[col] = (w, cells[col]?.1) }
            if cells.isEmpty {
                out.raw("/>")
                continue
            }
            out.raw(">")
            for col in cells.keys.sorted() {
                let (w, style) = cells[col]!
                if let w {
                    emit(w, row: row, column: col, originalStyle: style, &out)
                } else if let style {
                    out.raw("<" + prefix.value + "c r=\"")
                    out.raw(CellReference(row: row, column: col).a1)
                    out.raw("\" s=\"")
                    out.raw(style)
                    out.raw("\"/>")
                }
            }
            out.raw("</" + prefix.value + "row>")
            try out.flushIfNeeded()
        }
    }

    private func emit(_ w: EncodedCell, row: Int, column: Int, originalStyle: String?, _ out: inout XMLByteWriter) {
        out.raw("<" + prefix.value + "c r=\"")
        out.raw(CellReference(row: row, column: column).a1)
        out.raw("\"")
        writeStyle(w.style, originalStyle: originalStyle, &out)
        if let t = w.type {
            out.raw(" t=\"")
            out.raw(t)
            out.raw("\"")
        }
        if w.isClear {
            out.raw("/>")
            return
        }
        out.raw(">")
        if let f = w.formula {
            out.raw("<" + prefix.value + "f>")
            out.text(f)
            out.raw("</" + prefix.value + "f>")
        }
        if let inline = w.inline {
            out.raw("<" + prefix.value + "is><" + prefix.value + "t xml:space=\"preserve\">")
            out.text(inline)
            out.raw("</" + prefix.value + "t></" + prefix.value + "is>")
        } else if let v = w.value {
            out.raw("<" + prefix.value + "v>")
            out.text(v)
            out.raw("</" + prefix.value + "v>")
        }
        out.raw("</" + prefix.value + "c>")
    }

    private func writeStyle(_ style: StyleResolution, originalStyle: String?, _ out: inout XMLByteWriter) {
        switch style {
        case .keep:
            if let s = originalStyle {
                out.raw(" s=\"")
                out.raw(s)
                out.raw("\"")
            }
        case .fixed(let s):
            if s != 0 { out.raw(" s=\""); out.int(s); out.raw("\"") }
        case .derived(let f):
            let s = f(originalStyle.flatMap { Int($0) } ?? 0)
            if s != 0 { out.raw(" s=\""); out.int(s); out.raw("\"") }
        }
    }

    // MARK: References outside the cells

    private var references: PartReferenceRewriter { .worksheet(edits, home: sheet) }

    /// The smallest range holding `ref` and every written cell (readers such as calamine trust `<dimension>`).
    private func dimension(_ ref: String) -> String {
        let rows = writes.keys.filter { !(writes[$0]?.isEmpty ?? true) }
        guard let minRow = rows.min(), let maxRow = rows.max() else { return ref }
        let cols = writes.values.flatMap(\.keys)
        guard let minCol = cols.min(), let maxCol = cols.max() else { return ref }
        var lo = CellReference(row: minRow, column: minCol), hi = CellReference(row: maxRow, column: maxCol)
        if let r = CellRange(a1: ref) {
            lo = CellReference(row: min(lo.row, r.start.row), column: min(lo.column, r.start.column))
            hi = CellReference(row: max(hi.row, r.end.row), column: max(hi.column, r.end.column))
        }
        return CellRange(lo, hi).a1
    }

    private func rewriteElementStart(_ s: XMLScanner, _ state: inout State, _ out: inout XMLByteWriter) throws {
        let name = s.name
        if name == "dimension", !writes.isEmpty, let i = s.attributeIndex("ref") {
            let old = try s.attributeValue(i)
            let moved = edits.isEmpty ? old : (edits.shiftRangeList(old, home: sheet) ?? old)
            let ref = dimension(moved)
            if ref != old {
                out.raw("<")
                out.raw(bytes: s.qualifiedName)
                for k in 0..<s.attributeCount {
                    if k == i { out.raw(" ref=\"" + ref + "\"") } else { out.copyAttribute(s, k) }
                }
                out.raw(s.isSelfClosing ? "/>" : ">")
                return
            }
        }
        let references = self.references
        if let mode = references.texts[name], !edits.isEmpty {
            state.textMode = mode
            state.textModeDepth = s.depth
        }
        if name == "col" && hasColumnEdits {
            // <col min max>: 1-based inclusive column spans.
            guard let lo = try s.attribute("min").flatMap({ Int($0) }), let hi = try s.attribute("max").flatMap({ Int($0) }) else {
                out.raw(bytes: s.rawToken)
                return
            }
            var span: (Int, Int)? = (lo - 1, hi - 1)
            for e in edits where e.sheet == sheet && e.shift.axis == .columns {
                guard let sp = span else { break }
                span = e.shift.move(span: sp.0, sp.1)
            }
            guard let (a, b) = span else {
                try s.skipElement()
                return
            }
            out.raw("<")
            out.raw(bytes: s.qualifiedName)
            for i in 0..<s.attributeCount {
                let n = s.attributeQualifiedName(i)
                if n == "min" { out.raw(" min=\""); out.int(a + 1); out.raw("\"") }
                else if n == "max" { out.raw(" max=\""); out.int(b + 1); out.raw("\"") }
                else { out.copyAttribute(s, i) }
            }
            out.raw(s.isSelfClosing ? "/>" : ">")
            return
        }
        guard !edits.isEmpty, let attrs = references.attributes[name], !attrs.isEmpty else {
            out.raw(bytes: s.rawToken)
            return
        }
        var rewritten: [Int: String] = [:]
        for i in 0..<s.attributeCount {
            let n = s.attributeLocalName(i)
            guard attrs[n] != nil else { continue }
            let v = try s.attributeValue(i)
            guard let kind = attrs[n], let moved = references.move(v, kind) else {
                // Every cell it named is gone: the element goes too (a merge, a validation, a link of deleted rows).
                if name != "f" {
                    try s.skipElement()
                    if state.textMode != nil && s.depth < state.textModeDepth { state.textMode = nil }
                    return
                }
                continue
            }
            if moved != v { rewritten[i] = moved }
        }
        if rewritten.isEmpty {
            out.raw(bytes: s.rawToken)
            return
        }
        out.raw("<")
        out.raw(bytes: s.qualifiedName)
        for i in 0..<s.attributeCount {
            if let v = rewritten[i] {
                out.raw(" ")
                out.raw(s.attributeQualifiedName(i))
                out.raw("=\"")
                out.escape(v, quotes: true)
                out.raw("\"")
            } else {
                out.copyAttribute(s, i)
            }
        }
        out.raw(s.isSelfClosing ? "/>" : ">")
    }

    private func rewriteText(_ s: XMLScanner, _ state: State, _ out: inout XMLByteWriter) throws {
        guard let kind = state.textMode else {
            out.raw(bytes: s.rawToken)
            return
        }
        let t = try s.text()
        let moved = references.move(t, kind) ?? ""
        if moved == t { out.raw(bytes: s.rawToken) } else { out.text(moved) }
    }

}

/// A namespace prefix found while streaming (a reference, so the rewriter itself stays a value).
final class ElementPrefix {
    var value = ""
}

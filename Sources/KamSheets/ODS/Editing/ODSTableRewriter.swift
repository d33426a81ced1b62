import Foundation
import KamXML

/// The style-bearing parts of a row that inserted rows copy: the row's attributes (its style, default cell
/// style) and each cell run's `table:style-name`, without values.
struct ODSTemplateRow: Sendable {
    var attributes: [(name: String, raw: [UInt8])] = []
    var cells: [(orig: Int, count: Int, style: String?)] = []
}

/// Rewrites one `table:table` of content.xml in a single streaming pass: rows and cells moved for inserted
/// and deleted rows/columns (repeated runs split where an edit falls inside them), inserted rows styled like
/// their template row, written cells, merged spans, column styles and formulas. Everything it does not
/// understand is copied through byte for byte, in order. Only a row (or cell) that must be emitted in pieces
/// is held in memory.
final class ODSTableRewriter {
    private let plan: ODSTablePlan
    private let edits: [StructuralEdit]
    private let styles: ODSStyleFactory
    private let templates: [Int: ODSTemplateRow]
    private let references: PartReferenceRewriter
    private var name: String { plan.name }

    private var origRow = 0
    private var origColumn = 0
    private var extras: [Int] = []
    private var extraIndex = 0
    private var doneRows = Set<Int>()
    private var rowsStarted = false
    /// The final row after the last row written.
    private var nextRow = 0
    private var rowsFlushed = false
    private var namesDone = false
    private var columnDefaults: [(start: Int, end: Int, style: String)] = []
    /// The row and column being written (for error messages).
    private(set) var position = CellReference(row: 0, column: 0)

    init(plan: ODSTablePlan, edits: [StructuralEdit], styles: ODSStyleFactory, templates: [Int: ODSTemplateRow],
         references: PartReferenceRewriter) {
        self.plan = plan
        self.edits = edits
        self.styles = styles
        self.templates = templates
        self.references = references
        extras = Set(plan.insertedRows.keys).union(plan.writes.keys).sorted()
    }

    /// The markup of a new, empty table named `name` wide enough for its written cells.
    static func newTable(_ plan: ODSTablePlan) -> [UInt8] {
        var out = XMLByteWriter()
        let width = max(1, (plan.writes.values.flatMap(\.keys).max() ?? 0) + 1)
        out.raw("<table:table")
        out.attribute("table:name", plan.name)
        out.raw("><table:table-column")
        if width > 1 { out.raw(" table:number-columns-repeated=\""); out.int(width); out.raw("\"") }
        out.raw("/><table:table-row><table:table-cell/></table:table-row></table:table>")
        return out.bytes
    }

    // MARK: The table

    /// Rewrites the table whose start tag `s` stands on, leaving `s` on its end tag.
    func rewrite(_ s: XMLScanner, _ out: inout XMLByteWriter) throws {
        let tableDepth = s.depth
        let qname = Array(s.qualifiedName)
        out.raw("<")
        out.raw(bytes: qname)
        var styleDone = false
        for i in 0..<s.attributeCount {
            let local = s.attributeLocalName(i)
            if local == "style-name", let v = plan.visibility {
                let old = try s.attributeValue(i)
                out.attribute("table:style-name", styles.tableStyle(from: old, display: v == .visible))
                styleDone = true
            } else if local == "print-ranges", !edits.isEmpty, let moved = edits.shiftODSAddressList(try s.attributeValue(i), home: name) {
                out.attribute("table:print-ranges", moved)
            } else {
                out.copyAttribute(s, i)
            }
        }
        if let v = plan.visibility, !styleDone {
            out.attribute("table:style-name", styles.tableStyle(from: nil, display: v == .visible))
        }
        if s.isSelfClosing {
            out.raw(">")
            try s.next()
            try finishRows(&out)
            try localNames(nil, &out)
            out.raw("</"); out.raw(bytes: qname); out.raw(">")
            return
        }
        out.raw(">")
        while true {
            try s.next()
            switch s.kind {
            case .end:
                return
            case .endElement where s.depth < tableDepth:
                try finishRows(&out)
                try localNames(nil, &out)
                out.raw(bytes: s.rawToken)
                return
            case .startElement:
                if s.isNamed("table-row") {
                    rowsStarted = true
                    try row(s, &out)
                } else if s.isNamed("table-column") {
                    try column(s, &out)
                } else if s.isNamed("table-rows") || s.isNamed("table-row-group") || s.isNamed("table-header-rows")
                            || s.isNamed("table-columns") || s.isNamed("table-column-group") || s.isNamed("table-header-columns") {
                    out.raw(bytes: s.rawToken)
                } else {
                    if rowsStarted && s.depth == tableDepth + 1 { try finishRows(&out) }
                    if s.isNamed("named-expressions") && s.depth == tableDepth + 1 && !plan.localNames.isEmpty {
                        try localNames(s, &out)
                    } else {
                        try ODSContentRewriter.rewriteStart(s, references: references, edits: edits, home: name, &out)
                    }
                }
            default:
                out.raw(bytes: s.rawToken)
            }
            try out.flushIfNeeded()
        }
    }

    /// Rewrites the row element `s` stands on as the rows from original row `first` on, leaving `s` on its end:
    /// the entry of `ODSContentSplicer`, which copies the other rows as bytes. `s` may first stand on the table's
    /// `table:table-column` elements (read for their default cell styles, not written). True when every write of
    /// the plan fell inside the row.
    func rewriteRow(_ s: XMLScanner, first: Int, _ out: inout XMLByteWriter) throws -> Bool {
        var ignored = XMLByteWriter()
        while s.kind == .startElement && s.isNamed("table-column") {
            try column(s, &ignored)
            try Self.enter(s)
        }
        guard s.kind == .startElement && s.isNamed("table-row") else { return false }
        origRow = first
        nextRow = first
        rowsStarted = true
        try row(s, &out)
        return Set(plan.writes.keys).isSubset(of: doneRows)
    }

    private func localNames(_ s: XMLScanner?, _ out: inout XMLByteWriter) throws {
        guard !namesDone, !plan.localNames.isEmpty else { return }
        namesDone = true
        try ODSContentRewriter.namedExpressions(s, names: plan.localNames, &out)
    }

    // MARK: Columns

    private func column(_ s: XMLScanner, _ out: inout XMLByteWriter) throws {
        let n = max(count(s, "number-columns-repeated") ?? 1, 1)
        let a = origColumn
        origColumn = min(origColumn + n, ODSIndexMap.unbounded)
        if let i = s.attributeIndex("default-cell-style-name") { columnDefaults.append((a, a + n - 1, try s.attributeValue(i))) }
        if plan.columnShifts.isEmpty {
            out.raw(bytes: s.rawToken)
            return
        }
        var span: (Int, Int)? = (a, a + n - 1)
        for e in plan.columnShifts {
            guard let (lo, hi) = span else { break }
            if e.count > 0 {
                // Inserted columns take the look of the column to their left: the run holding it grows.
                if (lo < e.at && e.at <= hi + 1) || (e.at == 0 && lo == 0) { span = (lo, hi + e.count) }
                else if lo >= e.at { span = (lo + e.count, hi + e.count) }
            } else {
                span = e.move(span: lo, hi)
            }
        }
        guard let (lo, hi0) = span, lo <= CellReference.maxColumn else {
            try s.skipElement()
            return
        }
        let hi = min(hi0, CellReference.maxColumn)
        out.raw("<")
        out.raw(bytes: s.qualifiedName)
        for i in 0..<s.attributeCount where s.attributeLocalName(i) != "number-columns-repeated" { out.copyAttribute(s, i) }
        if hi > lo { out.raw(" table:number-columns-repeated=\""); out.int(hi - lo + 1); out.raw("\"") }
        out.raw(s.isSelfClosing ? "/>" : ">")
    }

    private func columnDefault(finalColumn c: Int) -> String? {
        guard let o = plan.columns.original(of: c) else { return nil }
        return columnDefaults.first { o >= $0.start && o <= $0.end }?.style
    }

    // MARK: Rows

    private func row(_ s: XMLScanner, _ out: inout XMLByteWriter) throws {
        let n = max(count(s, "number-rows-repeated") ?? 1, 1)
        let a = origRow
        origRow = min(origRow + n, ODSIndexMap.unbounded)
        position = CellReference(row: min(a, CellReference.maxRow), column: 0)
        let pieces = plan.rows.pieces(a, n, limit: CellReference.maxRow)
        var singles: [Int] = []
        if !plan.writes.isEmpty {
            for p in pieces { singles += plan.writes.keys.filter { $0 >= p.final && $0 < p.final + p.count } }
            singles.sort()
        }
        let split = ODSIndexMap.split(pieces, at: singles)
        if split.isEmpty {
            try s.skipElement()
            return
        }
        if split.count == 1 && split[0].run.count == n {
            try flushExtras(before: split[0].run.final, &out)
            try processRow(s, split[0].run, single: split[0].single, &out)
            return
        }
        let buffer = try Self.capture(s)
        for p in split {
            try flushExtras(before: p.run.final, &out)
            let sub = XMLScanner(bytes: buffer)
            try Self.enter(sub)
            try processRow(sub, p.run, single: p.single, &out)
            try out.flushIfNeeded()
        }
    }

    /// The raw bytes of the element `s` stands on, leaving `s` on its end.
    static func capture(_ s: XMLScanner) throws -> [UInt8] {
        var buf = Array(s.rawToken)
        if s.isSelfClosing {
            try s.next()
            return buf
        }
        let d = s.depth
        while true {
            try s.next()
            buf.append(contentsOf: s.rawToken)
            if (s.kind == .endElement && s.depth < d) || s.kind == .end { return buf }
        }
    }

    static func enter(_ s: XMLScanner) throws {
        repeat { try s.next() } while s.kind != .startElement && s.kind != .end
    }

    private func finishRows(_ out: inout XMLByteWriter) throws {
        guard !rowsFlushed else { return }
        rowsFlushed = true
        try flushExtras(before: Int.max, &out)
    }

    /// Writes the rows kam adds (inserted rows, written rows past the table's rows) before final row `limit`.
    private func flushExtras(before limit: Int, _ out: inout XMLByteWriter) throws {
        while extraIndex < extras.count, extras[extraIndex] < limit {
            let r = extras[extraIndex]
            extraIndex += 1
            if doneRows.contains(r) { continue }
            doneRows.insert(r)
            if r > nextRow {
                // Written cells past the table's rows: empty rows up to them.
                out.raw("<table:table-row")
                if r - nextRow > 1 { out.raw(" table:number-rows-repeated=\""); out.int(r - nextRow); out.raw("\"") }
                out.raw("><table:table-cell/></table:table-row>")
            }
            let template = plan.insertedRows[r].flatMap { $0 }
            if plan.writes[r] == nil {
                // Consecutive inserted rows alike become one repeated row.
                var k = 1
                while extraIndex < extras.count, extras[extraIndex] == r + k, extras[extraIndex] < limit,
                      plan.writes[r + k] == nil, let t = plan.insertedRows[r + k], t == template {
                    doneRows.insert(r + k)
                    extraIndex += 1
                    k += 1
                }
                try syntheticRow(r, count: k, template: template.flatMap { templates[$0] }, &out)
            } else {
                try syntheticRow(r, count: 1, template: template.flatMap { templates[$0] }, &out)
            }
            try out.flushIfNeeded()
        }
    }

    private func syntheticRow(_ r: Int, count k: Int, template: ODSTemplateRow?, _ out: inout XMLByteWriter) throws {
        position = CellReference(row: r, column: 0)
        nextRow = r + k
        out.raw("<table:table-row")
        var rowDefault: String?
        for a in template?.attributes ?? [] {
            out.raw(" "); out.raw(a.name); out.raw("=\""); out.raw(bytes: a.raw); out.raw("\"")
            if a.name.hasSuffix(":default-cell-style-name") { rowDefault = String(decoding: a.raw, as: UTF8.self) }
        }
        if k > 1 { out.raw(" table:number-rows-repeated=\""); out.int(k); out.raw("\"") }
        out.raw(">")
        let writes = k == 1 ? plan.writes[r] ?? [:] : [:]
        let writeCols = writes.keys.sorted()
        var wi = 0
        var next = 0
        var any = false
        func emitWritesBefore(_ f: Int, _ out: inout XMLByteWriter) throws {
            while wi < writeCols.count, writeCols[wi] < f {
                let c = writeCols[wi]
                wi += 1
                filler(from: next, to: c, &out)
                try written(nil, writes[c]!, row: r, column: c, baseStyle: nil, rowDefault: rowDefault, &out)
                next = c + 1
                any = true
            }
        }
        for cell in template?.cells ?? [] {
            let pieces = plan.columns.pieces(cell.orig, cell.count, limit: CellReference.maxColumn)
            for p in ODSIndexMap.split(pieces, at: writeCols.filter { $0 >= (pieces.first?.final ?? 0) && $0 < (pieces.last.map { $0.final + $0.count } ?? 0) }) {
                try emitWritesBefore(p.run.final, &out)
                filler(from: next, to: p.run.final, &out)
                if p.single, let w = writes[p.run.final] {
                    wi = writeCols.firstIndex(where: { $0 > p.run.final }) ?? writeCols.count
                    try written(nil, w, row: r, column: p.run.final, baseStyle: cell.style, rowDefault: rowDefault, &out)
                } else {
                    out.raw("<table:table-cell")
                    if let st = cell.style { out.attribute("table:style-name", st) }
                    if p.run.count > 1 { out.raw(" table:number-columns-repeated=\""); out.int(p.run.count); out.raw("\"") }
                    out.raw("/>")
                }
                next = p.run.final + p.run.count
                any = true
            }
        }
        try emitWritesBefore(Int.max, &out)
        if !any { out.raw("<table:table-cell/>") }
        out.raw("</table:table-row>")
    }

    private func filler(from a: Int, to b: Int, _ out: inout XMLByteWriter) {
        guard b > a else { return }
        out.raw("<table:table-cell")
        if b - a > 1 { out.raw(" table:number-columns-repeated=\""); out.int(b - a); out.raw("\"") }
        out.raw("/>")
    }

    /// Writes one original row element as final rows `run` (its cells moved, written, formulas shifted).
    private func processRow(_ s: XMLScanner, _ run: ODSIndexMap.Run, single: Bool, _ out: inout XMLByteWriter) throws {
        let rowDepth = s.depth
        let qname = Array(s.qualifiedName)
        let writes = single ? plan.writes[run.final] ?? [:] : [:]
        if single { doneRows.insert(run.final) }
        nextRow = run.final + run.count
        var rowDefault: String?
        out.raw("<")
        out.raw(bytes: qname)
        var repeatKept = false
        for i in 0..<s.attributeCount {
            let local = s.attributeLocalName(i)
            if local == "number-rows-repeated" {
                // An unchanged count stays where it was (the row's bytes stay as they were).
                if run.count > 1 && ODSValueText.count(s.attributeRawValue(i)) == run.count {
                    out.copyAttribute(s, i)
                    repeatKept = true
                }
                continue
            }
            if local == "default-cell-style-name" { rowDefault = try s.attributeValue(i) }
            out.copyAttribute(s, i)
        }
        if run.count > 1 && !repeatKept { out.raw(" table:number-rows-repeated=\""); out.int(run.count); out.raw("\"") }
        let writeCols = writes.keys.sorted()
        var wi = 0
        var next = 0
        var origCol = 0
        func emitWritesBefore(_ f: Int, _ out: inout XMLByteWriter) throws {
            while wi < writeCols.count, writeCols[wi] < f {
                let c = writeCols[wi]
                wi += 1
                filler(from: next, to: c, &out)
                try written(nil, writes[c]!, row: run.final, column: c, baseStyle: nil, rowDefault: rowDefault, &out)
                next = c + 1
            }
        }
        if s.isSelfClosing {
            try s.next()
            if writes.isEmpty { out.raw("/>"); return }
            out.raw(">")
            try emitWritesBefore(Int.max, &out)
            out.raw("</"); out.raw(bytes: qname); out.raw(">")
            return
        }
        out.raw(">")
        let columnsMove = !plan.columns.isIdentity
        while true {
            try s.next()
            switch s.kind {
            case .end:
                return
            case .endElement where s.depth < rowDepth:
                try emitWritesBefore(Int.max, &out)
                out.raw(bytes: s.rawToken)
                return
            case .startElement where s.depth == rowDepth + 1 && (s.isNamed("table-cell") || s.isNamed("covered-table-cell")):
                let m = max(count(s, "number-columns-repeated") ?? 1, 1)
                let a = origCol
                origCol = min(origCol + m, ODSIndexMap.unbounded)
                position = CellReference(row: run.final, column: min(a, CellReference.maxColumn))
                let pieces = columnsMove || a + m - 1 > CellReference.maxColumn || !writeCols.isEmpty
                    ? plan.columns.pieces(a, m, limit: CellReference.maxColumn)
                    : [ODSIndexMap.Run(orig: a, final: a, count: m)]
                let inRange = writeCols.filter { c in pieces.contains { c >= $0.final && c < $0.final + $0.count } }
                let split = ODSIndexMap.split(pieces, at: inRange)
                if split.isEmpty {
                    try s.skipElement()
                    continue
                }
                if split.count == 1 && split[0].run.count == m && !split[0].single {
                    try emitWritesBefore(split[0].run.final, &out)
                    filler(from: next, to: split[0].run.final, &out)
                    try cell(s, split[0].run, row: run, &out)
                    next = split[0].run.final + split[0].run.count
                    continue
                }
                let buffer = try Self.capture(s)
                for p in split {
                    try emitWritesBefore(p.run.final, &out)
                    filler(from: next, to: p.run.final, &out)
                    let sub = XMLScanner(bytes: buffer)
                    try Self.enter(sub)
                    if p.single, let w = writes[p.run.final] {
                        wi = writeCols.firstIndex(where: { $0 > p.run.final }) ?? writeCols.count
                        try written(sub, w, row: run.final, column: p.run.final, baseStyle: nil, rowDefault: rowDefault, &out)
                    } else {
                        try cell(sub, p.run, row: run, &out)
                    }
                    next = p.run.final + p.run.count
                }
            default:
                out.raw(bytes: s.rawToken)
            }
        }
    }

    /// Copies a cell as final columns `run`: repeat count, formula and merged spans updated, content as is.
    private func cell(_ s: XMLScanner, _ run: ODSIndexMap.Run, row: ODSIndexMap.Run, _ out: inout XMLByteWriter) throws {
        out.raw("<")
        out.raw(bytes: s.qualifiedName)
        var repeatKept = false
        for i in 0..<s.attributeCount {
            let local = s.attributeLocalName(i)
            switch local {
            case "number-columns-repeated":
                // An unchanged count stays where it was (the cell's bytes stay as they were).
                if run.count > 1 && ODSValueText.count(s.attributeRawValue(i)) == run.count {
                    out.copyAttribute(s, i)
                    repeatKept = true
                }
                continue
            case "formula" where !edits.isEmpty:
                let f = try s.attributeValue(i)
                let moved = edits.shiftODSFormula(f, home: name)
                if moved == f { out.copyAttribute(s, i) } else { out.raw(" "); out.raw(s.attributeQualifiedName(i)); out.raw("=\""); out.escape(moved, quotes: true); out.raw("\"") }
            case "number-rows-spanned" where !plan.rowShifts.isEmpty, "number-columns-spanned" where !plan.columnShifts.isEmpty:
                let rows = local == "number-rows-spanned"
                let span = ODSValueText.count(s.attributeRawValue(i)) ?? 1
                let anchor = rows ? row.orig : run.orig
                let moved = plan.move(span: anchor, anchor + max(span, 1) - 1, axis: rows ? .rows : .columns)
                out.raw(" "); out.raw(s.attributeQualifiedName(i)); out.raw("=\"")
                out.int(moved.map { $0.1 - $0.0 + 1 } ?? 1)
                out.raw("\"")
            default:
                out.copyAttribute(s, i)
            }
        }
        if run.count > 1 && !repeatKept { out.raw(" table:number-columns-repeated=\""); out.int(run.count); out.raw("\"") }
        if s.isSelfClosing {
            out.raw("/>")
            try s.next()
            return
        }
        out.raw(">")
        let d = s.depth
        while true {
            try s.next()
            out.raw(bytes: s.rawToken)
            if (s.kind == .endElement && s.depth < d) || s.kind == .end { return }
        }
    }

    private static let valueAttributes: Set<String> = [
        "value-type", "value", "date-value", "time-value", "boolean-value", "string-value", "currency", "formula",
    ]

    /// Writes an edited cell: the original's attributes (`s`, if there was a cell) kept except its value, the new
    /// value, style and comment; the original's paragraphs dropped when the value changes, other content kept.
    private func written(_ s: XMLScanner?, _ e: ODSCellEdit, row: Int, column: Int, baseStyle: String?, rowDefault: String?,
                         _ out: inout XMLByteWriter) throws {
        position = CellReference(row: row, column: column)
        var oldStyle = baseStyle
        var oldType: String?
        var currency: String?
        if let s {
            if let i = s.attributeIndex("style-name") { oldStyle = try s.attributeValue(i) }
            if let i = s.attributeIndex(qualified: "office:value-type") { oldType = try s.attributeValue(i) }
            if let i = s.attributeIndex("currency") { currency = try s.attributeValue(i) }
        }
        let effective = oldStyle ?? rowDefault ?? columnDefault(finalColumn: column)
        let value = e.setsContent ? e.value : nil
        let needsDate = value.map { !styles.formats($0, styleName: effective) } ?? false
        var newStyle: String?
        switch e.style {
        case .none:
            if needsDate, let v = value { newStyle = styles.derive(from: effective, background: nil, dateFor: v) }
        case .replace(let cs)?:
            let dateFor: CellValue? = value.flatMap { v in
                switch v { case .date, .dateTime, .time, .duration: return v; default: return nil }
            }
            newStyle = styles.make(cs, dateFor: dateFor)
        case .fill(let hex)?:
            newStyle = styles.derive(from: effective, background: hex.uppercased(), dateFor: needsDate ? value : nil)
        }
        let qname: [UInt8] = s.map { Array($0.qualifiedName) } ?? Array("table:table-cell".utf8)
        out.raw("<")
        out.raw(bytes: qname)
        if let s {
            for i in 0..<s.attributeCount {
                let local = s.attributeLocalName(i)
                if local == "number-columns-repeated" || (local == "style-name" && newStyle != nil) { continue }
                if e.setsContent && Self.valueAttributes.contains(local) { continue }
                if local == "formula" && !edits.isEmpty {
                    out.raw(" "); out.raw(s.attributeQualifiedName(i)); out.raw("=\"")
                    out.escape(edits.shiftODSFormula(try s.attributeValue(i), home: name), quotes: true)
                    out.raw("\"")
                    continue
                }
                out.copyAttribute(s, i)
            }
        } else if newStyle == nil, let b = baseStyle {
            out.attribute("table:style-name", b)
        }
        if let n = newStyle { out.attribute("table:style-name", n) }
        if e.setsContent {
            if let f = e.formula { out.attribute("table:formula", ODSCellEncoding.odfFormula(f)) }
            if let v = value {
                for (k, val) in ODSCellEncoding.attributes(v, keepType: oldType, currency: currency) {
                    out.raw(" "); out.raw(k); out.raw("=\""); out.escape(val, quotes: true); out.raw("\"")
                }
            }
        }
        out.raw(">")
        if let c = e.comment { Self.annotation(c, &out) }
        if let s, !s.isSelfClosing {
            let d = s.depth
            while true {
                try s.next()
                if (s.kind == .endElement && s.depth < d) || s.kind == .end { break }
                if s.kind == .startElement && s.depth == d + 1
                    && ((e.setsContent && (s.isNamed("p") || s.isNamed("h"))) || (e.comment != nil && s.isNamed("annotation"))) {
                    try s.skipElement()
                    continue
                }
                out.raw(bytes: s.rawToken)
            }
        } else if let s {
            try s.next()
        }
        if let v = value { ODSCellEncoding.paragraphs(ODSCellEncoding.displayText(v), into: &out) }
        out.raw("</")
        out.raw(bytes: qname)
        out.raw(">")
    }

    private static func annotation(_ c: ODSCellEdit.Comment, _ out: inout XMLByteWriter) {
        // dc: is declared here too: a content.xml need not declare it on its root.
        out.raw("<office:annotation xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>")
        out.text(c.author)
        out.raw("</dc:creator><dc:date>")
        let now = Date()
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        f.timeZone = TimeZone(identifier: "UTC")
        out.text(f.string(from: now))
        out.raw("</dc:date>")
        ODSCellEncoding.paragraphs(c.text, into: &out)
        out.raw("</office:annotation>")
    }

    // MARK: Helpers

    private func count(_ s: XMLScanner, _ name: StaticString) -> Int? {
        guard let i = s.attributeIndex(name) else { return nil }
        return ODSValueText.count(s.attributeRawValue(i))
    }
}

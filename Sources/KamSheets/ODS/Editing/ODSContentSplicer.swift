import KamXML

/// The fast path of `ODSContentRewriter` for edits that move nothing (cell values, styles, comments): the rows no
/// write touches, and every table without writes, are copied as the bytes they are; only the rows holding written
/// cells go through `ODSTableRewriter` (a repeated row is split there), each as a small document of its own
/// wrapped in the part's own open elements, and the head gets the styles the writes need.
///
/// It works in two passes over the inflated part. `plan(_:)` finds the written rows and renders them, and stops
/// once the last one is placed (an edit near the top reads little); `ODSContentSplice.write` then streams the part
/// again, swapping the rendered rows in, without looking at the markup.
///
/// The result is what the full rewriter writes for the written rows and the original bytes elsewhere. Anything
/// unusual (no `office:automatic-styles`, a write past a table's rows, a table name with entities, nested tables,
/// rows past the last row kam addresses, a DOCTYPE) raises `RawPassFallback` and the caller uses the full rewriter.
struct ODSContentSplicer {
    let plan: ODSEditPlan
    let styles: ODSStyleFactory

    /// Whether `plan` only writes cells (nothing added, moved, renamed or hidden), which this path handles.
    static func applies(to plan: ODSEditPlan) -> Bool {
        plan.edits.isEmpty && plan.added.isEmpty && plan.addedFirst.isEmpty && plan.globalNames.isEmpty
            && plan.tables.values.allSatisfy { t in
                !t.isNew && t.rows.isIdentity && t.columns.isIdentity && t.insertedRows.isEmpty && t.rowShifts.isEmpty
                    && t.columnShifts.isEmpty && t.visibility == nil && t.localNames.isEmpty
            }
    }

    /// The first pass: the head with the new styles and the rendered rows, by offset in the part.
    /// - Throws: `RawPassFallback` (start over with the full rewriter), `XMLError`, or the rewriter's errors.
    func plan(_ stream: RawXMLStream) throws -> ODSContentSplice {
        let rewriter = ODSContentRewriter(plan: plan, styles: styles, templates: [:])
        var open: [(name: [UInt8], tag: [UInt8])] = []
        var o = 0
        var inAutomatic = false
        // The head, up to </office:automatic-styles>: kept whole (it holds styles, not cells).
        var headEnd = 0
        var head: ODSContentRewriter.Head?
        while head == nil {
            guard var t = try stream.next(from: o) else { throw RawPassFallback(why: "no automatic styles") }
            o = t.end
            switch t.kind {
            case .other:
                continue
            case .end:
                guard let top = open.last, Self.same(stream, t, top.name) else { throw RawPassFallback(why: "unbalanced") }
                if open.count == 2 && inAutomatic {
                    headEnd = t.start
                    var ignored = XMLByteWriter()
                    head = try rewriter.readHead(XMLScanner(bytes: Array(stream.bytes(0, t.end))), body: &ignored)
                    guard ignored.bytes.isEmpty else { throw RawPassFallback(why: "head read past its end") }
                }
                open.removeLast()
            case .start:
                try stream.finish(&t)
                o = t.end
                if open.count == 1 {
                    if stream.isNamed(t, "body") { throw RawPassFallback(why: "no automatic styles") }
                    if stream.isNamed(t, "automatic-styles") {
                        guard !t.isSelfClosing else { throw RawPassFallback(why: "empty automatic styles") }
                        inAutomatic = true
                    }
                }
                if !t.isSelfClosing {
                    open.append((Array(stream.bytes(t.nameStart, t.nameEnd)), Array(stream.bytes(t.start, t.end))))
                }
            }
        }
        guard let head else { throw RawPassFallback(why: "no automatic styles") }

        // The body: tables with writes are walked row by row, the others skipped.
        var pending = plan.tables.filter { !$0.value.writes.isEmpty }
        var pieces: [ODSContentSplice.Piece] = []
        while !pending.isEmpty {
            stream.keepFrom = o
            guard var t = try stream.next(from: o) else { throw RawPassFallback(why: "a table with writes not found") }
            o = t.end
            switch t.kind {
            case .other:
                continue
            case .end:
                guard let top = open.last, Self.same(stream, t, top.name) else { throw RawPassFallback(why: "unbalanced") }
                open.removeLast()
            case .start:
                try stream.finish(&t)
                o = t.end
                let isTable = open.count == 3 && stream.isNamed(t, "table") && Self.isNamed(open[2].name, "spreadsheet")
                if isTable {
                    guard let raw = stream.attribute("table:name", of: t), !raw.contains(UInt8(ascii: "&")) else {
                        throw RawPassFallback(why: "a table without a plain name")
                    }
                    let name = String(decoding: raw, as: UTF8.self)
                    if t.isSelfClosing {
                        if pending[name] != nil { throw RawPassFallback(why: "writes into an empty table") }
                        continue
                    }
                    guard let table = pending[name] else {
                        o = try Self.end(of: "table", in: stream, from: o)
                        continue
                    }
                    open.append((Array(stream.bytes(t.nameStart, t.nameEnd)), Array(stream.bytes(t.start, t.end))))
                    o = try rows(table, stream, from: o, open: &open, into: &pieces)
                    pending[name] = nil
                } else if !t.isSelfClosing {
                    open.append((Array(stream.bytes(t.nameStart, t.nameEnd)), Array(stream.bytes(t.start, t.end))))
                }
            }
        }
        return ODSContentSplice(head: rewriter.finish(head), headEnd: headEnd, pieces: pieces)
    }

    /// Walks the rows of a table whose start tag (the last of `open`) ends before `o`, rendering those with writes,
    /// until the last write is placed. Returns where it stopped.
    private func rows(_ table: ODSTablePlan, _ stream: RawXMLStream, from o: Int, open: inout [(name: [UInt8], tag: [UInt8])],
                      into pieces: inout [ODSContentSplice.Piece]) throws -> Int {
        let tableDepth = open.count
        var pending = table.writes.keys.sorted()[...]
        var row = 0
        var o = o
        var columns: [UInt8] = []
        while let first = pending.first {
            stream.keepFrom = o
            guard var t = try stream.next(from: o) else { throw RawPassFallback(why: "table not closed") }
            o = t.end
            switch t.kind {
            case .other:
                continue
            case .end:
                guard let top = open.last, Self.same(stream, t, top.name) else { throw RawPassFallback(why: "unbalanced") }
                // The table ends with writes left: they go past its rows, which the full rewriter adds.
                if open.count == tableDepth { throw RawPassFallback(why: "writes past the table's rows") }
                open.removeLast()
            case .start:
                stream.keepFrom = t.start
                try stream.finish(&t)
                o = t.end
                if stream.isNamed(t, "table") { throw RawPassFallback(why: "a nested table") }
                if stream.isNamed(t, "table-column") {
                    // Their default cell styles are the written cells' styles when these have none.
                    guard t.isSelfClosing else { throw RawPassFallback(why: "a column with content") }
                    columns += Array(stream.bytes(t.start, t.end))
                    continue
                }
                guard stream.isNamed(t, "table-row") else {
                    if !t.isSelfClosing {
                        open.append((Array(stream.bytes(t.nameStart, t.nameEnd)), Array(stream.bytes(t.start, t.end))))
                    }
                    continue
                }
                var n = 1
                if let v = stream.attribute("table:number-rows-repeated", of: t) {
                    guard let c = ODSValueText.count(v) else { throw RawPassFallback(why: "a row count") }
                    n = max(c, 1)
                } else if Self.hasOtherRepeat(stream, t) {
                    throw RawPassFallback(why: "a row count in another prefix")
                }
                let a = row
                row += n
                // Rows past the last one kam addresses are cut by the full rewriter.
                if row > CellReference.maxRow + 1 { throw RawPassFallback(why: "rows past the last row") }
                let rowEnd = t.isSelfClosing ? t.end : try Self.end(of: "table-row", in: stream, from: t.end)
                o = rowEnd
                guard first < row else { continue }
                var writes: [Int: [Int: ODSCellEdit]] = [:]
                while let p = pending.first, p < row {
                    writes[p] = table.writes[p]
                    pending = pending.dropFirst()
                }
                var sub = ODSTablePlan(name: table.name)
                sub.writes = writes
                let opening = open.flatMap(\.tag)
                var closing: [UInt8] = []
                for e in open.reversed() { closing += Array("</".utf8) + e.name + [UInt8(ascii: ">")] }
                let s = XMLScanner(bytes: opening + columns + Array(stream.bytes(t.start, rowEnd)) + closing)
                repeat { try s.next() } while !(s.kind == .startElement && s.depth == open.count + 1) && s.kind != .end
                let rewriter = ODSTableRewriter(plan: sub, edits: [], styles: styles, templates: [:],
                                                references: .odsContent([]))
                var out = XMLByteWriter()
                guard try rewriter.rewriteRow(s, first: a, &out) else { throw RawPassFallback(why: "a write not placed") }
                pieces.append(ODSContentSplice.Piece(start: t.start, end: rowEnd, bytes: out.bytes))
            }
        }
        return o
    }

    /// The offset just past the end tag named `local` closing an element whose start tag ends before `o`.
    private static func end(of local: StaticString, in stream: RawXMLStream, from o: Int) throws -> Int {
        var o = o
        while true {
            guard let t = try stream.next(from: o) else { throw RawPassFallback(why: "element not closed") }
            if t.kind == .end && stream.isNamed(t, local) { return t.end }
            if t.kind == .start && stream.isNamed(t, local) { throw RawPassFallback(why: "nested element") }
            o = t.end
        }
    }

    /// Whether a row start tag has `number-rows-repeated` under a prefix other than `table:` (the full rewriter
    /// reads it by local name).
    private static func hasOtherRepeat(_ stream: RawXMLStream, _ t: RawXMLStream.Tag) -> Bool {
        let needle = Array(":number-rows-repeated".utf8)
        let raw = stream.bytes(t.nameEnd, t.end)
        guard raw.count >= needle.count else { return false }
        for i in 0...(raw.count - needle.count) where raw[i] == needle[0] {
            if (0..<needle.count).allSatisfy({ raw[i + $0] == needle[$0] }) { return true }
        }
        return false
    }

    private static func same(_ stream: RawXMLStream, _ t: RawXMLStream.Tag, _ name: [UInt8]) -> Bool {
        t.nameEnd - t.nameStart == name.count && stream.bytes(t.nameStart, t.nameEnd).elementsEqual(name)
    }

    private static func isNamed(_ qname: [UInt8], _ local: String) -> Bool {
        let l = qname.lastIndex(of: UInt8(ascii: ":")).map { qname[($0 + 1)...] } ?? qname[...]
        return l.elementsEqual(local.utf8)
    }
}

/// What `ODSContentSplicer.plan` found: the new head and the rows to swap in.
struct ODSContentSplice {
    /// A rendered row and the original bytes it replaces.
    struct Piece {
        var start: Int
        var end: Int
        var bytes: [UInt8]
    }

    /// The part up to `</office:automatic-styles>`, with the new styles.
    var head: [UInt8]
    /// Where the original's `</office:automatic-styles>` starts: the body is copied from here.
    var headEnd: Int
    /// In order, not overlapping, all past `headEnd`.
    var pieces: [Piece]

    /// The second pass: the head, then the part as read by `fill` from `headEnd` on with the pieces swapped in.
    func write(from fill: RawXMLStream.Fill, into out: inout XMLByteWriter) throws {
        out.raw(bytes: head)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var p = 0
        var c = headEnd
        var k = 0
        while true {
            let n = try buffer.withUnsafeMutableBytes { try fill($0) }
            if n <= 0 { break }
            let chunkEnd = p + n
            while c < chunkEnd {
                if k < pieces.count && pieces[k].start == c {
                    out.raw(bytes: pieces[k].bytes)
                    c = pieces[k].end
                    k += 1
                    continue
                }
                let stop = min(chunkEnd, k < pieces.count ? pieces[k].start : Int.max)
                buffer.withUnsafeBytes { out.raw(bytes: UnsafeRawBufferPointer(rebasing: $0[(c - p)..<(stop - p)])) }
                c = stop
            }
            p = chunkEnd
            try out.flushIfNeeded()
        }
        guard k == pieces.count, c >= p else { throw RawPassFallback(why: "the part changed between reads") }
        try out.flush()
    }
}

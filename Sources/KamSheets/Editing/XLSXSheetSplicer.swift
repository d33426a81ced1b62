import KamXML

/// The fast path of `XLSXSheetRewriter` for edits that move nothing (cell writes, style changes, comments): the
/// rows no write touches are copied as the bytes they are, and only the touched rows, the part before
/// `<sheetData>` (for `<dimension>`) and the part after it (for inserted markup and rows past the last one) go
/// through the full rewriter, each as a small document of its own wrapped in the sheet's own open elements.
///
/// The result is what the full rewriter writes for the touched pieces and the original bytes elsewhere. Anything
/// unusual (rows out of order, a touched row without its number, a DOCTYPE, `<sheetData/>`) raises
/// `RawPassFallback` and the caller uses the full rewriter instead.
struct XLSXSheetSplicer {
    let sheet: String
    /// Row → column → cell, as for `XLSXSheetRewriter` (final positions equal original ones here).
    let writes: [Int: [Int: EncodedCell]]
    /// Markup to add to `<worksheet>` (see `XLSXSheetRewriter.insertion`).
    var insertion: (before: Set<String>, bytes: [UInt8])?

    /// Streams `stream` into `out`.
    /// - Throws: `RawPassFallback` (start over with the full rewriter), `XMLError`, or the sink's error.
    func rewrite(_ stream: RawXMLStream, into out: inout XMLByteWriter) throws {
        // The part up to <sheetData …>: kept whole (it is small), with the start tags still open around it.
        var open: [(name: [UInt8], tag: [UInt8])] = []
        var o = 0
        var sheetDataName: [UInt8] = []
        var sheetDataTag: [UInt8] = []
        while true {
            guard var t = try stream.next(from: o) else { throw RawPassFallback(why: "no sheetData") }
            o = t.end
            switch t.kind {
            case .other:
                continue
            case .end:
                guard !open.isEmpty else { throw RawPassFallback(why: "unbalanced") }
                open.removeLast()
                continue
            case .start:
                try stream.finish(&t)
                o = t.end
                let name = Array(stream.bytes(t.nameStart, t.nameEnd))
                let tag = Array(stream.bytes(t.start, t.end))
                if stream.isNamed(t, "sheetData") {
                    guard !t.isSelfClosing else { throw RawPassFallback(why: "empty sheetData") }
                    sheetDataName = name
                    sheetDataTag = tag
                } else {
                    if !t.isSelfClosing { open.append((name, tag)) }
                    continue
                }
            }
            break
        }
        let headEnd = o
        var closing: [UInt8] = Array("</".utf8) + sheetDataName + [UInt8(ascii: ">")]
        for e in open.reversed() { closing += Array("</".utf8) + e.name + [UInt8(ascii: ">")] }
        let opening = open.flatMap(\.tag) + sheetDataTag

        var rewriter = XLSXSheetRewriter(sheet: sheet, edits: [], insertedRows: [:], writes: writes, templates: [:])
        rewriter.emitsRows = false
        let head = try Self.run(rewriter, Array(stream.bytes(0, headEnd)) + closing)
        guard head.count >= closing.count, head.suffix(closing.count).elementsEqual(closing) else {
            throw RawPassFallback(why: "head rewritten unexpectedly")
        }
        out.raw(bytes: head.dropLast(closing.count))

        // The rows: copied as they stand unless written to.
        stream.keepFrom = headEnd
        var emitted = headEnd
        var pending = writes.keys.sorted()[...]
        var lastRow = -1
        while true {
            guard var t = try stream.next(from: o) else { throw RawPassFallback(why: "sheetData not closed") }
            o = t.end
            if t.kind == .start && stream.isNamed(t, "row") {
                out.raw(bytes: stream.bytes(emitted, t.start))
                emitted = t.start
                stream.keepFrom = t.start
                try out.flushIfNeeded()
                try stream.finish(&t)
                let row: Int
                let numbered: Bool
                if let v = stream.attribute("r", of: t) {
                    guard let n = Self.integer(v), n >= 1 else { throw RawPassFallback(why: "row number") }
                    row = n - 1
                    numbered = true
                } else {
                    row = lastRow + 1
                    numbered = false
                }
                guard row > lastRow else { throw RawPassFallback(why: "rows out of order") }
                lastRow = row
                let rowEnd = t.isSelfClosing ? t.end : try endOfRow(stream, from: t.end)
                o = rowEnd
                guard let first = pending.first, first <= row else { continue }
                var touched: [Int: [Int: EncodedCell]] = [:]
                while let p = pending.first, p <= row {
                    touched[p] = writes[p]
                    pending = pending.dropFirst()
                }
                if touched[row] != nil && !numbered { throw RawPassFallback(why: "a written row without r") }
                let rewriter = XLSXSheetRewriter(sheet: sheet, edits: [], insertedRows: [:], writes: touched, templates: [:])
                let piece = try Self.run(rewriter, opening + Array(stream.bytes(t.start, rowEnd)) + closing)
                guard piece.count >= opening.count + closing.count, piece.prefix(opening.count).elementsEqual(opening),
                      piece.suffix(closing.count).elementsEqual(closing) else {
                    throw RawPassFallback(why: "row rewritten unexpectedly")
                }
                out.raw(bytes: piece[opening.count..<(piece.count - closing.count)])
                emitted = rowEnd
                stream.keepFrom = rowEnd
            } else if t.kind == .end && stream.isNamed(t, "sheetData") {
                out.raw(bytes: stream.bytes(emitted, t.start))
                stream.keepFrom = t.start
                try stream.readToEnd()
                var rest: [Int: [Int: EncodedCell]] = [:]
                for p in pending { rest[p] = writes[p] }
                var rewriter = XLSXSheetRewriter(sheet: sheet, edits: [], insertedRows: [:], writes: rest, templates: [:])
                rewriter.insertion = insertion
                let tail = try Self.run(rewriter, opening + Array(stream.bytes(t.start, stream.end)))
                guard tail.count >= opening.count, tail.prefix(opening.count).elementsEqual(opening) else {
                    throw RawPassFallback(why: "tail rewritten unexpectedly")
                }
                out.raw(bytes: tail.dropFirst(opening.count))
                try out.flush()
                return
            } else if t.kind != .other {
                // Anything but rows directly in sheetData is not SpreadsheetML: leave it to the full rewriter.
                throw RawPassFallback(why: "unexpected markup in sheetData")
            }
        }
    }

    /// The offset just past the `</row>` closing a row whose start tag ends before `o`.
    private func endOfRow(_ stream: RawXMLStream, from o: Int) throws -> Int {
        var o = o
        while true {
            guard let t = try stream.next(from: o) else { throw RawPassFallback(why: "row not closed") }
            if t.kind == .end && stream.isNamed(t, "row") { return t.end }
            if t.kind == .start && stream.isNamed(t, "row") { throw RawPassFallback(why: "nested row") }
            o = t.end
        }
    }

    private static func run(_ rewriter: XLSXSheetRewriter, _ document: [UInt8]) throws -> [UInt8] {
        var w = XMLByteWriter()
        try rewriter.rewrite(XMLScanner(bytes: document), into: &w)
        return w.bytes
    }

    private static func integer(_ raw: UnsafeRawBufferPointer) -> Int? {
        guard !raw.isEmpty, raw.count <= 9 else { return nil }
        var n = 0
        for b in raw {
            guard b >= 48 && b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }
}

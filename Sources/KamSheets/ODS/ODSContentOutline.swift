import Foundation
import KamXML
import KamZip

/// The outline of `content.xml` found by the first, cheap pass at open time: the style containers
/// (`office:automatic-styles`, `office:font-face-decls`), the named expressions and calculation settings, and
/// each table's name and style — without tokenizing the tables' cells.
///
/// A byte-level pass: it follows tags with `memchr` and skips a table's content by looking only for its own
/// start and end tags, so that it costs little more than inflating the part. The few elements it keeps are
/// captured as bytes and parsed with `XMLScanner` (entities decoded, DTDs refused). Well-formedness of the
/// cells is left to the cursors, which read them with `XMLScanner`.
struct ODSContentOutline {
    struct Table {
        var name: String
        var style: String?
    }

    var containers: [ODSNode] = []
    var tables: [Table] = []
    var namedExpressions: [ODSNode] = []
    var calculationSettings: ODSNode?
    var isDocumentContent = false
    var hasSpreadsheet = false

    /// Reads the outline of `entry`.
    /// - Throws: `SpreadsheetError` (zip errors, `.forbiddenXML` for a DTD, `.malformedXML`, `.limitExceeded`).
    static func read(archive: ZipArchive, entry: ZipEntry, file: String, limits: SpreadsheetLimits) throws(SpreadsheetError) -> ODSContentOutline {
        let reader: ZipEntryReader
        do {
            reader = try archive.open(entry)
        } catch {
            throw SpreadsheetError(zip: error, file: file)
        }
        let scan = OutlineScan(reader: reader, limits: limits)
        do {
            return try scan.run()
        } catch let e as ZipError {
            throw SpreadsheetError(zip: e, file: file)
        } catch let e as XMLError {
            throw SpreadsheetError(ODSContentStream.reason(e), file: file, part: ODSContentStream.part)
        } catch let e as SpreadsheetError {
            var s = e
            s.file = file
            s.part = ODSContentStream.part
            throw s
        } catch {
            throw SpreadsheetError(.corruptArchive(String(describing: error)), file: file, part: ODSContentStream.part)
        }
    }
}

/// The byte-level pass behind `ODSContentOutline`: a sliding window over the inflated part.
private final class OutlineScan {
    private let reader: ZipEntryReader
    private let limits: SpreadsheetLimits
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 18
    private var pos = 0
    private var end = 0
    private var eof = false
    private var started = false
    /// Bytes from here on are kept on refill (the current tag, or a captured element).
    private var anchor = 0
    private var captureStart: Int?
    private var outline = ODSContentOutline()

    init(reader: ZipEntryReader, limits: SpreadsheetLimits) {
        self.reader = reader
        self.limits = limits
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Reads more bytes, dropping what lies before the anchor; false at the end of the part.
    private func more() throws -> Bool {
        if eof { return false }
        let drop = min(anchor, captureStart ?? anchor)
        if drop > 0 {
            let keep = end - drop
            if keep > 0 { memmove(base, base + drop, keep) }
            end = keep; pos -= drop; anchor -= drop
            if let c = captureStart { captureStart = c - drop }
        }
        if end == capacity {
            guard capacity < max(limits.maxSmallPartBytes, 1 << 20) else {
                throw SpreadsheetError(.limitExceeded(limit: "part-bytes", maximum: limits.maxSmallPartBytes, actual: capacity + 1), file: "")
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: base, count: end)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        let n = try reader.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end))
        if n == 0 { eof = true; return false }
        if !started {
            started = true
            if n >= 2, (base[0] == 0xFE && base[1] == 0xFF) || (base[0] == 0xFF && base[1] == 0xFE) {
                throw XMLError(.encoding("UTF-16 parts are not accepted"), line: 1, column: 1)
            }
        }
        end += n
        return true
    }

    /// Moves `pos` to the next `<`; false at the end.
    private func nextLT() throws -> Bool {
        while true {
            if pos < end, let p = memchr(base + pos, 0x3C, end - pos) {
                pos = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                return true
            }
            pos = end
            anchor = pos
            if try !more() { return false }
        }
    }

    /// Makes `n` bytes from `pos` visible; false when the part ends first.
    private func need(_ n: Int) throws -> Bool {
        while end - pos < n { if try !more() { return false } }
        return true
    }

    /// The index just past `s`, searching from `from`.
    private func find(_ s: [UInt8], from: Int) throws -> Int {
        var p = from
        while true {
            while p + s.count <= end {
                if base[p] == s[0], memcmp(base + p, s, s.count) == 0 { return p + s.count }
                p += 1
            }
            let off = p - pos
            if try !more() { throw XMLError(.malformed("unexpected end of content.xml")) }
            p = pos + off
        }
    }

    /// The index of the `>` closing the start tag at `pos`, quotes respected.
    private func tagEnd() throws -> Int {
        var p = pos + 1
        var quote: UInt8 = 0
        while true {
            while p < end {
                let b = base[p]
                if quote == 0 {
                    if b == 0x3E { return p }
                    if b == 0x22 || b == 0x27 { quote = b }
                } else if b == quote {
                    quote = 0
                }
                p += 1
            }
            let off = p - pos
            if try !more() { throw XMLError(.malformed("unexpected end of content.xml inside a tag")) }
            p = pos + off
        }
    }

    private func bytes(_ from: Int, _ to: Int) -> [UInt8] { Array(UnsafeBufferPointer(start: base + from, count: to - from)) }

    private func node(_ b: [UInt8]) throws -> ODSNode? { try ODSNode.parse(b, maxDepth: limits.maxXMLDepth) }

    func run() throws -> ODSContentOutline {
        var depth = 0
        var spreadsheetDepth = -1
        var captureDepth = -1
        while try nextLT() {
            anchor = pos
            guard try need(2) else { throw XMLError(.malformed("unexpected end of content.xml")) }
            switch base[pos + 1] {
            case 0x2F:  // </…>
                pos = try find([0x3E], from: pos + 2)
                depth -= 1
                if depth < spreadsheetDepth { spreadsheetDepth = -1 }
                if depth == captureDepth - 1, let c = captureStart {
                    keep(try node(bytes(c, pos)))
                    captureStart = nil
                    captureDepth = -1
                }
            case 0x3F:  // <?…?>
                pos = try find([0x3F, 0x3E], from: pos + 2)
            case 0x21:  // <!…
                guard try need(9) else { throw XMLError(.malformed("unexpected end of content.xml")) }
                if base[pos + 2] == 0x2D && base[pos + 3] == 0x2D {
                    pos = try find(Array("-->".utf8), from: pos + 4)
                } else if memcmp(base + pos, "<![CDATA[", 9) == 0 {
                    pos = try find(Array("]]>".utf8), from: pos + 9)
                } else {
                    throw XMLError(.forbidden("document type declarations and <! declarations are not accepted"))
                }
            default:
                let close = try tagEnd()
                let selfClosing = base[close - 1] == 0x2F
                var nameEnd = pos + 1
                while nameEnd < close, base[nameEnd] > 0x20, base[nameEnd] != 0x2F, base[nameEnd] != 0x3E { nameEnd += 1 }
                var local = pos + 1
                for k in (pos + 1)..<nameEnd where base[k] == 0x3A { local = k + 1 }
                let localName = String(decoding: UnsafeBufferPointer(start: base + local, count: nameEnd - local), as: UTF8.self)
                let elementDepth = depth + 1
                let tagStart = pos
                pos = close + 1
                if !selfClosing { depth += 1 }
                guard depth <= limits.maxXMLDepth else {
                    throw XMLError(.limitExceeded(limit: "xml-depth", maximum: limits.maxXMLDepth))
                }
                if captureStart != nil { continue }
                switch elementDepth {
                case 1:
                    outline.isDocumentContent = localName == "document-content"
                    if !outline.isDocumentContent { return outline }
                case 2 where localName == "automatic-styles" || localName == "font-face-decls":
                    if selfClosing { continue }
                    captureStart = tagStart; captureDepth = elementDepth
                case 3 where localName == "spreadsheet":
                    outline.hasSpreadsheet = true
                    spreadsheetDepth = elementDepth
                case 4 where spreadsheetDepth == 3:
                    if localName == "table" {
                        var tag = bytes(tagStart, close)
                        if !selfClosing { tag.append(0x2F) }
                        tag.append(0x3E)
                        let t = try node(tag)
                        guard outline.tables.count < limits.maxSheets else {
                            throw XMLError(.limitExceeded(limit: "sheets", maximum: limits.maxSheets))
                        }
                        outline.tables.append(.init(name: t?["name"] ?? "Sheet\(outline.tables.count + 1)", style: t?["style-name"]))
                        if !selfClosing {
                            try skipTable(qualifiedName: bytes(tagStart + 1, nameEnd))
                            depth -= 1
                        }
                    } else if localName == "named-expressions" || localName == "calculation-settings" {
                        if selfClosing { continue }
                        captureStart = tagStart; captureDepth = elementDepth
                    }
                default:
                    continue
                }
            }
        }
        return outline
    }

    private func keep(_ n: ODSNode?) {
        guard let n else { return }
        switch n.name {
        case "named-expressions": outline.namedExpressions.append(n)
        case "calculation-settings": outline.calculationSettings = n
        default: outline.containers.append(n)
        }
    }

    /// Skips a table's content up to its end tag, counting nested tables of the same name.
    /// The hot loop of the first pass: it works on locals (class properties would pay for exclusivity checks).
    private func skipTable(qualifiedName q: [UInt8]) throws {
        var nested = 0
        let n = q.count
        while true {
            var p = pos
            let e = end
            let b = base
            var found = false
            // A candidate needs `<`, `/`, the name and the byte after it in the window: `</` + name + 1 bytes.
            // (With one byte less, an end tag cut by the window's edge was judged by a byte past the data,
            // ending the skip inside the table, so that later tables and named ranges were lost.)
            while p + n + 3 <= e {
                guard let hit = memchr(b + p, 0x3C, e - p) else { p = e; break }
                p = b.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if p + n + 3 > e { break }
                if b[p + 1] == 0x2F {
                    let after = b[p + 2 + n]
                    if (after == 0x3E || after <= 0x20), memcmp(b + p + 2, q, n) == 0 { found = true; break }
                } else {
                    let after = b[p + 1 + n]
                    if (after <= 0x20 || after == 0x3E || after == 0x2F), memcmp(b + p + 1, q, n) == 0 { found = true; break }
                }
                p += 1
            }
            pos = p
            anchor = p
            if !found {
                if try !more() { throw XMLError(.malformed("unexpected end of content.xml inside a table")) }
                continue
            }
            if base[pos + 1] == 0x2F {
                pos = try find([0x3E], from: pos + 2)
                if nested == 0 { return }
                nested -= 1
            } else {
                let close = try tagEnd()
                if base[close - 1] != 0x2F { nested += 1 }
                pos = close + 1
            }
        }
    }
}

import Foundation
import KamXML
import KamZip

/// Writes an edited copy of an XLSX package: untouched entries are copied raw (same compressed bytes), touched
/// worksheets are rewritten in one streaming pass each, and shared strings, styles, the workbook part and
/// relationships are appended to rather than rebuilt.
final class XLSXEditorBackend: EditorBackend {
    let path: String
    private let reader: XLSXReader
    var sheetNames: [String] { reader.sheets.map(\.name) }

    /// Opens the package.
    /// - Throws: `SpreadsheetError` as `Workbooks.open` does.
    init(path: String) throws(SpreadsheetError) {
        self.path = path
        guard let r = try Workbooks.open(path) as? XLSXReader else {
            throw SpreadsheetError(.notASpreadsheet("not an XLSX package"), file: path)
        }
        reader = r
    }

    func write(_ operations: [EditOperation], to output: String) throws(SpreadsheetError) {
        do {
            try XLSXEditSession(reader: reader, plan: EditPlan(operations), output: output).run()
        } catch let e as SpreadsheetError {
            throw e
        } catch let e as ZipError {
            throw SpreadsheetError(zip: e, file: path)
        } catch let e as XMLError {
            throw SpreadsheetError(xml: e, file: path, part: nil)
        } catch {
            throw SpreadsheetError(.writeFailed(String(describing: error)), file: output)
        }
    }
}

/// One save of an edited XLSX package.
private final class XLSXEditSession {
    let reader: XLSXReader
    let plan: EditPlan
    let output: String
    let archive: ZipArchive
    let map: XLSXPackageMap
    let file: String
    /// Entry name → replacement bytes (small parts) or a scratch file (worksheets).
    var replacedBytes: [String: [UInt8]] = [:]
    var replacedFiles: [String: String] = [:]
    var removed = Set<String>()
    /// New entries, in the order they are added.
    var added: [(name: String, bytes: [UInt8])] = []
    var scratch: [String] = []
    lazy var styles: XLSXStylesEditor? = {
        let bytes = map.stylesPath.flatMap { p in archive.entry(p).flatMap { try? archive.read($0) } }
        return try? XLSXStylesEditor(bytes)
    }()
    var sharedStrings: [String] = []
    var sharedIndex: [String: Int] = [:]
    var sharedBase = 0
    var contentTypeOverrides: [(part: String, type: String)] = []
    var contentTypeDefaults: [(ext: String, type: String)] = []
    var workbookRelsAdded: [(id: String, type: String, target: String)] = []
    var removedWorkbookRelTargets = Set<String>()

    init(reader: XLSXReader, plan: EditPlan, output: String) {
        self.reader = reader
        self.plan = plan
        self.output = output
        archive = reader.archive
        map = reader.map
        file = reader.path
    }

    deinit {
        for s in scratch { unlink(s) }
    }

    func run() throws {
        if plan.touchedSheets.isEmpty && plan.addedSheets.isEmpty && plan.visibility.isEmpty && plan.definedNames.isEmpty
            && plan.moves.isEmpty {
            try assemble()
            return
        }
        // Worksheets: the edited ones, and with structural edits every other one (their formulas may point at
        // the edited sheets); a rewrite that changes nothing is dropped so the entry is copied raw.
        for (i, info) in reader.sheets.enumerated() where info.kind == .worksheet || info.kind == .macrosheet {
            let touched = plan.touchedSheets.contains(info.name)
            guard touched || !plan.structural.isEmpty else { continue }
            try rewriteSheet(index: i, info: info)
        }
        for name in plan.addedSheets { try addSheet(name) }
        if !plan.structural.isEmpty { try rewriteDependentParts() }
        try rewriteSharedStrings()
        if let styles, styles.isChanged {
            let bytes = try styles.bytes()
            if let p = map.stylesPath { replacedBytes[p] = bytes } else {
                let p = partsFolder + "styles.xml"
                added.append((p, bytes))
                contentTypeOverrides.append(("/" + p, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"))
                workbookRelsAdded.append((nextWorkbookRelID(), Rel.styles, "styles.xml"))
            }
        }
        // Excel rebuilds calcChain.xml; a stale one makes it complain, so it goes.
        for e in archive.entries where e.path.lowercased().hasSuffix("calcchain.xml") {
            removed.insert(e.name)
            removedWorkbookRelTargets.insert(e.path)
        }
        try rewriteWorkbook()
        try rewriteWorkbookRelationships()
        try rewriteContentTypes()
        try assemble()
    }

    // MARK: Writing the package

    private func assemble() throws {
        let zip = try ZipWriter(path: output)
        // Fast deflate, as the writers use (WriteOptions.compressionLevel): an edit rewrites whole sheets.
        zip.compressionLevel = 1
        for e in archive.entries where !removed.contains(e.name) {
            if let bytes = replacedBytes[e.name] {
                try zip.add(e.name, bytes: bytes)
            } else if let f = replacedFiles[e.name] {
                try zip.add(e.name, contentsOf: f)
            } else {
                try zip.copy(e, from: archive)
            }
        }
        for a in added { try zip.add(a.name, bytes: a.bytes) }
        try zip.commit()
    }

    // MARK: Worksheets

    private func rewriteSheet(index: Int, info: SheetInfo) throws {
        guard let entry = archive.entry(info.part) else { throw SpreadsheetError(.missingPart(info.part), file: file) }
        let templates = try scanTemplates(entry, rows: plan.templateRows[info.name] ?? [])
        var writes: [Int: [Int: EncodedCell]] = [:]
        for (row, cols) in plan.writes[info.name] ?? [:] {
            for (col, w) in cols { writes[row, default: [:]][col] = try encode(w) }
        }
        var rewriter = XLSXSheetRewriter(sheet: info.name, edits: plan.structural,
                                         insertedRows: plan.insertedRows[info.name] ?? [:], writes: writes,
                                         templates: templates)
        if let comments = plan.comments[info.name], !comments.isEmpty {
            rewriter.insertion = try prepareComments(comments, sheetPart: info.part, sheetName: info.name)
        }
        var temp: String?
        if plan.structural.isEmpty {
            // Nothing moves: copy the untouched rows as bytes (an edit of one cell costs little more than inflating
            // and deflating the sheet). Anything the fast path does not place goes through the full rewriter.
            let path = scratchPath()
            do {
                let sink = try FileSink(path: path)
                let reader = try archive.open(entry)
                let stream = RawXMLStream { buf in try reader.read(into: buf) }
                var splicer = XLSXSheetSplicer(sheet: info.name, writes: writes)
                splicer.insertion = rewriter.insertion
                try splicer.rewrite(stream, into: &sink.xml)
                try sink.close()
                temp = path
            } catch {
                unlink(path)
            }
        }
        if temp == nil {
            let path = scratchPath()
            let sink = try FileSink(path: path)
            let reader = try archive.open(entry)
            let scanner = XMLScanner { buf in try reader.read(into: buf) }
            try rewriter.rewrite(scanner, into: &sink.xml)
            try sink.flush()
            try sink.close()
            temp = path
        }
        guard let temp else { return }
        if try sameAsEntry(temp, entry) { return }
        replacedFiles[entry.name] = temp
    }

    /// Whether a scratch file holds exactly an entry's bytes (then the entry is copied raw instead).
    private func sameAsEntry(_ path: String, _ entry: ZipEntry) throws -> Bool {
        guard let f = fopen(path, "rb") else { return false }
        defer { fclose(f) }
        var crc = CRC32()
        var size = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = fread(buffer.baseAddress, 1, buffer.count, f)
            if n == 0 { break }
            size += n
            crc.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return size == entry.declaredSize && crc.value == entry.crc32
    }

    private func scratchPath() -> String {
        let p = NSTemporaryDirectory() + "kam-edit-\(UUID().uuidString).xml"
        scratch.append(p)
        return p
    }

    /// The style-bearing attributes of the rows inserted rows copy.
    private func scanTemplates(_ entry: ZipEntry, rows: Set<Int>) throws -> [Int: TemplateRow] {
        guard !rows.isEmpty else { return [:] }
        let reader = try archive.open(entry)
        let s = XMLScanner { buf in try reader.read(into: buf) }
        var out: [Int: TemplateRow] = [:]
        var lastRow = -1
        var current: Int?
        var lastCol = -1
        while true {
            try s.next()
            if s.kind == .end { break }
            guard s.kind == .startElement else {
                if s.kind == .endElement && s.isNamed("sheetData") { break }
                continue
            }
            if s.isNamed("row") {
                let r = try s.attribute("r").flatMap { Int($0) }.map { $0 - 1 } ?? lastRow + 1
                lastRow = r
                lastCol = -1
                current = rows.contains(r) ? r : nil
                if let c = current {
                    var attrs: [(name: String, value: String)] = []
                    for i in 0..<s.attributeCount where !["r", "spans"].contains(s.attributeQualifiedName(i)) {
                        attrs.append((s.attributeQualifiedName(i), String(decoding: s.attributeRawValue(i), as: UTF8.self)))
                    }
                    out[c] = TemplateRow(attributes: attrs, cellStyles: [])
                } else {
                    try s.skipElement()
                }
            } else if s.isNamed("c"), let c = current {
                let col = try s.attribute("r").flatMap { CellReference(a1: $0)?.column } ?? lastCol + 1
                lastCol = col
                if let st = try s.attribute("s"), st != "0" { out[c]?.cellStyles.append((col, st)) }
                try s.skipElement()
            }
        }
        return out
    }

    // MARK: Values

    private func encode(_ w: EditPlan.CellWrite) throws -> EncodedCell {
        var cell = EncodedCell()
        cell.style = resolve(w.style, for: w.value ?? nil)
        guard let value = w.value else {
            // A style-only change: the cell keeps its value, which the rewriter cannot see here; such writes are
            // applied as a style on the existing cell.
            cell.keepContent = true
            return cell
        }
        if let f = w.formula { cell.formula = f.hasPrefix("=") ? String(f.dropFirst()) : f }
        guard let value else { return cell }
        switch value {
        case .string(let s):
            if cell.formula != nil {
                cell.type = "str"
                cell.value = XLSXText.needsEscape(s) ? XLSXText.escape(s) : s
            } else {
                cell.type = "s"
                cell.value = String(try sharedStringIndex(s))
            }
        case .number(let d):
            cell.value = Self.number(d)
        case .bool(let b):
            cell.type = "b"
            cell.value = b ? "1" : "0"
        case .error(let e):
            cell.type = "e"
            cell.value = e
        case .date(let t), .dateTime(let t):
            cell.value = Self.number(SpreadsheetDate.serial(t, system: reader.dateSystem))
        case .time(let t):
            cell.value = Self.number(SpreadsheetDate.dayFraction(t))
        case .duration(let seconds):
            cell.value = Self.number(seconds / 86_400)
        }
        return cell
    }

    private static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// The style for a written cell: as asked, or (for dates and times) the cell's own style with a date format.
    private func resolve(_ change: StyleChange?, for value: CellValue?) -> StyleResolution {
        let implicit: String?
        switch value {
        case .date?: implicit = "yyyy-mm-dd"
        case .dateTime?: implicit = "yyyy-mm-dd hh:mm:ss"
        case .time?: implicit = "hh:mm:ss"
        case .duration?: implicit = "[h]:mm:ss"
        default: implicit = nil
        }
        guard let styles else { return .keep }
        func withFormat(_ base: Int) -> Int {
            guard let implicit else { return base }
            let kind = NumberFormat.kind(code: styles.numberFormat(of: base))
            if implicit == "[h]:mm:ss" ? kind == .duration : kind == .dateTime { return base }
            return styles.withNumberFormat(base, code: implicit)
        }
        switch change {
        case nil:
            return implicit == nil ? .keep : .derived(withFormat)
        case .replace(let style)?:
            var s = style
            if let implicit, NumberFormatCode.isGeneral(s.numberFormat) { s.numberFormat = implicit }
            let index = styles.index(for: s)
            return .fixed(index)
        case .fill(let color)?:
            return .derived { base in styles.withFill(withFormat(base), color: color) }
        }
    }

    // MARK: Shared strings

    private func countSharedStrings() throws {
        guard let p = map.sharedStringsPath, let e = archive.entry(p) else { return }
        do {
            // The number of <si> items, found without tokenising the table.
            let reader = try archive.open(e)
            let stream = RawXMLStream { buf in try reader.read(into: buf) }
            var n = 0
            var o = 0
            while let t = try stream.next(from: o) {
                if t.kind == .start && stream.isNamed(t, "si") { n += 1 }
                o = t.end
                stream.keepFrom = o
            }
            sharedBase = n
            return
        } catch is RawPassFallback {
            // A DOCTYPE or cut-off markup: count with the tokeniser, which reports what is wrong.
        }
        let reader = try archive.open(e)
        let s = XMLScanner { buf in try reader.read(into: buf) }
        var n = 0
        while true {
            try s.next()
            if s.kind == .end { break }
            if s.kind == .startElement && s.depth == 2 && s.isNamed("si") { n += 1; try s.skipElement() }
        }
        sharedBase = n
    }

    private var sharedCounted = false

    private func sharedStringIndex(_ s: String) throws -> Int {
        if let i = sharedIndex[s] { return i }
        if !sharedCounted {
            // Only an edit that adds text needs the size of the table.
            try countSharedStrings()
            sharedCounted = true
        }
        let i = sharedBase + sharedStrings.count
        sharedStrings.append(s)
        sharedIndex[s] = i
        return i
    }

    /// Appends the new strings to the table (never renumbering the old ones), or creates the table.
    private func rewriteSharedStrings() throws {
        guard !sharedStrings.isEmpty else { return }
        var items = XMLByteWriter()
        for s in sharedStrings {
            items.raw("<si><t xml:space=\"preserve\">")
            items.text(XLSXText.needsEscape(s) ? XLSXText.escape(s) : s)
            items.raw("</t></si>")
        }
        let total = sharedBase + sharedStrings.count
        guard let p = map.sharedStringsPath, let e = archive.entry(p) else {
            var w = XMLByteWriter()
            w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
            w.attribute("count", String(total))
            w.attribute("uniqueCount", String(total))
            w.raw(">")
            w.raw(bytes: items.bytes)
            w.raw("</sst>")
            added.append((partsFolder + "sharedStrings.xml", w.bytes))
            contentTypeOverrides.append(("/" + partsFolder + "sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"))
            workbookRelsAdded.append((nextWorkbookRelID(), Rel.sharedStrings, "sharedStrings.xml"))
            return
        }
        let temp = scratchPath()
        do {
            let sink = try FileSink(path: temp)
            if try appendSharedStringsRaw(e, items: items.bytes, total: total, into: &sink.xml) {
                try sink.close()
                replacedFiles[e.name] = temp
                return
            }
            try sink.close()
        }
        let sink = try FileSink(path: temp)
        let reader = try archive.open(e)
        let s = XMLScanner { buf in try reader.read(into: buf) }
        try copySharedStrings(s, items: items.bytes, total: total, into: &sink.xml)
        try sink.flush()
        try sink.close()
        replacedFiles[e.name] = temp
    }

    /// The table with `items` appended and its counts raised, the existing items copied as bytes; false (with
    /// `out` to be discarded) when the part is unusual enough for the tokenising copy to handle it.
    private func appendSharedStringsRaw(_ e: ZipEntry, items: [UInt8], total: Int,
                                        into out: inout XMLByteWriter) throws -> Bool {
        do {
            let reader = try archive.open(e)
            let stream = RawXMLStream { buf in try reader.read(into: buf) }
            var o = 0
            var found: RawXMLStream.Tag?
            while var t = try stream.next(from: o) {
                o = t.end
                if t.kind == .end { return false }
                if t.kind == .start {
                    try stream.finish(&t)
                    found = t
                    break
                }
            }
            guard let root = found, !root.isSelfClosing else { return false }
            let name = Array(stream.bytes(root.nameStart, root.nameEnd))
            let endTag = Array("</".utf8) + name + [UInt8(ascii: ">")]
            // The root start tag through the tokenising copy (it rewrites the counts), on its own.
            var head = XMLByteWriter()
            try copySharedStrings(XMLScanner(bytes: Array(stream.bytes(0, root.end)) + endTag), items: [], total: total,
                                  into: &head)
            guard head.bytes.count >= endTag.count, head.bytes.suffix(endTag.count).elementsEqual(endTag) else { return false }
            out.raw(bytes: head.bytes.dropLast(endTag.count))
            let prefix = name.firstIndex(of: UInt8(ascii: ":")).map { String(decoding: name[...$0], as: UTF8.self) } ?? ""
            let itemBytes = XMLPrefix.apply(items, prefix)
            var depth = 1
            var emitted = root.end
            o = root.end
            stream.keepFrom = emitted
            while var t = try stream.next(from: o) {
                o = t.end
                switch t.kind {
                case .start:
                    try stream.finish(&t)
                    o = t.end
                    if !t.isSelfClosing { depth += 1 }
                case .end:
                    depth -= 1
                    if depth == 0 {
                        out.raw(bytes: stream.bytes(emitted, t.start))
                        out.raw(bytes: itemBytes)
                        stream.keepFrom = t.start
                        try stream.readToEnd()
                        out.raw(bytes: stream.bytes(t.start, stream.end))
                        try out.flush()
                        return true
                    }
                case .other:
                    break
                }
                if o - emitted > 1 << 18 {
                    out.raw(bytes: stream.bytes(emitted, o))
                    emitted = o
                    stream.keepFrom = o
                    try out.flushIfNeeded()
                }
            }
            return false
        } catch is RawPassFallback {
            return false
        }
    }

    /// Copies the table token by token, raising the counts and appending `items` before its end.
    private func copySharedStrings(_ s: XMLScanner, items: [UInt8], total: Int, into out: inout XMLByteWriter) throws {
        var itemBytes = items
        while true {
            try s.next()
            if s.kind == .end { break }
            if s.kind == .startElement && s.depth == 1 {
                // The items go in the namespace prefix the part uses.
                let q = s.qualifiedNameString
                if let colon = q.firstIndex(of: ":") { itemBytes = XMLPrefix.apply(items, String(q[...colon])) }
                // <sst count uniqueCount>: the counts grow; `count` (cell references) is a hint Excel recomputes.
                out.raw("<")
                out.raw(bytes: s.qualifiedName)
                for i in 0..<s.attributeCount {
                    let n = s.attributeLocalName(i)
                    if n == "count" || n == "uniqueCount" {
                        let old = Int(String(decoding: s.attributeRawValue(i), as: UTF8.self)) ?? sharedBase
                        out.raw(" " + s.attributeQualifiedName(i) + "=\"")
                        out.int(n == "count" ? old + sharedStrings.count : total)
                        out.raw("\"")
                    } else {
                        out.raw(" " + s.attributeQualifiedName(i) + "=\"")
                        out.escape(try s.attributeValue(i), quotes: true)
                        out.raw("\"")
                    }
                }
                if s.isSelfClosing {
                    out.raw(">")
                    out.raw(bytes: itemBytes)
                    out.raw("</")
                    out.raw(bytes: s.qualifiedName)
                    out.raw(">")
                    try s.next()
                } else {
                    out.raw(">")
                }
                continue
            }
            if s.kind == .endElement && s.depth == 0 {
                out.raw(bytes: itemBytes)
            }
            out.raw(bytes: s.rawToken)
            try out.flushIfNeeded()
        }
    }

    // MARK: Comments

    /// Adds `comments` to a sheet: a comments part and a VML drawing of note boxes (new, or appended to the
    /// sheet's own), and returns the `<legacyDrawing>` the sheet needs when it had none.
    private func prepareComments(_ comments: [EditPlan.Comment], sheetPart: String, sheetName: String) throws -> (before: Set<String>, bytes: [UInt8])? {
        let relsPath = PackagePath.relationships(of: sheetPart)
        let relsXML = try archive.entry(relsPath).map { try XMLDocumentParser.parse(try archive.read($0)) }
        let rels = relsXML.map { RelationshipsPart($0, source: sheetPart) } ?? RelationshipsPart()
        let authors = Array(Set(comments.map(\.author))).sorted()
        if let existing = rels.first("comments"), let e = archive.entry(existing.target) {
            // Append to the sheet's own comments part and its VML drawing.
            let bytes = try archive.read(e)
            replacedBytes[e.name] = try appendComments(comments, to: bytes, authors: authors)
            if let vmlRel = rels.first("vmlDrawing"), let v = archive.entry(vmlRel.target) {
                var text = String(decoding: try archive.read(v), as: UTF8.self)
                if let end = text.range(of: "</xml>", options: .backwards) {
                    text.replaceSubrange(end, with: vmlShapes(comments, firstID: 3000) + "</xml>")
                    replacedBytes[v.name] = Array(text.utf8)
                }
            }
            return nil
        }
        var n = 1
        func taken(_ p: String) -> Bool { archive.entry(p) != nil || added.contains { $0.name == p } }
        while taken(partsFolder + "comments\(n).xml") { n += 1 }
        let commentsPath = partsFolder + "comments\(n).xml"
        var vmlN = n
        while taken(partsFolder + "drawings/vmlDrawing\(vmlN).vml") { vmlN += 1 }
        let vmlPath = partsFolder + "drawings/vmlDrawing\(vmlN).vml"
        added.append((commentsPath, try appendComments(comments, to: nil, authors: authors)))
        added.append((vmlPath, Array(("<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"\(vmlN)\"/></o:shapelayout><v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>" + vmlShapes(comments, firstID: vmlN * 1024 + 1) + "</xml>").utf8)))
        contentTypeOverrides.append(("/" + commentsPath, "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"))
        contentTypeDefaults.append(("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"))
        // The sheet's relationships: the new comments and VML parts.
        var ids = Set(rels.relationships.map(\.id))
        func newID() -> String { var i = 1; while ids.contains("rId\(i)") || ids.contains("rIdKam\(i)") { i += 1 }; ids.insert("rIdKam\(i)"); return "rIdKam\(i)" }
        let commentsID = newID(), vmlID = newID()
        let sheetDir = (sheetPart as NSString).deletingLastPathComponent
        let newRels = "<Relationship Id=\"\(commentsID)\" Type=\"\(Rel.comments)\" Target=\"\(PackagePath.relative(commentsPath, from: sheetDir))\"/>"
            + "<Relationship Id=\"\(vmlID)\" Type=\"\(Rel.vmlDrawing)\" Target=\"\(PackagePath.relative(vmlPath, from: sheetDir))\"/>"
        if let r = archive.entry(relsPath) {
            var text = String(decoding: try archive.read(r), as: UTF8.self)
            if let end = text.range(of: "</Relationships>", options: .backwards) {
                text.replaceSubrange(end, with: newRels + "</Relationships>")
            }
            replacedBytes[r.name] = Array(text.utf8)
        } else {
            added.append((relsPath, Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + newRels + "</Relationships>").utf8)))
        }
        let drawing = "<legacyDrawing xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"\(vmlID)\"/>"
        return (["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"], Array(drawing.utf8))
    }

    private func appendComments(_ comments: [EditPlan.Comment], to bytes: [UInt8]?, authors: [String]) throws -> [UInt8] {
        var existingAuthors: [String] = []
        if let bytes { existingAuthors = try XMLDocumentParser.parse(bytes).child("authors")?.children("author").map(\.text) ?? [] }
        let allAuthors = existingAuthors + authors.filter { !existingAuthors.contains($0) }
        var list = XMLByteWriter()
        for c in comments {
            list.raw("<comment")
            list.attribute("ref", c.cell.a1)
            list.attribute("authorId", String(allAuthors.firstIndex(of: c.author) ?? 0))
            list.raw("><text><r><t xml:space=\"preserve\">")
            list.text(c.text)
            list.raw("</t></r></text></comment>")
        }
        guard let bytes else {
            var w = XMLByteWriter()
            w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><authors>")
            for a in allAuthors { w.raw("<author>"); w.text(a); w.raw("</author>") }
            w.raw("</authors><commentList>")
            w.raw(bytes: list.bytes)
            w.raw("</commentList></comments>")
            return w.bytes
        }
        var text = String(decoding: bytes, as: UTF8.self)
        var newAuthors = XMLByteWriter()
        for a in allAuthors.dropFirst(existingAuthors.count) { newAuthors.raw("<author>"); newAuthors.text(a); newAuthors.raw("</author>") }
        if let r = text.range(of: "</authors>") { text.replaceSubrange(r, with: String(decoding: newAuthors.bytes, as: UTF8.self) + "</authors>") }
        if let r = text.range(of: "</commentList>", options: .backwards) {
            text.replaceSubrange(r, with: String(decoding: list.bytes, as: UTF8.self) + "</commentList>")
        }
        return Array(text.utf8)
    }

    private func vmlShapes(_ comments: [EditPlan.Comment], firstID: Int) -> String {
        var out = ""
        for (i, c) in comments.enumerated() {
            let col = c.cell.column, row = c.cell.row
            out += "<v:shape id=\"_x0000_s\(firstID + i)\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:60pt;z-index:\(i + 1);visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>\(col + 1), 15, \(row), 2, \(col + 4), 15, \(row + 4), 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>\(row)</x:Row><x:Column>\(col)</x:Column></x:ClientData></v:shape>"
        }
        return out
    }

    // MARK: Sheets added

    private func addSheet(_ name: String) throws {
        var n = reader.sheets.count + 1
        while archive.entry(partsFolder + "worksheets/sheet\(n).xml") != nil || added.contains(where: { $0.name == partsFolder + "worksheets/sheet\(n).xml" }) { n += 1 }
        let part = partsFolder + "worksheets/sheet\(n).xml"
        let empty = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheetData/></worksheet>"
        var writes: [Int: [Int: EncodedCell]] = [:]
        for (row, cols) in plan.writes[name] ?? [:] { for (col, w) in cols { writes[row, default: [:]][col] = try encode(w) } }
        let rewriter = XLSXSheetRewriter(sheet: name, edits: [], insertedRows: [:], writes: writes, templates: [:])
        var out = XMLByteWriter()
        try rewriter.rewrite(XMLScanner(bytes: Array(empty.utf8)), into: &out)
        added.append((part, out.bytes))
        contentTypeOverrides.append(("/" + part, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
        let id = nextWorkbookRelID()
        workbookRelsAdded.append((id, Rel.worksheet, PackagePath.relative(part, from: (map.workbookPath as NSString).deletingLastPathComponent)))
        newSheets.append((name, id))
    }

    var newSheets: [(name: String, rid: String)] = []

    /// Where new parts go: beside the workbook part (`xl/` in most packages, the root in some).
    var partsFolder: String { PackagePath.folder(of: map.workbookPath) }

    private func nextWorkbookRelID() -> String {
        var ids = Set(map.workbookRelationships.relationships.map(\.id)).union(workbookRelsAdded.map(\.id))
        var i = 1
        while ids.contains("rIdKam\(i)") { i += 1 }
        ids.insert("rIdKam\(i)")
        return "rIdKam\(i)"
    }

    // MARK: Parts that refer to moved cells

    private func rewriteDependentParts() throws {
        let sheetByPart = Dictionary(reader.sheets.map { ($0.part.lowercased(), $0.name) }, uniquingKeysWith: { a, _ in a })
        // Parts that belong to one sheet (tables, comments, drawings, VML) are found through its relationships.
        var owner: [String: String] = [:]
        for s in reader.sheets {
            let relsPath = PackagePath.relationships(of: s.part)
            guard let e = archive.entry(relsPath), let root = try? XMLDocumentParser.parse(try archive.read(e)) else { continue }
            for r in RelationshipsPart(root, source: s.part).relationships where !r.isExternal {
                owner[r.target.lowercased()] = s.name
            }
        }
        for e in archive.entries where replacedBytes[e.name] == nil && replacedFiles[e.name] == nil {
            let p = e.path.lowercased()
            guard p.hasSuffix(".xml") || p.hasSuffix(".vml"), sheetByPart[p] == nil else { continue }
            let rewriter: PartReferenceRewriter
            if p.contains("/charts/chart") {
                rewriter = .chart(plan.structural)
            } else if p.contains("/tables/table"), let home = owner[p] {
                rewriter = .table(plan.structural, home: home)
            } else if p.contains("/comments"), let home = owner[p] {
                rewriter = .comments(plan.structural, home: home)
            } else if p.hasSuffix(".vml"), let home = owner[p] {
                rewriter = .vml(plan.structural, home: home)
            } else if p.contains("/drawings/drawing"), let home = owner[p] {
                rewriter = .drawing(plan.structural, home: home)
            } else if p.contains("pivotcachedefinition") {
                let bytes = try archive.read(e)
                guard let sheet = (try? XMLDocumentParser.parse(bytes))?.child("cacheSource")?.child("worksheetSource")?.attribute("sheet") else { continue }
                let out = try PartReferenceRewriter.pivotCache(plan.structural, sheetOf: sheet).rewrite(bytes)
                if out != bytes { replacedBytes[e.name] = out }
                continue
            } else {
                continue
            }
            let bytes = try archive.read(e)
            let out = try rewriter.rewrite(bytes)
            if out != bytes { replacedBytes[e.name] = out }
        }
    }

    // MARK: Workbook, relationships, content types

    private func rewriteWorkbook() throws {
        guard let e = archive.entry(map.workbookPath) else { return }
        let original = try archive.read(e)
        var bytes = original
        if !plan.structural.isEmpty { bytes = try PartReferenceRewriter.workbook(plan.structural).rewrite(bytes) }
        let needsEdit = !plan.visibility.isEmpty || !newSheets.isEmpty || !plan.definedNames.isEmpty || !plan.moves.isEmpty
            || !plan.touchedSheets.isEmpty
        if needsEdit {
            bytes = try editWorkbookXML(bytes)
        }
        if bytes != original { replacedBytes[e.name] = bytes }
    }

    /// Sheet states, added sheets, defined names, and a recalculation on load when values changed.
    private func editWorkbookXML(_ bytes: [UInt8]) throws -> [UInt8] {
        let s = XMLScanner(bytes: bytes)
        var w = XMLByteWriter()
        var sheetIDs: [Int] = []
        var sawDefinedNames = false
        var sawCalcPr = false
        var skipping = false
        let names = plan.definedNames
        let sheetNames = reader.sheets.map(\.name) + newSheets.map(\.name)
        var finalOrder = sheetNames
        for m in plan.moves where finalOrder.contains(m.name) {
            finalOrder.removeAll { $0 == m.name }
            finalOrder.insert(m.name, at: min(m.position, finalOrder.count))
        }
        var sheetElements: [String: [UInt8]] = [:]
        func definedNamesXML() -> String {
            var x = XMLByteWriter()
            for n in names {
                x.raw("<definedName")
                x.attribute("name", n.name)
                if let l = n.localSheet, let i = finalOrder.firstIndex(of: l) { x.attribute("localSheetId", String(i)) }
                x.raw(">")
                x.text(n.formula.hasPrefix("=") ? String(n.formula.dropFirst()) : n.formula)
                x.raw("</definedName>")
            }
            return String(decoding: x.bytes, as: UTF8.self)
        }
        func isReplaced(_ name: String?, _ local: String?) -> Bool {
            guard let name else { return false }
            let localName = local.flatMap { Int($0) }.flatMap { sheetNames.indices.contains($0) ? sheetNames[$0] : nil }
            return names.contains { $0.name.lowercased() == name.lowercased() && $0.localSheet == localName }
        }
        while true {
            try s.next()
            if s.kind == .end { return w.bytes }
            if skipping {
                if s.kind == .endElement && s.isNamed("definedName") { skipping = false }
                continue
            }
            switch s.kind {
            case .startElement where s.isNamed("sheet") && s.depth == 3:
                if let id = try s.attribute("sheetId").flatMap(Int.init) { sheetIDs.append(id) }
                let name = try s.attribute("name") ?? ""
                var e = XMLByteWriter()
                if let v = plan.visibility[name] {
                    e.raw("<")
                    e.raw(bytes: s.qualifiedName)
                    for i in 0..<s.attributeCount where s.attributeLocalName(i) != "state" {
                        e.raw(" " + s.attributeQualifiedName(i) + "=\"")
                        e.escape(try s.attributeValue(i), quotes: true)
                        e.raw("\"")
                    }
                    if v != .visible { e.attribute("state", v.rawValue) }
                    e.raw("/>")
                } else {
                    e.raw(bytes: s.rawToken)
                    if !s.isSelfClosing { e.removeLast(1); e.raw("/>") }
                }
                // <sheet> has no children; its end is skipped and the elements are written in the final order.
                try s.skipElement()
                sheetElements[name] = e.bytes
            case .endElement where s.isNamed("sheets") && s.depth == 1:
                var next = (sheetIDs.max() ?? 0) + 1
                for n in newSheets {
                    var e = XMLByteWriter()
                    e.raw("<sheet")
                    e.attribute("name", n.name)
                    e.attribute("sheetId", String(next))
                    if let v = plan.visibility[n.name], v != .visible { e.attribute("state", v.rawValue) }
                    e.raw(" r:id=\"\(n.rid)\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>")
                    sheetElements[n.name] = e.bytes
                    next += 1
                }
                for name in finalOrder { w.raw(bytes: sheetElements[name] ?? []) }
                w.raw(bytes: s.rawToken)
                if !names.isEmpty {
                    // definedNames follows sheets (and functionGroups / externalReferences) in the schema; when the
                    // part has none, it goes right after sheets.
                    sawDefinedNames = sawDefinedNames || bytes.containsSequence("definedNames")
                    if !sawDefinedNames {
                        w.raw("<definedNames>" + definedNamesXML() + "</definedNames>")
                        sawDefinedNames = true
                    }
                }
            case .startElement where s.isNamed("definedName"):
                if isReplaced(try s.attribute("name"), try s.attribute("localSheetId")) {
                    skipping = !s.isSelfClosing
                    if s.isSelfClosing { try s.next() }
                } else if let local = try s.attribute("localSheetId").flatMap(Int.init), sheetNames.indices.contains(local),
                          let moved = finalOrder.firstIndex(of: sheetNames[local]), moved != local {
                    // A sheet-local name follows its sheet to its new position.
                    w.raw("<")
                    w.raw(bytes: s.qualifiedName)
                    for i in 0..<s.attributeCount {
                        w.raw(" " + s.attributeQualifiedName(i) + "=\"")
                        w.escape(s.attributeLocalName(i) == "localSheetId" ? String(moved) : try s.attributeValue(i), quotes: true)
                        w.raw("\"")
                    }
                    w.raw(s.isSelfClosing ? "/>" : ">")
                } else {
                    w.raw(bytes: s.rawToken)
                }
            case .startElement where s.isNamed("definedNames") && s.isSelfClosing:
                // `<definedNames/>`: open it for the names kam adds.
                w.raw("<")
                w.raw(bytes: s.qualifiedName)
                w.raw(">" + definedNamesXML() + "</")
                w.raw(bytes: s.qualifiedName)
                w.raw(">")
                try s.next()
            case .endElement where s.isNamed("definedNames"):
                w.raw(definedNamesXML())
                w.raw(bytes: s.rawToken)
            case .startElement where s.isNamed("calcPr") && !plan.touchedSheets.isEmpty:
                sawCalcPr = true
                w.raw("<")
                w.raw(bytes: s.qualifiedName)
                for i in 0..<s.attributeCount where s.attributeLocalName(i) != "fullCalcOnLoad" {
                    w.raw(" " + s.attributeQualifiedName(i) + "=\"")
                    w.escape(try s.attributeValue(i), quotes: true)
                    w.raw("\"")
                }
                w.raw(" fullCalcOnLoad=\"1\"")
                w.raw(s.isSelfClosing ? "/>" : ">")
            case .endElement where s.depth == 0:
                if !sawCalcPr && !plan.touchedSheets.isEmpty {
                    // calcPr belongs before oleSize, customWorkbookViews, pivotCaches, … extLst; near the end is
                    // where most producers put it, so add it before those if present, else at the end.
                    w.raw("<calcPr fullCalcOnLoad=\"1\"/>")
                }
                w.raw(bytes: s.rawToken)
            default:
                w.raw(bytes: s.rawToken)
            }
        }
    }

    private func rewriteWorkbookRelationships() throws {
        guard !workbookRelsAdded.isEmpty || !removedWorkbookRelTargets.isEmpty else { return }
        let relsPath = PackagePath.relationships(of: map.workbookPath)
        guard let e = archive.entry(relsPath) else { return }
        let root = try XMLDocumentParser.parse(try archive.read(e))
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        let dir = (map.workbookPath as NSString).deletingLastPathComponent
        for r in root.children where r.name == "Relationship" {
            let target = r.attribute("Target") ?? ""
            if r.attribute("TargetMode") == nil, removedWorkbookRelTargets.contains(PackagePath.resolve(target, from: map.workbookPath).lowercased()) { continue }
            w.raw("<Relationship")
            for a in r.attributes { w.raw(" " + a.name + "=\""); w.escape(a.value, quotes: true); w.raw("\"") }
            w.raw("/>")
        }
        _ = dir
        for r in workbookRelsAdded {
            w.raw("<Relationship")
            w.attribute("Id", r.id)
            w.attribute("Type", r.type)
            w.attribute("Target", r.target)
            w.raw("/>")
        }
        w.raw("</Relationships>")
        replacedBytes[e.name] = w.bytes
    }

    private func rewriteContentTypes() throws {
        let removedParts = removed.map { "/" + ZipArchive.normalize($0).lowercased() }
        guard !contentTypeOverrides.isEmpty || !contentTypeDefaults.isEmpty || !removedParts.isEmpty,
              let e = archive.entry("[Content_Types].xml") else { return }
        let root = try XMLDocumentParser.parse(try archive.read(e))
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        var defaults = Set<String>()
        for c in root.children {
            if c.name == "Override", removedParts.contains((c.attribute("PartName") ?? "").lowercased()) { continue }
            if c.name == "Default" { defaults.insert((c.attribute("Extension") ?? "").lowercased()) }
            w.raw("<" + c.name)
            for a in c.attributes { w.raw(" " + a.name + "=\""); w.escape(a.value, quotes: true); w.raw("\"") }
            w.raw("/>")
        }
        for d in contentTypeDefaults where !defaults.contains(d.ext) {
            defaults.insert(d.ext)
            w.raw("<Default")
            w.attribute("Extension", d.ext)
            w.attribute("ContentType", d.type)
            w.raw("/>")
        }
        for o in contentTypeOverrides {
            w.raw("<Override")
            w.attribute("PartName", o.part)
            w.attribute("ContentType", o.type)
            w.raw("/>")
        }
        w.raw("</Types>")
        replacedBytes[e.name] = w.bytes
    }
}

/// Relationship types kam adds.
private enum Rel {
    static let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static let worksheet = base + "worksheet"
    static let styles = base + "styles"
    static let sharedStrings = base + "sharedStrings"
    static let comments = base + "comments"
    static let vmlDrawing = base + "vmlDrawing"
}

extension Array where Element == UInt8 {
    fileprivate func containsSequence(_ s: String) -> Bool {
        let needle = Array(s.utf8)
        guard count >= needle.count, let first = needle.first else { return false }
        var i = 0
        while i <= count - needle.count {
            if self[i] == first && Array(self[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}

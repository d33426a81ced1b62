import Foundation
import KamXML
import KamZip

/// Edits an ODS package in place of a rewrite: every part kam does not touch is copied raw from the source
/// (the same compressed bytes), `content.xml` is rewritten in one streaming pass (`ODSContentRewriter`), and
/// the charts' ranges (`Object N/content.xml`) move with the rows and columns of the tables they read.
///
/// Memory does not grow with the sheet: content.xml is streamed from the source zip to a temporary file, only
/// its head (the styles) and single rows that must be split are held.
public final class ODSEditorBackend: EditorBackend {
    /// The source package.
    public let path: String
    /// Sheet names in workbook order.
    public private(set) var sheetNames: [String]
    private let archive: ZipArchive
    private let limits: SpreadsheetLimits

    /// Opens the package at `path`.
    /// - Throws: `SpreadsheetError` as `ODSReader` does.
    public init(path: String, limits: SpreadsheetLimits = .default, zipLimits: ZipLimits = .default) throws(SpreadsheetError) {
        self.path = path
        self.limits = limits
        try SpreadsheetFormat.sniff(path)
        do {
            archive = try ZipArchive(path: path, limits: zipLimits)
        } catch {
            throw SpreadsheetError(zip: error, file: path)
        }
        try PackageEntryNames.check(archive, file: path)
        let reader = try ODSReader(archive: archive, path: path, limits: limits)
        sheetNames = reader.sheets.map(\.name)
    }

    /// Edits the package `reader` has open (its outline of content.xml is not read again).
    init(reader: ODSReader) throws(SpreadsheetError) {
        try PackageEntryNames.check(reader.archive, file: reader.path)
        path = reader.path
        limits = reader.limits
        archive = reader.archive
        sheetNames = reader.sheets.map(\.name)
    }

    /// Writes the edited package to `target` (a new file; the caller renames it into place). Nothing is left
    /// at `target` when this throws.
    /// - Throws: `SpreadsheetError` naming the file, part, sheet and cell.
    public func write(_ operations: [EditOperation], to target: String) throws(SpreadsheetError) {
        let plan = try ODSEditPlan(operations, sheetNames: sheetNames, file: path)
        var temporaries: [String] = []
        defer { for t in temporaries { try? FileManager.default.removeItem(atPath: t) } }
        let writer: ZipWriter
        do {
            writer = try ZipWriter(path: target)
        } catch {
            throw SpreadsheetError(zip: error, file: target)
        }
        do {
            let mimetype = archive.entry("mimetype")
            if let m = mimetype {
                if m.isStored {
                    try writer.copy(m, from: archive)
                } else {
                    try writer.add(m.name, bytes: try archive.read(m, maxBytes: 4096), compress: false)
                }
            }
            for e in archive.entries where e.index != mimetype?.index {
                if e.path == ODSContentStream.part && !plan.isEmpty {
                    let file = try rewriteContent(e, plan: plan, temporaries: &temporaries)
                    try writer.add(e.name, contentsOf: file)
                } else if !plan.edits.isEmpty && e.path.hasSuffix("/content.xml") && !e.isDirectory {
                    let bytes = try archive.read(e, maxBytes: limits.maxSmallPartBytes)
                    let moved: [UInt8]
                    do {
                        moved = try PartReferenceRewriter.odsChart(plan.edits).rewrite(bytes)
                    } catch let x as XMLError {
                        throw SpreadsheetError(ODSContentStream.reason(x), file: path, part: e.name)
                    }
                    if moved == bytes { try writer.copy(e, from: archive) } else { try writer.add(e.name, bytes: moved) }
                } else {
                    try writer.copy(e, from: archive)
                }
            }
            try writer.commit()
        } catch let e as ZipError {
            writer.discard()
            try? FileManager.default.removeItem(atPath: target)
            throw SpreadsheetError(zip: e, file: e.archive == target ? target : path)
        } catch let e as SpreadsheetError {
            writer.discard()
            try? FileManager.default.removeItem(atPath: target)
            throw e
        } catch {
            writer.discard()
            try? FileManager.default.removeItem(atPath: target)
            throw SpreadsheetError(.writeFailed(String(describing: error)), file: target)
        }
    }

    // MARK: content.xml

    /// Writes the rewritten content.xml to a temporary file and returns its path.
    private func rewriteContent(_ entry: ZipEntry, plan: ODSEditPlan, temporaries: inout [String]) throws -> String {
        let templates = try readTemplates(entry, plan: plan)
        var stylesNode: ODSNode?
        if let s = archive.entry("styles.xml") {
            let bytes = try archive.read(s, maxBytes: limits.maxSmallPartBytes)
            do {
                stylesNode = try ODSNode.parse(bytes, maxDepth: limits.maxXMLDepth)
            } catch {
                throw SpreadsheetError(ODSContentStream.reason(error), file: path, part: "styles.xml")
            }
        }
        let dir = FileManager.default.temporaryDirectory.path
        ScratchSweep.removeStale(in: dir, prefixes: ["kam-ods-spliced-", "kam-ods-body-", "kam-ods-content-"])
        if allowsSplice && ODSContentSplicer.applies(to: plan) {
            // Only cells written: copy the rest as bytes. Whatever the fast path does not place (or any error it
            // meets) goes through the full rewriter, which also reports errors with their position.
            let splicedPath = dir + "/" + ScratchSweep.stem("kam-ods-spliced-") + UUID().uuidString + ".xml"
            temporaries.append(splicedPath)
            if (try? spliceContent(entry, plan: plan, stylesNode: stylesNode, to: splicedPath)) != nil {
                spliced = true
                return splicedPath
            }
        }
        spliced = false
        let bodyPath = dir + "/" + ScratchSweep.stem("kam-ods-body-") + UUID().uuidString + ".xml"
        let finalPath = dir + "/" + ScratchSweep.stem("kam-ods-content-") + UUID().uuidString + ".xml"
        temporaries += [bodyPath, finalPath]
        guard FileManager.default.createFile(atPath: bodyPath, contents: nil),
              let bodyHandle = FileHandle(forWritingAtPath: bodyPath) else {
            throw SpreadsheetError(.writeFailed("cannot create a temporary file in \(dir)"), file: path)
        }
        let stream = try ODSContentStream(archive: archive, entry: entry, file: path, limits: limits)
        let rewriter = ODSContentRewriter(plan: plan, styles: ODSStyleFactory(stylesXML: stylesNode), templates: templates)
        var body = XMLByteWriter(threshold: 1 << 20) { bytes in try bodyHandle.write(contentsOf: bytes) }
        let head: [UInt8]
        do {
            head = try rewriter.rewrite(stream.scanner, body: &body)
            try bodyHandle.close()
        } catch {
            try? bodyHandle.close()
            throw stream.error(error, sheet: rewriter.currentTable, cell: rewriter.currentCell)
        }
        // Head (with the new styles), then the body.
        guard FileManager.default.createFile(atPath: finalPath, contents: Data(head)),
              let out = FileHandle(forWritingAtPath: finalPath), let input = FileHandle(forReadingAtPath: bodyPath) else {
            throw SpreadsheetError(.writeFailed("cannot create a temporary file in \(dir)"), file: path)
        }
        defer { try? out.close(); try? input.close() }
        do {
            try out.seekToEnd()
            while let chunk = try input.read(upToCount: 4 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
        } catch {
            throw SpreadsheetError(.writeFailed(String(describing: error)), file: path, part: entry.name)
        }
        return finalPath
    }

    /// Whether a write that only sets cells may take the fast path (tests turn it off to compare).
    var allowsSplice = true
    /// Whether the last write took the fast path.
    private(set) var spliced = false

    /// Writes content.xml with the written rows rendered and everything else copied as bytes (`ODSContentSplicer`).
    private func spliceContent(_ entry: ZipEntry, plan: ODSEditPlan, stylesNode: ODSNode?, to target: String) throws {
        let splicer = ODSContentSplicer(plan: plan, styles: ODSStyleFactory(stylesXML: stylesNode))
        let first = try archive.open(entry)
        let splice = try splicer.plan(RawXMLStream { buf in try first.read(into: buf) })
        let sink = try FileSink(path: target)
        let second = try archive.open(entry)
        try splice.write(from: { buf in try second.read(into: buf) }, into: &sink.xml)
        try sink.close()
    }

    /// The style parts of the rows that inserted rows copy, read in a pass that stops once it has them all.
    private func readTemplates(_ entry: ZipEntry, plan: ODSEditPlan) throws(SpreadsheetError) -> [String: [Int: ODSTemplateRow]] {
        var out: [String: [Int: ODSTemplateRow]] = [:]
        for (name, t) in plan.tables where !t.isNew {
            let wanted = t.templateRows
            guard !wanted.isEmpty, let index = sheetNames.firstIndex(of: name) else { continue }
            let stream = try ODSContentStream(archive: archive, entry: entry, file: path, limits: limits)
            let s = stream.scanner
            var found: [Int: ODSTemplateRow] = [:]
            var row = 0
            do {
                try ODSReader.walkToTable(s, index: index)
                let tableDepth = s.depth
                scan: while found.count < wanted.count {
                    try s.next()
                    switch s.kind {
                    case .end: break scan
                    case .endElement where s.depth < tableDepth: break scan
                    case .startElement where s.isNamed("table-row"):
                        let n = max(s.attributeIndex("number-rows-repeated").flatMap { ODSValueText.count(s.attributeRawValue($0)) } ?? 1, 1)
                        let hits = wanted.filter { $0 >= row && $0 < row + n }
                        row += n
                        guard !hits.isEmpty else { try s.skipElement(); continue }
                        var tr = ODSTemplateRow()
                        for i in 0..<s.attributeCount where s.attributeLocalName(i) != "number-rows-repeated" {
                            tr.attributes.append((s.attributeQualifiedName(i), Array(s.attributeRawValue(i))))
                        }
                        if !s.isSelfClosing {
                            let d = s.depth
                            var col = 0
                            while true {
                                try s.next()
                                if (s.kind == .endElement && s.depth < d) || s.kind == .end { break }
                                guard s.kind == .startElement, s.depth == d + 1 else { continue }
                                let m = max(s.attributeIndex("number-columns-repeated").flatMap { ODSValueText.count(s.attributeRawValue($0)) } ?? 1, 1)
                                tr.cells.append((col, m, try s.attribute("style-name")))
                                col += m
                                try s.skipElement()
                            }
                        } else {
                            try s.next()
                        }
                        for h in hits { found[h] = tr }
                    case .startElement where s.isNamed("table-rows") || s.isNamed("table-row-group") || s.isNamed("table-header-rows"):
                        continue
                    case .startElement:
                        try s.skipElement()
                    default:
                        continue
                    }
                }
            } catch {
                throw stream.error(error, sheet: name)
            }
            out[name] = found
        }
        return out
    }
}

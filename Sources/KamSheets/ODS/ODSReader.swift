import Foundation
import KamXML
import KamZip

/// Reads ODS (OpenDocument spreadsheet, ODF 1.2/1.3) workbooks.
///
/// Opening reads the small parts (mimetype, styles.xml, settings.xml) and makes one cheap byte-level pass over
/// `content.xml` (`ODSContentOutline`) that keeps the automatic styles, named ranges and each table's name and
/// visibility, skipping the cells. Each `cursor(sheet:)` streams `content.xml` again from its start to that
/// table, so memory stays bounded whatever the size of the sheet. A package without a `mimetype` entry (Google Sheets) is accepted.
public final class ODSReader: SpreadsheetReader {
    public let path: String
    public var format: SpreadsheetFormat { .ods }
    public private(set) var sheets: [SheetInfo] = []
    public var styles: [CellStyle] { resolvedStyles.cellStyles }
    public private(set) var dateSystem: SpreadsheetDate.System = .from1900
    public private(set) var definedNames: [DefinedName] = []

    /// The open package (the editor reuses it rather than opening and outlining the file again).
    let archive: ZipArchive
    private let content: ZipEntry
    let limits: SpreadsheetLimits
    private var resolvedStyles = ODSStyles(containers: [])
    private var frozen: [String: FrozenPanes] = [:]

    /// The mimetypes of spreadsheets and spreadsheet templates.
    private static let mimetypes: Set<String> = [
        "application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet-template",
    ]

    /// Opens the package's small parts and lists its sheets.
    /// - Throws: `SpreadsheetError` (`.notASpreadsheet` for another ODF document, `.missingPart` without
    ///   content.xml, `.malformedXML`, `.forbiddenXML`, `.limitExceeded`, `.corruptArchive`).
    public init(archive: ZipArchive, path: String, limits: SpreadsheetLimits) throws(SpreadsheetError) {
        self.path = path
        self.archive = archive
        self.limits = limits
        if let m = archive.entry("mimetype") {
            let bytes = try Self.readSmall(archive, m, file: path, max: 4096)
            let type = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if type.hasPrefix("application/vnd.oasis.opendocument."), !Self.mimetypes.contains(type) {
                throw SpreadsheetError(.notASpreadsheet("an OpenDocument file of type \(type)"), file: path, part: "mimetype")
            }
        }
        guard let content = archive.entry(ODSContentStream.part) else {
            throw SpreadsheetError(.missingPart(ODSContentStream.part), file: path)
        }
        self.content = content
        var containers: [ODSNode] = []
        if let s = archive.entry("styles.xml") {
            let bytes = try Self.readSmall(archive, s, file: path, max: limits.maxSmallPartBytes)
            do {
                if let root = try ODSNode.parse(bytes, maxDepth: limits.maxXMLDepth) {
                    containers += root.children.filter { ["font-face-decls", "styles", "automatic-styles"].contains($0.name) }
                }
            } catch {
                throw SpreadsheetError(ODSContentStream.reason(error), file: path, part: "styles.xml")
            }
        }
        containers += try scanContent()
        resolvedStyles = ODSStyles(containers: containers)
        for i in sheets.indices {
            // A table whose style says `table:display="false"` is hidden; ODS has no "very hidden".
            if let style = tableStyles[i], resolvedStyles.hiddenTables.contains(style) { sheets[i].visibility = .hidden }
        }
        tableStyles = []
        frozen = readFrozenPanes()
    }

    private var tableStyles: [String?] = []

    /// A cursor streaming the cells of the sheet at `index`.
    /// - Throws: `SpreadsheetError` (`.sheetNotFound` for an index out of range, zip and XML errors).
    public func cursor(sheet index: Int) throws(SpreadsheetError) -> any SheetCursor {
        guard sheets.indices.contains(index) else {
            throw SpreadsheetError(.sheetNotFound("#\(index + 1)"), file: path)
        }
        // The outline read content.xml to its end at open and libzip checked its CRC-32 then: not again.
        let stream = try ODSContentStream(archive: archive, entry: content, file: path, limits: limits,
                                          verifyChecksum: false)
        let name = sheets[index].name
        do {
            try Self.walkToTable(stream.scanner, index: index)
        } catch {
            throw stream.error(error, sheet: name)
        }
        return ODSTableCursor(stream: stream, sheet: name, styles: resolvedStyles, limits: limits, frozen: frozen[name])
    }

    // MARK: Opening

    private static func readSmall(_ archive: ZipArchive, _ entry: ZipEntry, file: String, max: Int) throws(SpreadsheetError) -> [UInt8] {
        do {
            return try archive.read(entry, maxBytes: max)
        } catch {
            throw SpreadsheetError(zip: error, file: file)
        }
    }

    /// The first pass over content.xml (`ODSContentOutline`): style containers kept, tables listed, cells skipped.
    private func scanContent() throws(SpreadsheetError) -> [ODSNode] {
        let outline = try ODSContentOutline.read(archive: archive, entry: content, file: path, limits: limits)
        guard outline.isDocumentContent else {
            throw SpreadsheetError(.notASpreadsheet("content.xml has no office:document-content root"),
                                   file: path, part: ODSContentStream.part)
        }
        guard outline.hasSpreadsheet else {
            throw SpreadsheetError(.notASpreadsheet("content.xml holds no office:spreadsheet"), file: path,
                                   part: ODSContentStream.part)
        }
        for t in outline.tables {
            tableStyles.append(t.style)
            sheets.append(SheetInfo(index: sheets.count, name: t.name, visibility: .visible, kind: .worksheet,
                                    part: ODSContentStream.part))
        }
        for n in outline.namedExpressions { definedNames += ODSNamedRanges.read(n) }
        if outline.calculationSettings?.child("null-date")?["date-value"] == "1904-01-01" { dateSystem = .from1904 }
        return outline.containers
    }

    /// Moves to the root start element; false when there is none or it is not `office:document-content`.
    private static func enterRoot(_ x: XMLScanner) throws -> Bool {
        while true {
            try x.next()
            switch x.kind {
            case .startElement: return x.isNamed("document-content")
            case .end: return false
            default: continue
            }
        }
    }

    /// Moves the scanner onto the start tag of the `index`-th table of the spreadsheet.
    static func walkToTable(_ x: XMLScanner, index: Int) throws {
        guard try enterRoot(x) else { throw XMLError(.malformed("no office:document-content root")) }
        var seen = 0
        while true {
            try x.next()
            if x.kind == .end || (x.kind == .endElement && x.depth == 0) {
                throw XMLError(.malformed("content.xml changed between reads: table \(index + 1) is gone"))
            }
            guard x.kind == .startElement else { continue }
            switch x.depth {
            case 2: if !x.isNamed("body") { try x.skipElement() }
            case 3: if !x.isNamed("spreadsheet") { try x.skipElement() }
            case 4:
                if x.isNamed("table") {
                    if seen == index { return }
                    seen += 1
                }
                try x.skipElement()
            default: try x.skipElement()
            }
        }
    }

    /// Frozen panes per table name from settings.xml (`HorizontalSplitMode`/`VerticalSplitMode` 2 = frozen).
    /// Settings are a nicety: a damaged settings.xml is ignored rather than refused.
    private func readFrozenPanes() -> [String: FrozenPanes] {
        guard let e = archive.entry("settings.xml"),
              let bytes = try? archive.read(e, maxBytes: limits.maxSmallPartBytes),
              let root = try? ODSNode.parse(bytes, maxDepth: limits.maxXMLDepth) else { return [:] }
        var out: [String: FrozenPanes] = [:]
        func visit(_ n: ODSNode) {
            if n.name == "config-item-map-named", n["name"] == "Tables" {
                for entry in n.children where entry.name == "config-item-map-entry" {
                    guard let table = entry["name"] else { continue }
                    var items: [String: String] = [:]
                    for item in entry.children where item.name == "config-item" {
                        if let k = item["name"] { items[k] = item.text }
                    }
                    let cols = items["HorizontalSplitMode"] == "2" ? Int(items["HorizontalSplitPosition"] ?? "") ?? 0 : 0
                    let rows = items["VerticalSplitMode"] == "2" ? Int(items["VerticalSplitPosition"] ?? "") ?? 0 : 0
                    if rows > 0 || cols > 0 { out[table] = FrozenPanes(rows: rows, columns: cols) }
                }
                return
            }
            for c in n.children { visit(c) }
        }
        visit(root)
        return out
    }
}

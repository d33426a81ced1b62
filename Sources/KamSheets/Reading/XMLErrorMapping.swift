import KamXML
import KamZip

extension SpreadsheetError {
    /// The spreadsheet-level form of an XML-layer error in `part`: malformed (with line and column), forbidden
    /// (DTD, entities), a limit, bad encoding; a failing byte source becomes a damaged archive.
    public init(xml e: XMLError, file: String, part: String?, sheet: String? = nil, cell: String? = nil) {
        let reason: Reason
        switch e.reason {
        case .malformed(let m): reason = .malformedXML(line: e.line, column: e.column, message: m)
        case .encoding(let m): reason = .malformedXML(line: e.line, column: e.column, message: m)
        case .forbidden(let m): reason = .forbiddenXML(m)
        case .limitExceeded(let l, let max): reason = .limitExceeded(limit: l, maximum: max, actual: max + 1)
        case .source(let m): reason = .corruptArchive(m)
        }
        self.init(reason, file: file, part: part, sheet: sheet, cell: cell)
    }
}

/// A streaming `XMLScanner` over one zip entry, remembering the zip layer's own error so that it is reported as
/// such (a damaged entry, a zip bomb) rather than as an XML problem.
final class PartScanner {
    let scanner: XMLScanner
    private let box: ZipErrorBox

    private final class ZipErrorBox { var error: ZipError? }

    /// Opens `entry` of `archive` for scanning.
    /// - Throws: `SpreadsheetError` when the entry cannot be opened.
    init(archive: ZipArchive, entry: ZipEntry, file: String, maxTokenBytes: Int, maxDepth: Int) throws(SpreadsheetError) {
        let reader: ZipEntryReader
        do { reader = try archive.open(entry) } catch { throw SpreadsheetError(zip: error, file: file) }
        let box = ZipErrorBox()
        self.box = box
        scanner = XMLScanner(maxTokenBytes: maxTokenBytes, maxDepth: maxDepth) { buf in
            do throws(ZipError) { return try reader.read(into: buf) } catch {
                box.error = error
                throw error
            }
        }
    }

    /// The `SpreadsheetError` for an error the scanner threw.
    func error(_ e: XMLError, file: String, part: String, sheet: String? = nil, cell: String? = nil) -> SpreadsheetError {
        if let z = box.error {
            var s = SpreadsheetError(zip: z, file: file)
            s.part = s.part ?? part
            s.sheet = sheet
            s.cell = cell
            return s
        }
        return SpreadsheetError(xml: e, file: file, part: part, sheet: sheet, cell: cell)
    }
}

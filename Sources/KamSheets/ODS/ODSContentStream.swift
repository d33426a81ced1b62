import KamXML
import KamZip

/// `content.xml` opened for streaming: an `XMLScanner` reading through a `ZipEntryReader`, never inflated whole.
///
/// Zip failures inside the scanner's fill come back as `XMLError.source`; the stream keeps the original
/// `ZipError` so that the `SpreadsheetError` says what really happened.
final class ODSContentStream {
    /// The part's name in the package.
    static let part = "content.xml"

    let scanner: XMLScanner
    let file: String
    private let failure: ZipFailure

    private final class ZipFailure {
        var error: ZipError?
    }

    /// Opens `entry` of `archive` for scanning. `verifyChecksum: false` when this archive already read the
    /// entry to its end (see `ZipArchive.open(_:verifyChecksum:)`).
    /// - Throws: `SpreadsheetError` when the entry cannot be opened.
    init(archive: ZipArchive, entry: ZipEntry, file: String, limits: SpreadsheetLimits,
         verifyChecksum: Bool = true) throws(SpreadsheetError) {
        let reader: ZipEntryReader
        do {
            reader = try archive.open(entry, verifyChecksum: verifyChecksum)
        } catch {
            throw SpreadsheetError(zip: error, file: file)
        }
        let failure = ZipFailure()
        self.failure = failure
        self.file = file
        // Tokens (one text node, one tag) may be as long as the longest allowed string, with room for markup.
        let maxToken = max(limits.maxStringBytes * 4, 1 << 20)
        scanner = XMLScanner(maxTokenBytes: maxToken, maxDepth: limits.maxXMLDepth) { buffer in
            do throws(ZipError) {
                return try reader.read(into: buffer)
            } catch {
                failure.error = error
                throw error
            }
        }
    }

    /// The spreadsheet-level form of an error met while scanning, with the sheet and cell when known.
    func error(_ e: any Error, sheet: String? = nil, cell: String? = nil) -> SpreadsheetError {
        if var s = e as? SpreadsheetError {
            if s.part == nil { s.part = Self.part }
            if s.sheet == nil { s.sheet = sheet }
            if s.cell == nil { s.cell = cell }
            return s
        }
        if let z = failure.error {
            var s = SpreadsheetError(zip: z, file: file)
            s.part = s.part ?? Self.part
            s.sheet = sheet
            s.cell = cell
            return s
        }
        if let x = e as? XMLError {
            return SpreadsheetError(ODSContentStream.reason(x), file: file, part: Self.part, sheet: sheet, cell: cell)
        }
        return SpreadsheetError(.corruptArchive(String(describing: e)), file: file, part: Self.part, sheet: sheet, cell: cell)
    }

    /// The `SpreadsheetError` reason of an XML problem.
    static func reason(_ x: XMLError) -> SpreadsheetError.Reason {
        switch x.reason {
        case .malformed(let m): return .malformedXML(line: x.line, column: x.column, message: m)
        case .encoding(let m): return .malformedXML(line: x.line, column: x.column, message: "bad encoding: " + m)
        case .forbidden(let m): return .forbiddenXML(m)
        // The scanner stops at the first byte past the limit, so "found" is the limit plus one.
        case .limitExceeded(let l, let m): return .limitExceeded(limit: l, maximum: m, actual: m + 1)
        case .source(let m): return .corruptArchive(m)
        }
    }
}

import KamXML
import KamZip

/// The part of `content.xml` after its first table, when `ODSReader` opened the package without reading it.
///
/// A workbook whose meta.xml counts one table (`meta:document-statistic meta:table-count="1"`, which LibreOffice
/// writes) is opened with an outline that stops at that table's start tag: everything that styles its cells
/// comes before it, and listing the sheets needs nothing more. What follows the table — named expressions, and
/// in a file whose meta.xml is wrong, more tables — is read by the first cursor that reaches the table's end
/// (`readRest`), or by `ODSReader.completeOutline()` when asked for first. So a one-sheet workbook is inflated
/// once, not twice; a file whose meta.xml undercounts its tables fails there rather than losing sheets.
final class ODSContentTail {
    /// Set once the rest of content.xml has been read to its end and agrees with the outline.
    private(set) var isRead = false
    /// The `table:named-expressions` elements found after the table.
    private(set) var namedExpressions: [ODSNode] = []

    /// The table count meta.xml's document statistics give; nil when there is none or it cannot be read (a
    /// damaged meta.xml only means the outline is read in full at open).
    static func metaTableCount(_ archive: ZipArchive, limits: SpreadsheetLimits) -> Int? {
        guard let e = archive.entry("meta.xml"),
              let bytes = try? archive.read(e, maxBytes: limits.maxSmallPartBytes),
              let root = try? ODSNode.parse(bytes, maxDepth: limits.maxXMLDepth), root.name == "document-meta",
              let count = root.child("meta")?.child("document-statistic")?["table-count"] else { return nil }
        return Int(count)
    }

    /// Reads the rest of content.xml with `x`, which stands just past the first table's end tag inside
    /// `office:spreadsheet`: keeps the named expressions, and refuses what the stopped outline would have read
    /// differently (another table, calculation settings or style containers after the table).
    /// - Throws: `XMLError` (malformed input, or `.malformed` when the content disagrees with meta.xml).
    func readRest(_ x: XMLScanner) throws {
        var found: [ODSNode] = []
        var inSpreadsheet = true
        while true {
            try x.next()
            switch x.kind {
            case .end:
                namedExpressions = found
                isRead = true
                return
            case .endElement:
                if x.depth < 3 { inSpreadsheet = false }
            case .startElement:
                switch x.depth {
                case 2 where x.isNamed("automatic-styles") || x.isNamed("font-face-decls"):
                    throw XMLError(.malformed("styles after the body of content.xml"))
                case 3 where x.isNamed("spreadsheet"):
                    inSpreadsheet = true
                case 4 where inSpreadsheet:
                    if x.isNamed("table") {
                        throw XMLError(.malformed("content.xml holds more tables than meta.xml counts"))
                    } else if x.isNamed("calculation-settings") {
                        throw XMLError(.malformed("table:calculation-settings after a table"))
                    } else if x.isNamed("named-expressions") {
                        found.append(try ODSNode.read(x))
                    }
                default:
                    continue
                }
            default:
                continue
            }
        }
    }
}

import Foundation
import KamZip

/// Lays out a new XLSX package: which parts exist, where, and in which order they go into the zip.
///
/// ```
/// book.xlsx
/// ├── [Content_Types].xml         ContentTypesPartWriter
/// ├── _rels/.rels                 RelationshipsPartWriter.package
/// ├── docProps/
/// │   ├── app.xml                 AppPropertiesPart
/// │   └── core.xml                CorePropertiesPart
/// └── xl/
///     ├── workbook.xml            WorkbookPartWriter
///     ├── _rels/workbook.xml.rels RelationshipsPartWriter (sheets, styles, shared strings)
///     ├── styles.xml              StylesPartWriter
///     ├── sharedStrings.xml       SharedStringsPartWriter (only when strings are shared)
///     └── worksheets/
///         └── sheet1.xml …        WorksheetPart (streamed to scratch files, added from there)
/// ```
struct XLSXPackager {
    var workbook: WorkbookPartWriter
    /// Scratch files holding each worksheet's XML, in sheet order.
    var worksheetFiles: [String]
    var styles: XLSXStyleTable
    var sharedStrings: SharedStringsPartWriter?
    var created: Date
    /// Where the shared strings may be written before zipping.
    var scratch: TemporaryFolder
    /// The target path, for errors.
    var file: String

    /// Adds every part to `zip`.
    func write(into zip: ZipWriter) throws(SpreadsheetError) {
        let count = worksheetFiles.count
        try add(zip, "[Content_Types].xml",
                ContentTypesPartWriter(worksheetCount: count, hasSharedStrings: sharedStrings != nil).write())
        try add(zip, "_rels/.rels", RelationshipsPartWriter.package.write())
        try add(zip, "docProps/app.xml", AppPropertiesPart().write())
        try add(zip, "docProps/core.xml", CorePropertiesPart(created: created).write())
        try add(zip, "xl/workbook.xml", workbook.write())
        try add(zip, "xl/_rels/workbook.xml.rels", workbookRelationships().write())
        try add(zip, "xl/styles.xml", StylesPartWriter(table: styles).write())
        if let sharedStrings {
            let path = scratch.file("sharedStrings.xml")
            let sink = try FileSink(path: path)
            try sharedStrings.write(to: sink)
            try sink.close()
            try ZipPackageCommit.add(zip, "xl/sharedStrings.xml", contentsOf: path, file: file)
        }
        for (i, scratchFile) in worksheetFiles.enumerated() {
            try ZipPackageCommit.add(zip, "xl/worksheets/sheet\(i + 1).xml", contentsOf: scratchFile, file: file)
        }
    }

    /// Sheets take `rId1…rIdN` (as `WorkbookPartWriter` assumes), then styles and shared strings.
    private func workbookRelationships() -> RelationshipsPartWriter {
        var relationships = (1...max(worksheetFiles.count, 1)).prefix(worksheetFiles.count).map {
            RelationshipsPartWriter.Relationship(type: RelationshipsPartWriter.worksheet, target: "worksheets/sheet\($0).xml")
        }
        relationships.append(.init(type: RelationshipsPartWriter.styles, target: "styles.xml"))
        if sharedStrings != nil {
            relationships.append(.init(type: RelationshipsPartWriter.sharedStrings, target: "sharedStrings.xml"))
        }
        return RelationshipsPartWriter(relationships: relationships)
    }

    private func add(_ zip: ZipWriter, _ name: String, _ bytes: [UInt8]) throws(SpreadsheetError) {
        try ZipPackageCommit.add(zip, name, bytes, file: file)
    }
}

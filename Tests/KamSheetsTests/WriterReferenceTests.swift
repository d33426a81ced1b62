import Foundation
import KamSheets
import KamTestSupport
import KamXML
import Testing

/// kam's output against files LibreOffice made for the same content (`Tests/Fixtures/references/libreoffice`,
/// see the README there). Only the sheet content is compared, as a projection of each cell to
/// `reference type value`; every other difference is tolerated and named here:
/// - cell styles (`s`, `table:style-name`): LibreOffice numbers its styles differently;
/// - shared-string indices: compared as the strings they point to;
/// - LibreOffice's extra attributes (`spans`, `x14ac:*`, `calcext:value-type`, `table:default-cell-style-name`);
/// - LibreOffice's trailing empty rows and cells repeated to the sheet's end (ODS);
/// - the `<text:p>` of non-text ODS cells (a display string, formatted by each application's locale);
/// - cells without a value (LibreOffice writes a styled empty `<c>` for each covered cell of a merge);
/// - booleans in ODS: LibreOffice turns an XLSX boolean into the number 1/0 with a BOOLEAN format, so both
///   sides' booleans are compared as `float 1`/`float 0`.
@Suite("Writer references")
struct WriterReferenceTests {
    static func projectXLSX(_ path: String) throws -> [String] {
        let package = try PackageEntries(path: path)
        var strings: [String] = []
        if let sst = try package.bytes("xl/sharedStrings.xml") {
            strings = try XMLDocumentParser.parse(sst).children("si").map(\.deepText)
        }
        let sheet = try XMLDocumentParser.parse(try #require(try package.bytes("xl/worksheets/sheet1.xml")))
        var out: [String] = []
        for row in sheet.child("sheetData")?.children("row") ?? [] {
            for c in row.children("c") {
                let t = c.attribute("t") ?? "n"
                guard var v = c.child("v")?.text ?? c.child("is")?.deepText else { continue }
                if t == "s", let i = Int(v), strings.indices.contains(i) { v = strings[i] }
                out.append("\(c.attribute("r") ?? "?") \(t == "s" || t == "inlineStr" ? "str" : t) \(v)")
            }
        }
        let merges = sheet.child("mergeCells")?.children("mergeCell").compactMap { $0.attribute("ref") } ?? []
        return out + merges.map { "merge \($0)" }
    }

    static func projectODS(_ path: String) throws -> [String] {
        let package = try PackageEntries(path: path)
        let content = try XMLDocumentParser.parse(try #require(try package.bytes("content.xml")))
        let table = try #require(content.child("body")?.child("spreadsheet")?.children("table").first)
        var out: [String] = []
        var row = 0
        for r in table.children("table-row") {
            var column = 0
            for c in r.children where c.name == "table-cell" || c.name == "covered-table-cell" {
                let repeated = Int(c.attribute("number-columns-repeated") ?? "1") ?? 1
                if var type = c.attribute("value-type") {
                    var value = c.attribute("value") ?? c.attribute("date-value") ?? c.attribute("boolean-value")
                        ?? c.children("p").map(\.deepText).joined(separator: "\n")
                    if type == "boolean" { (type, value) = ("float", value == "true" ? "1" : "0") }
                    out.append("\(CellReference(row: row, column: column).a1) \(type) \(value)")
                }
                if let spanned = c.attribute("number-columns-spanned") {
                    let rows = Int(c.attribute("number-rows-spanned") ?? "1") ?? 1
                    let end = CellReference(row: row + rows - 1, column: column + (Int(spanned) ?? 1) - 1)
                    out.append("merge \(CellRange(CellReference(row: row, column: column), end).a1)")
                }
                column += repeated
            }
            row += Int(r.attribute("number-rows-repeated") ?? "1") ?? 1
        }
        return out
    }

    @Test("kam's XLSX sheet matches LibreOffice's for the same content")
    func xlsx() throws {
        let folder = try ScratchFolder()
        let path = folder.file("kam.xlsx")
        try WorkbookWriter.write(WriterReferenceSample.workbook, to: path)
        let reference = PackagePaths.fixture("references/libreoffice/reference.xlsx")
        let (mine, theirs) = (try Self.projectXLSX(path), try Self.projectXLSX(reference))
        #expect(mine == theirs, "kam: \(mine)\nLibreOffice: \(theirs)")
    }

    @Test("kam's ODS table matches LibreOffice's for the same content")
    func ods() throws {
        let folder = try ScratchFolder()
        let path = folder.file("kam.ods")
        try WorkbookWriter.write(WriterReferenceSample.workbook, to: path)
        let reference = PackagePaths.fixture("references/libreoffice/reference.ods")
        let (mine, theirs) = (try Self.projectODS(path), try Self.projectODS(reference))
        #expect(mine == theirs, "kam: \(mine)\nLibreOffice: \(theirs)")
    }

    /// Re-creates the reference files: kam writes the sample, LibreOffice opens it and saves it in the other
    /// format (so the reference is LibreOffice's own writer). Run with KAM_RECORD_REFERENCES=1.
    @Test("record the LibreOffice references", .enabled(if: ProcessInfo.processInfo.environment["KAM_RECORD_REFERENCES"] == "1"))
    func record() throws {
        let folder = try ScratchFolder()
        let out = PackagePaths.fixture("references/libreoffice")
        for (source, target) in [("reference.ods", "xlsx"), ("reference.xlsx", "ods")] {
            let path = folder.file(source)
            try WorkbookWriter.write(WriterReferenceSample.workbook, to: path)
            let result = try ExternalTool.run(
                "soffice", ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to",
                            target == "xlsx" ? "xlsx:Calc MS Excel 2007 XML" : "ods", "--outdir", out, path],
                install: "LibreOffice (soffice)")
            #expect(result.status == 0, "\(result.stderr)")
        }
    }
}

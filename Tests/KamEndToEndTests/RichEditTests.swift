import Foundation
import KamSheets
import KamTestSupport
import KamZip
import Testing

/// A workbook with a table, a SUM under it, a cross-sheet drop-down, conditional formatting, a comment, a
/// hyperlink and a chart over the table gets 5 rows inserted inside the table and 2 deleted; everything that
/// points at the table follows, and LibreOffice recalculates and renders it.
@Suite(.serialized) struct RichEditTests {
    static let files = ["rich-xlsxwriter.xlsx", "rich-libreoffice.xlsx"]

    static func entry(_ path: String, _ suffix: String) throws -> String {
        let a = try ZipArchive(path: path)
        guard let e = a.entries.first(where: { $0.path.lowercased().hasSuffix(suffix) }) else { return "" }
        return String(decoding: try a.read(e), as: UTF8.self)
    }

    @Test("inserting and deleting rows inside a table moves every reference to it", arguments: files)
    func insertDelete(_ name: String) throws {
        let dir = TemporaryDirectory()
        let input = Fixtures.path("edit/" + name)
        let out = dir.file("out.xlsx")
        let r = try KamProcess.kam(["edit", input, "-o", out, "--insert-rows", "Data!5:5", "--delete-rows", "Data!6:2"])
        #expect(r.status == 0, "\(r.stderr)")
        let sheet = try Self.entry(out, "worksheets/sheet1.xml")
        #expect(sheet.contains("SUM(C2:C12)"), "the SUM grows with the table")
        #expect(sheet.contains("sqref=\"B2:B12\"") || sheet.contains(">B2:B12<"), "the drop-down follows")
        #expect(sheet.contains("C2:C12"), "the conditional format follows")
        #expect(sheet.contains("ref=\"E9\""), "the hyperlink moves with its row")
        let chart = try Self.entry(out, "charts/chart1.xml")
        #expect(chart.contains("$C$2:$C$12"), "the chart's series grows with the table")
        #expect(chart.contains("$A$2:$A$12"))
        let table = try Self.entry(out, "tables/table1.xml")
        #expect(table.contains("ref=\"A1:C12\""))
        let comments = try Self.entry(out, "comments1.xml")
        #expect(comments.contains("ref=\"A4\""))
        // LibreOffice opens it, recalculates the SUM over exactly the new range, and renders the chart.
        let rows = try LibreOffice.csvRows(out, in: dir.path)
        #expect(rows.count > 13 && rows[13].count > 2 && rows[13][2] == "810", "LibreOffice's SUM: \(rows.count > 13 ? rows[13] : [])")
        let pdf = try LibreOffice.convert(out, to: "pdf", in: dir.path)
        #expect(((try? FileManager.default.attributesOfItem(atPath: pdf)[.size] as? Int) ?? 0) > 1000)
        // Nothing else was lost: the input untouched, every other part still there.
        let before = try ZipArchive(path: input).entries.map(\.name).filter { !$0.lowercased().contains("calcchain") }
        let after = Set(try ZipArchive(path: out).entries.map(\.name))
        for n in before { #expect(after.contains(n), "\(n) kept") }
    }
}

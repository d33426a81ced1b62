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

/// The same workbook made by LibreOffice as ODS: rows inserted and deleted inside the table move the SUM, the
/// chart's ranges, the validation and the conditional format; LibreOffice recalculates and renders it.
@Suite(.serialized) struct RichODSEditTests {
    @Test("ODS: inserting and deleting rows inside a table moves every reference to it")
    func insertDelete() throws {
        let dir = TemporaryDirectory()
        let input = Fixtures.path("edit/rich-libreoffice.ods")
        let out = dir.file("out.ods")
        let r = try KamProcess.kam(["edit", input, "-o", out, "--insert-rows", "Data!5:5", "--delete-rows", "Data!6:2"])
        #expect(r.status == 0, "\(r.stderr)")
        let a = try ZipArchive(path: out)
        let content = String(decoding: try a.read(try #require(a.entry("content.xml"))), as: UTF8.self)
        #expect(content.contains("[.C2:.C12]"), "the SUM grows with the table")
        let charts = a.entries.filter { $0.path.hasPrefix("Object") && $0.path.hasSuffix("content.xml") }
        let chartText = try charts.map { String(decoding: try a.read($0), as: UTF8.self) }.joined()
        #expect(charts.isEmpty || chartText.contains("$C$12") || chartText.contains(".C12"), "the chart's ranges grow")
        let rows = try LibreOffice.csvRows(out, in: dir.path)
        #expect(rows.count > 13 && rows[13].count > 2 && rows[13][2] == "810", "LibreOffice's SUM: \(rows.count > 13 ? rows[13] : [])")
        _ = try LibreOffice.convert(out, to: "pdf", in: dir.path)
    }
}

/// Killing `kam edit` at any moment of a save leaves the original file as it was (or replaced whole).
@Suite(.serialized) struct EditKillTests {
    @Test("SIGKILL during kam edit never leaves a half-written file")
    func killDuringSave() throws {
        let dir = TemporaryDirectory()
        // A big enough workbook that saving takes a while: 60,000 rows written by kam from a TSV.
        var tsv = "客户编号\t客户名称\t金额\t日期\n"
        for i in 0..<60_000 { tsv += "C\(i)\t客户\(i % 977)有限公司\t\(Double(i) * 1.5)\t2024-03-\(10 + i % 18)\n" }
        try tsv.write(toFile: dir.file("t.tsv"), atomically: true, encoding: .utf8)
        let path = dir.file("big.xlsx")
        #expect(try KamProcess.kam(["convert", dir.file("t.tsv"), path]).status == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var replaced = 0
        for i in 0..<12 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: KamProcess.binary)
            p.arguments = ["edit", path, "--set", "t!B2=第\(i)次", "--insert-rows", "t!100:3"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(30_000 + i * 45_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = try Data(contentsOf: URL(fileURLWithPath: path))
            if now != original {
                // Fully replaced: a valid workbook that kam reads, with the edit in it.
                let r = try KamProcess.kam(["inspect", path, "--stats"])
                #expect(r.status == 0, "a replaced file must be whole: \(r.stderr)")
                replaced += 1
            }
            // No temporary file is left where the user would see it... except hidden `.kam-*.tmp` of a killed run,
            // which never replaces anything.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
            #expect(Set(leftovers).isSubset(of: ["t.tsv", "big.xlsx", "big.xlsx.bak"]), "\(leftovers)")
        }
        _ = replaced
    }
}

import Foundation
import Testing
import KamZip
@testable import KamSheets

/// The raw-copy fast path of the ODS editor (`ODSContentSplicer`) must write the content.xml the full rewriter
/// writes for the same cell writes.
@Suite struct ODSEditorSpliceTests {
    /// content.xml as written with the fast path allowed and with it turned off; whether the fast path was taken.
    private func both(_ src: String, _ ops: [EditOperation]) throws -> (full: String, spliced: String, took: Bool) {
        func run(_ allow: Bool) throws -> (String, Bool) {
            let backend = try ODSEditorBackend(path: src)
            backend.allowsSplice = allow
            let out = ODSEditFixture.temp("out.ods")
            try backend.write(ops, to: out)
            let a = try ZipArchive(path: out)
            guard let e = a.entry("content.xml") else { return ("", backend.spliced) }
            return (String(decoding: try a.read(e, maxBytes: 1 << 28), as: UTF8.self), backend.spliced)
        }
        let (full, tookFull) = try run(false)
        #expect(!tookFull)
        let (spliced, took) = try run(true)
        return (full, spliced, took)
    }

    private func set(_ sheet: String, _ a1: String, _ v: CellValue, style: StyleChange? = nil) -> EditOperation {
        .setCell(sheet: sheet, cell: CellReference(a1: a1)!, value: v, formula: nil, style: style)
    }

    @Test("ledger: writes into rows, a repeated empty run and a date into a General cell match the full rewriter")
    func ledger() throws {
        let src = try ODSEditFixture.ledger()
        let ops = [set("Data", "B2", .string("kam & <co>")), set("Data", "C3", .date(CivilDateTime(year: 2024, month: 3, day: 9))),
                   set("Data", "A16", .number(7), style: .fill("FFEE00")), set("Data", "B40", .bool(true)),
                   .setStyle(sheet: "Data", cell: CellReference(a1: "A1")!, style: .fill("00FF00"))]
        let r = try both(src, ops)
        #expect(r.took)
        #expect(r.spliced == r.full)
        #expect(r.spliced.contains("kam &amp; &lt;co&gt;"))
    }

    @Test("row groups, header rows, column defaults and untouched tables match the full rewriter; odd bytes stay")
    func wrappers() throws {
        let row = { (v: String) in
            "<table:table-row table:style-name=\"ro1\"><table:table-cell office:value-type=\"string\"><text:p>\(v)</text:p></table:table-cell></table:table-row>"
        }
        let other = "<table:table table:name='Other'><table:table-row   ><table:table-cell/></table:table-row></table:table>"
        let data = """
            <table:table table:name="Data"><table:table-header-columns><table:table-column table:default-cell-style-name="ceDate"/>\
            </table:table-header-columns><table:table-column table:number-columns-repeated="3"/>\
            <table:table-header-rows>\(row("h"))</table:table-header-rows><!-- <table:table-row> in a comment -->\
            <table:table-row-group>\(row("a"))<table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="4"/></table:table-row>\
            <table:table-rows>\(row("b"))\(row("c"))</table:table-rows></table:table-row-group>\
            <table:table-row table:number-rows-repeated="20"><table:table-cell/></table:table-row></table:table>
            """
        let content = ODSFixture.content(other + data + "<table:table table:name=\"Last\"><table:table-row><table:table-cell/></table:table-row></table:table>",
                                         automaticStyles: "<style:style style:name=\"ceDate\" style:family=\"table-cell\"/>")
        let src = try ODSEditFixture.write(content: content)
        let ops = [set("Data", "A1", .string("H")), set("Data", "A4", .date(CivilDateTime(year: 2020, month: 1, day: 2))),
                   set("Data", "C5", .number(1.5)), set("Data", "B8", .string("c")), set("Data", "D20", .number(20)),
                   set("Last", "A1", .string("last"))]
        let r = try both(src, ops)
        #expect(r.took)
        #expect(r.spliced == r.full)
        #expect(r.spliced.contains("<table:table-row   ><table:table-cell/></table:table-row></table:table><table:table table:name=\"Data\">"))
    }

    @Test("a write past a table's rows is left to the full rewriter")
    func pastTheRows() throws {
        let content = ODSFixture.content("<table:table table:name=\"Data\"><table:table-row><table:table-cell/></table:table-row></table:table>")
        let src = try ODSEditFixture.write(content: content)
        let r = try both(src, [set("Data", "A5", .number(1))])
        #expect(!r.took)
        #expect(r.spliced == r.full)
    }

    @Test("every ODS corpus file: a few cells written match the full rewriter")
    func corpus() throws {
        let dir = ODSFixture.corpus + "/ods"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".ods") }.sorted()
        #expect(files.count >= 20, "corpus not found at \(dir)")
        var took = 0
        for f in files {
            let src = dir + "/" + f
            guard let sheets = try? ODSEditorBackend(path: src).sheetNames, let first = sheets.first, let last = sheets.last else { continue }
            let ops = [set(first, "B2", .string("kam")), set(first, "A1", .number(3), style: .fill("FF0000")),
                       set(last, "C4", .date(CivilDateTime(year: 2021, month: 5, day: 6)))]
            let r = try both(src, ops)
            if r.took { took += 1 }
            #expect(r.spliced == r.full, "\(f)")
            if r.spliced != r.full, let d = ProcessInfo.processInfo.environment["KAM_SPLICE_DUMP"] {
                try? r.full.write(toFile: d + "/" + f + ".full.xml", atomically: false, encoding: .utf8)
                try? r.spliced.write(toFile: d + "/" + f + ".spliced.xml", atomically: false, encoding: .utf8)
            }
        }
        #expect(took >= files.count / 2, "the fast path was taken for \(took) of \(files.count) files")
    }
}

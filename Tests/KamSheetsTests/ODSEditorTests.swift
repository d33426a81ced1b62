import Foundation
import Testing
import KamZip
@testable import KamSheets

/// Fixtures and helpers for the ODS editor tests.
enum ODSEditFixture {
    static func temp(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kam-odsedit-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// A package with `content` and extra parts (name → text), mimetype first and stored.
    static func write(content: String, parts: [(String, String)] = []) throws -> String {
        let path = temp("fixture.ods")
        let w = try ZipWriter(path: path)
        try w.add("mimetype", bytes: Array("application/vnd.oasis.opendocument.spreadsheet".utf8), compress: false)
        try w.add("content.xml", bytes: Array(content.utf8))
        for (n, t) in parts { try w.add(n, bytes: Array(t.utf8)) }
        try w.commit()
        return path
    }

    /// Table `Data`: A1 "Name", B1 "Amount"; rows 2…15 names and amounts 1…14; row 17 `SUM(B2:B15)`; then an
    /// empty repeated run to row 1,048,576. A chart object reads A1:B15; a named range, a validation and a
    /// conditional format point at B2:B15.
    static func ledger() throws -> String {
        var rows = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Name</text:p></table:table-cell><table:table-cell table:style-name=\"ceHead\" office:value-type=\"string\"><text:p>Amount</text:p></table:table-cell></table:table-row>"
        for i in 1...14 {
            rows += "<table:table-row table:style-name=\"ro1\"><table:table-cell office:value-type=\"string\"><text:p>n\(i)</text:p></table:table-cell><table:table-cell table:style-name=\"ceNum\" office:value-type=\"float\" office:value=\"\(i)\"><text:p>\(i)</text:p></table:table-cell></table:table-row>"
        }
        rows += "<table:table-row><table:table-cell table:number-columns-repeated=\"2\"/></table:table-row>"
        rows += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Total</text:p></table:table-cell><table:table-cell table:formula=\"of:=SUM([.B2:.B15])\" office:value-type=\"float\" office:value=\"105\"><text:p>105</text:p></table:table-cell></table:table-row>"
        rows += "<table:table-row table:number-rows-repeated=\"1048559\"><table:table-cell table:number-columns-repeated=\"2\"/></table:table-row>"
        let table = """
            <table:table table:name="Data"><table:table-column table:number-columns-repeated="2"/>\(rows)\
            <calcext:conditional-formats><calcext:conditional-format calcext:target-range-address="Data.B2:Data.B15">\
            <calcext:condition calcext:apply-style-name="Good" calcext:value="&gt;10" calcext:base-cell-address="Data.B2"/>\
            </calcext:conditional-format></calcext:conditional-formats></table:table>\
            <table:table table:name="Other"><table:table-column/><table:table-row><table:table-cell table:formula="of:=[Data.B10]*2" office:value-type="float" office:value="18"><text:p>18</text:p></table:table-cell></table:table-row></table:table>\
            <table:named-expressions><table:named-range table:name="Amounts" table:base-cell-address="$Data.$B$2" table:cell-range-address="$Data.$B$2:.$B$15"/></table:named-expressions>
            """
        let validations = "<table:content-validations><table:content-validation table:name=\"val1\" table:condition=\"of:cell-content-is-in-list([.B2:.B15])\" table:base-cell-address=\"Data.C2\"/></table:content-validations>"
        let styles = "<style:style style:name=\"ro1\" style:family=\"table-row\"><style:table-row-properties style:row-height=\"0.5cm\"/></style:style><style:style style:name=\"ceHead\" style:family=\"table-cell\"><style:text-properties fo:font-weight=\"bold\"/></style:style><style:style style:name=\"ceNum\" style:family=\"table-cell\"><style:table-cell-properties fo:background-color=\"#FFFF00\"/></style:style>"
        // The formula namespace, as LibreOffice declares it (without it LibreOffice cannot tell the grammar).
        let content = ODSFixture.content(validations + table, automaticStyles: styles)
            .replacingOccurrences(of: "office:version=\"1.3\">", with: "xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.3\">")
        let chart = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content \(ODSFixture.namespaces) xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0"><office:body><office:chart>\
            <chart:chart><chart:plot-area table:cell-range-address="Data.A1:Data.B15"><chart:series chart:values-cell-range-address="Data.B2:Data.B15" chart:label-cell-address="Data.B1"><chart:domain table:cell-range-address="Data.A2:Data.A15"/></chart:series></chart:plot-area></chart:chart>\
            </office:chart></office:body></office:document-content>
            """
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
            <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
            <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
            <manifest:file-entry manifest:full-path="Object 1/content.xml" manifest:media-type="text/xml"/>\
            <manifest:file-entry manifest:full-path="Object 1/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.chart"/>\
            </manifest:manifest>
            """
        return try write(content: content, parts: [("Object 1/content.xml", chart), ("META-INF/manifest.xml", manifest)])
    }

    /// Reads `part` of a package as text.
    static func part(_ path: String, _ part: String) throws -> String {
        let a = try ZipArchive(path: path)
        guard let e = a.entry(part) else { return "" }
        return String(decoding: try a.read(e), as: UTF8.self)
    }

    /// Applies `ops` to `source` and returns the new package's path.
    static func edit(_ source: String, _ ops: [EditOperation]) throws -> String {
        let out = temp("edited.ods")
        try ODSEditorBackend(path: source).write(ops, to: out)
        return out
    }

    /// Every cell of every sheet, keyed `Sheet!A1`.
    static func cells(_ path: String) throws -> [String: Cell] {
        let r = try Workbooks.open(path)
        var out: [String: Cell] = [:]
        for (i, s) in r.sheets.enumerated() {
            for c in try r.readSheet(i).cells { out[s.name + "!" + c.reference.a1] = c }
        }
        return out
    }
}

@Suite struct ODSEditorTests {
    @Test("open → save without edits: every entry byte-identical, same order, cells equal (whole ODS corpus)")
    func noOpRoundTrip() throws {
        let dir = ODSFixture.corpus + "/ods"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".ods") }.sorted()
        #expect(files.count >= 30)
        for f in files {
            let src = dir + "/" + f
            let out = try ODSEditFixture.edit(src, [])
            let a = try ZipArchive(path: src), b = try ZipArchive(path: out)
            // mimetype goes first (ODF requires it); every other entry keeps its place.
            let expected = a.entries.filter { $0.name == "mimetype" } + a.entries.filter { $0.name != "mimetype" }
            #expect(expected.map(\.name) == b.entries.map(\.name), "\(f)")
            for (x, y) in zip(expected, b.entries) {
                if x.name == "mimetype" && !x.isStored {
                    #expect(y.isStored, "\(f): a deflated mimetype is written stored")
                } else {
                    #expect(x.compressedSize == y.compressedSize && x.isStored == y.isStored, "\(f) \(x.name)")
                }
                #expect(try a.read(x) == b.read(y), "\(f) \(x.name)")
            }
            // Hostile files (absurd repeats) are refused by the reader; their bytes were compared above.
            guard let before = try? ODSEditFixture.cells(src) else { continue }
            #expect(try ODSEditFixture.cells(out) == before, "\(f)")
        }
    }

    @Test("setting a cell changes that cell only and keeps its style")
    func setCell() throws {
        let src = try ODSEditFixture.ledger()
        let out = try ODSEditFixture.edit(src, [.setCell(sheet: "Data", cell: CellReference(a1: "B5")!, value: .number(42.5), formula: nil, style: nil)])
        let before = try ODSEditFixture.cells(src), after = try ODSEditFixture.cells(out)
        #expect(after["Data!B5"]?.value == .number(42.5))
        #expect(after["Data!B5"]?.style == before["Data!B5"]?.style)
        var a = after, b = before
        a["Data!B5"] = nil
        b["Data!B5"] = nil
        #expect(a == b)
    }

    @Test("strings with newlines, spaces and markup characters read back as written")
    func strings() throws {
        let src = try ODSEditFixture.ledger()
        let text = "  two  spaces & <b>\nsecond\tline"
        let out = try ODSEditFixture.edit(src, [.setCell(sheet: "Data", cell: CellReference(a1: "A3")!, value: .string(text), formula: nil, style: nil),
                                                .setCell(sheet: "Data", cell: CellReference(a1: "B3")!, value: nil, formula: nil, style: nil)])
        let after = try ODSEditFixture.cells(out)
        #expect(after["Data!A3"]?.value == .string(text))
        #expect(after["Data!B3"] == nil)
    }

    @Test("inserting 5 rows grows the SUM, the chart, the named range, the validation and the conditional format")
    func insertRows() throws {
        let src = try ODSEditFixture.ledger()
        let out = try ODSEditFixture.edit(src, [.insertRows(sheet: "Data", at: 5, count: 5, styleFrom: 4)])
        let after = try ODSEditFixture.cells(out)
        #expect(after["Data!B22"]?.formula == "SUM([.B2:.B20])")
        #expect(after["Data!A20"]?.value == .string("n14"))
        #expect(after["Data!A5"]?.value == .string("n4"))
        #expect(after["Data!A6"] == nil && after["Data!A10"] == nil)
        #expect(after["Data!A11"]?.value == .string("n5"))
        #expect(after["Other!A1"]?.formula == "[Data.B15]*2")
        let content = try ODSEditFixture.part(out, "content.xml")
        #expect(content.contains("table:cell-range-address=\"$Data.$B$2:.$B$20\""))
        #expect(content.contains("table:condition=\"of:cell-content-is-in-list([.B2:.B20])\""))
        #expect(content.contains("calcext:target-range-address=\"Data.B2:Data.B20\""))
        // The inserted rows copy row 5's styles: its row style and B's cell style, no values.
        #expect(content.contains("<table:table-row table:style-name=\"ro1\" table:number-rows-repeated=\"5\"><table:table-cell/><table:table-cell table:style-name=\"ceNum\"/></table:table-row>"))
        let chart = try ODSEditFixture.part(out, "Object 1/content.xml")
        #expect(chart.contains("table:cell-range-address=\"Data.A1:Data.B20\""))
        #expect(chart.contains("chart:values-cell-range-address=\"Data.B2:Data.B20\""))
        #expect(chart.contains("table:cell-range-address=\"Data.A2:Data.A20\""))
        // The last row run is cut at the sheet's edge.
        #expect(content.contains("table:number-rows-repeated=\"1048554\""))
    }

    @Test("deleting 2 rows shrinks ranges and moves cells up")
    func deleteRows() throws {
        let src = try ODSEditFixture.ledger()
        let out = try ODSEditFixture.edit(src, [.deleteRows(sheet: "Data", at: 2, count: 2)])
        let after = try ODSEditFixture.cells(out)
        #expect(after["Data!A3"]?.value == .string("n4"))
        #expect(after["Data!B15"]?.formula == "SUM([.B2:.B13])")
        #expect(after["Other!A1"]?.formula == "[Data.B8]*2")
        let chart = try ODSEditFixture.part(out, "Object 1/content.xml")
        #expect(chart.contains("chart:values-cell-range-address=\"Data.B2:Data.B13\""))
    }

    @Test("inserting and deleting columns moves cells, formulas and column styles")
    func columns() throws {
        let src = try ODSEditFixture.ledger()
        let out = try ODSEditFixture.edit(src, [.insertColumns(sheet: "Data", at: 1, count: 2)])
        let after = try ODSEditFixture.cells(out)
        #expect(after["Data!D2"]?.value == .number(1))
        #expect(after["Data!B2"] == nil)
        #expect(after["Data!D17"]?.formula == "SUM([.D2:.D15])")
        #expect(after["Other!A1"]?.formula == "[Data.D10]*2")
        let content = try ODSEditFixture.part(out, "content.xml")
        #expect(content.contains("<table:table-column table:number-columns-repeated=\"4\"/>"))
        let out2 = try ODSEditFixture.edit(src, [.deleteColumns(sheet: "Data", at: 0, count: 1)])
        let after2 = try ODSEditFixture.cells(out2)
        #expect(after2["Data!A2"]?.value == .number(1))
        #expect(after2["Data!A17"]?.formula == "SUM([.A2:.A15])")
    }

    @Test("a write into a repeated empty run splits it; a write past the rows adds rows")
    func repeatedRuns() throws {
        let rows = "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row>"
            + "<table:table-row table:number-rows-repeated=\"20\"><table:table-cell table:style-name=\"ceX\" table:number-columns-repeated=\"5\"/></table:table-row>"
        let src = try ODSEditFixture.write(content: ODSFixture.content(ODSFixture.table("S", rows)))
        let out = try ODSEditFixture.edit(src, [
            .setCell(sheet: "S", cell: CellReference(a1: "C10")!, value: .string("mid"), formula: nil, style: nil),
            .setCell(sheet: "S", cell: CellReference(a1: "B30")!, value: .bool(true), formula: nil, style: nil),
        ])
        let after = try ODSEditFixture.cells(out)
        #expect(after["S!C10"]?.value == .string("mid"))
        #expect(after["S!B30"]?.value == .bool(true))
        #expect(after["S!A1"]?.value == .number(1))
        #expect(after.count == 3)
        let content = try ODSEditFixture.part(out, "content.xml")
        #expect(content.contains("table:number-rows-repeated=\"8\""))
        #expect(content.contains("table:number-rows-repeated=\"11\""))
        #expect(content.contains("<table:table-cell table:style-name=\"ceX\" table:number-columns-repeated=\"2\"/><table:table-cell table:style-name=\"ceX\" office:value-type=\"string\""))
    }

    @Test("a date written into a General cell reads back as a date, with a date style added")
    func dateIntoGeneral() throws {
        let src = try ODSEditFixture.ledger()
        let d = CivilDateTime(year: 2024, month: 3, day: 9)
        let out = try ODSEditFixture.edit(src, [.setCell(sheet: "Data", cell: CellReference(a1: "C2")!, value: .date(d), formula: nil, style: nil),
                                                .setCell(sheet: "Data", cell: CellReference(a1: "B3")!, value: .dateTime(CivilDateTime(year: 2024, month: 3, day: 9, hour: 8, minute: 5)), formula: nil, style: nil)])
        let after = try ODSEditFixture.cells(out)
        #expect(after["Data!C2"]?.value == .date(d))
        let r = try Workbooks.open(out)
        #expect(r.styles[after["Data!C2"]!.style].numberFormat == "yyyy-mm-dd")
        #expect(after["Data!B3"]?.value == .dateTime(CivilDateTime(year: 2024, month: 3, day: 9, hour: 8, minute: 5)))
        // B3 kept its yellow background in the derived style.
        #expect(r.styles[after["Data!B3"]!.style].fill?.color == "FFFF00")
    }

    @Test("styles: fill keeps the look and adds a background; replace gives a new style")
    func styles() throws {
        let src = try ODSEditFixture.ledger()
        var bold = CellStyle()
        bold.font.bold = true
        bold.numberFormat = "0.00%"
        let out = try ODSEditFixture.edit(src, [.setStyle(sheet: "Data", cell: CellReference(a1: "B1")!, style: .fill("FF0000")),
                                                .setStyle(sheet: "Data", cell: CellReference(a1: "A2")!, style: .replace(bold)),
                                                .setComment(sheet: "Data", cell: CellReference(a1: "A3")!, text: "check this", author: "kam")])
        let r = try Workbooks.open(out)
        let after = try ODSEditFixture.cells(out)
        let b1 = r.styles[after["Data!B1"]!.style]
        #expect(b1.fill?.color == "FF0000" && b1.font.bold)
        #expect(after["Data!B1"]?.value == .string("Amount"))
        let a2 = r.styles[after["Data!A2"]!.style]
        #expect(a2.font.bold && a2.numberFormat == "0.00%")
        #expect(after["Data!A3"]?.value == .string("n2"))
        let content = try ODSEditFixture.part(out, "content.xml")
        #expect(content.contains("<dc:creator>kam</dc:creator>"))
    }

    @Test("add a sheet, hide a sheet, set a defined name")
    func sheetsAndNames() throws {
        let src = try ODSEditFixture.ledger()
        let out = try ODSEditFixture.edit(src, [.addSheet(name: "New sheet"),
                                                .setCell(sheet: "New sheet", cell: CellReference(a1: "C2")!, value: .string("x"), formula: nil, style: nil),
                                                .setVisibility(sheet: "Other", visibility: .hidden),
                                                .setDefinedName(name: "Amounts", formula: "Data!$B$2:$B$9", localSheet: nil),
                                                .setDefinedName(name: "Names", formula: "'New sheet'!$A$1:$A$3", localSheet: nil)])
        let r = try Workbooks.open(out)
        #expect(r.sheets.map(\.name) == ["Data", "Other", "New sheet"])
        #expect(r.sheets[1].visibility == .hidden)
        #expect(try r.readSheet(2).cells.first?.value == .string("x"))
        #expect(r.definedNames.contains { $0.name == "Amounts" && $0.formula == "Data!$B$2:$B$9" })
        #expect(r.definedNames.contains { $0.name == "Names" && $0.formula == "'New sheet'!$A$1:$A$3" })
        #expect(r.definedNames.filter { $0.name == "Amounts" }.count == 1)
    }

    @Test("errors name the sheet; the target is not left behind")
    func errors() throws {
        let src = try ODSEditFixture.ledger()
        let out = ODSEditFixture.temp("bad.ods")
        #expect(throws: SpreadsheetError.self) {
            try ODSEditorBackend(path: src).write([.deleteRows(sheet: "Nope", at: 0, count: 1)], to: out)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("formulas given in A1 syntax are written as ODF formulas")
    func formulaConversion() {
        #expect(ODSCellEncoding.odfFormula("SUM(B2:B9,Data!C1)") == "of:=SUM([.B2:.B9];[$Data.C1])")
        #expect(ODSCellEncoding.odfFormula("IF(A1=\"x,y\",1,2)") == "of:=IF([.A1]=\"x,y\";1;2)")
        #expect(ODSCellEncoding.odfRangeAddress("'My sheet'!$A$1:$B$2")?.range == "$'My sheet'.$A$1:.$B$2")
    }
}

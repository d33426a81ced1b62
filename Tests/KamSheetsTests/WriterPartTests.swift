import Foundation
import KamSheets
import KamTestSupport
import Testing

/// Writes tiny workbooks and compares the canonical XML of their parts with literal expectations.
@Suite("Writer parts")
struct WriterPartTests {
    static func write(_ workbook: Workbook, as ext: String, options: WriteOptions = WriteOptions(
        created: Date(timeIntervalSince1970: 1_709_629_200))) throws -> (ScratchFolder, PackageEntries) {
        let folder = try ScratchFolder()
        let path = folder.file("book.\(ext)")
        try WorkbookWriter.write(workbook, to: path, options: options)
        return (folder, try PackageEntries(path: path))
    }

    static func canonical(_ package: PackageEntries, _ part: String, ignoring: Set<String> = []) throws -> String {
        let bytes = try #require(try package.bytes(part), "missing part \(part)")
        return try XMLCanonicalizer.canonical(bytes, ignoring: ignoring)
    }

    static let tiny = Workbook(sheets: [
        Sheet(name: "Data", cells: [
            Cell(row: 0, column: 0, value: .string("a")), Cell(row: 0, column: 1, value: .number(1.5)),
            Cell(row: 1, column: 0, value: .bool(true)), Cell(row: 1, column: 2, value: .error("#DIV/0!")),
            Cell(row: 2, column: 1, value: .date(CivilDateTime(year: 2024, month: 3, day: 5))),
        ]),
        Sheet(name: "Secret", visibility: .veryHidden),
    ], dateSystem: .from1904, definedNames: [DefinedName(name: "Area", formula: "Data!$A$1:$B$2")])

    @Test("the XLSX package holds the expected parts in order")
    func xlsxParts() throws {
        let (_, package) = try Self.write(Self.tiny, as: "xlsx")
        #expect(package.names == [
            "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
        ])
    }

    @Test("workbook.xml lists sheets with their state, date1904 and defined names")
    func xlsxWorkbookPart() throws {
        let (_, package) = try Self.write(Self.tiny, as: "xlsx")
        #expect(try Self.canonical(package, "xl/workbook.xml") == """
            <workbook>
              <workbookPr date1904="1">
              <bookViews>
                <workbookView>
              <sheets>
                <sheet name="Data" r:id="rId1" sheetId="1">
                <sheet name="Secret" r:id="rId2" sheetId="2" state="veryHidden">
              <definedNames>
                <definedName name="Area">Data!$A$1:$B$2
              <calcPr calcId="191029">

            """)
    }

    @Test("sheet1.xml holds typed cells, shared strings and the patched dimension")
    func xlsxWorksheetPart() throws {
        let (_, package) = try Self.write(Self.tiny, as: "xlsx")
        #expect(try Self.canonical(package, "xl/worksheets/sheet1.xml") == """
            <worksheet>
              <dimension ref="A1:C3">
              <sheetViews>
                <sheetView tabSelected="1" workbookViewId="0">
              <sheetFormatPr defaultRowHeight="15">
              <sheetData>
                <row r="1">
                  <c r="A1" t="s">
                    <v>0
                  <c r="B1">
                    <v>1.5
                <row r="2">
                  <c r="A2" t="b">
                    <v>1
                  <c r="C2" t="e">
                    <v>#DIV/0!
                <row r="3">
                  <c r="B3" s="1">
                    <v>43894
              <pageMargins bottom="0.75" footer="0.3" header="0.3" left="0.7" right="0.7" top="0.75">

            """)
        let styles = try Self.canonical(package, "xl/styles.xml")
        #expect(styles.contains("<numFmt formatCode=\"yyyy-mm-dd\" numFmtId=\"164\">"))
        #expect(styles.contains("<cellXfs count=\"2\">"))
    }

    @Test("control characters and _x sequences are escaped in XLSX text")
    func xlsxEscapes() throws {
        let workbook = Workbook(sheets: [Sheet(name: "S", cells: [
            Cell(row: 0, column: 0, value: .string("a\u{1}b_x0041_ c ")),
        ])])
        let (_, package) = try Self.write(workbook, as: "xlsx")
        let sst = try #require(try package.bytes("xl/sharedStrings.xml"))
        let text = String(decoding: sst, as: UTF8.self)
        #expect(text.contains("<si><t xml:space=\"preserve\">a_x0001_b_x005F_x0041_ c </t></si>"))
    }

    @Test("inline strings are written when asked")
    func xlsxInlineStrings() throws {
        let workbook = Workbook(sheets: [Sheet(name: "S", cells: [Cell(row: 0, column: 0, value: .string("x<y"))])])
        let (_, package) = try Self.write(workbook, as: "xlsx", options: WriteOptions(stringStorage: .inline))
        #expect(try package.bytes("xl/sharedStrings.xml") == nil)
        let sheet = String(decoding: try #require(try package.bytes("xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheet.contains("<c r=\"A1\" t=\"inlineStr\"><is><t>x&lt;y</t></is></c>"))
    }

    @Test("frozen panes, widths, hidden rows and merges reach the worksheet")
    func xlsxLayout() throws {
        let (_, package) = try Self.write(WriterSample.workbook, as: "xlsx")
        let sheet = try Self.canonical(package, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane activePane=\"bottomLeft\" state=\"frozen\" topLeftCell=\"A3\" ySplit=\"2\">"))
        #expect(sheet.contains("<col customWidth=\"1\" max=\"1\" min=\"1\" width=\"20\">"))
        #expect(sheet.contains("<col hidden=\"1\" max=\"8\" min=\"8\" width=\"8.43\">"))
        #expect(sheet.contains("<row hidden=\"1\" r=\"6\">"))
        #expect(sheet.contains("<row customHeight=\"1\" ht=\"24\" r=\"1\">"))
        #expect(sheet.contains("<mergeCell ref=\"A1:C1\">"))
    }

    @Test("the ODS package starts with a stored mimetype")
    func odsMimetype() throws {
        let (_, package) = try Self.write(Self.tiny, as: "ods")
        #expect(package.names.first == "mimetype")
        #expect(package.isStored("mimetype"))
        #expect(try package.bytes("mimetype") == Array("application/vnd.oasis.opendocument.spreadsheet".utf8))
        #expect(package.names.contains("META-INF/manifest.xml"))
    }

    @Test("content.xml holds typed cells, hidden tables and gaps as repeats")
    func odsContentPart() throws {
        let (_, package) = try Self.write(Self.tiny, as: "ods")
        let content = try Self.canonical(package, "content.xml")
        let body = try #require(content.range(of: "<office:body>")).lowerBound
        #expect(String(content[body...]) == """
            <office:body>
                <office:spreadsheet>
                  <table:table table:name="Data" table:style-name="ta1">
                    <table:table-column table:default-cell-style-name="Default" table:number-columns-repeated="3">
                    <table:table-row>
                      <table:table-cell office:value-type="string">
                        <text:p>a
                      <table:table-cell office:value="1.5" office:value-type="float">
                        <text:p>1.5
                    <table:table-row>
                      <table:table-cell office:boolean-value="true" office:value-type="boolean">
                        <text:p>TRUE
                      <table:table-cell>
                      <table:table-cell office:value-type="string">
                        <text:p>#DIV/0!
                    <table:table-row>
                      <table:table-cell>
                      <table:table-cell office:date-value="2024-03-05" office:value-type="date" table:style-name="ce1">
                        <text:p>2024-03-05
                  <table:table table:name="Secret" table:style-name="ta2">
                    <table:table-column table:default-cell-style-name="Default">
                    <table:table-row>
                      <table:table-cell>
                  <table:named-expressions>
                    <table:named-range table:base-cell-address="$'Data'.$A$1" table:cell-range-address="$'Data'.$A$1:.$B$2" table:name="Area">

            """)
        #expect(content.contains("<number:date-style style:name=\"N1\">"))
    }

    @Test("ODS merges span their top-left cell and cover the rest")
    func odsMerges() throws {
        let (_, package) = try Self.write(WriterSample.workbook, as: "ods")
        let content = try Self.canonical(package, "content.xml")
        #expect(content.contains("table:number-columns-spanned=\"3\" table:number-rows-spanned=\"1\""))
        #expect(content.contains("<table:covered-table-cell table:number-columns-repeated=\"2\">"))
        let settings = try Self.canonical(package, "settings.xml")
        #expect(settings.contains("<config:config-item config:name=\"VerticalSplitPosition\" config:type=\"int\">2"))
    }

    @Test("sheet names Excel refuses are errors naming the sheet")
    func badSheetName() throws {
        let folder = try ScratchFolder()
        let workbook = Workbook(sheets: [Sheet(name: "a/b")])
        #expect(throws: SpreadsheetError.self) { try WorkbookWriter.write(workbook, to: folder.file("x.xlsx")) }
        do {
            try WorkbookWriter.write(workbook, to: folder.file("x.xlsx"))
        } catch {
            #expect(error.sheet == "a/b")
            #expect(error.code == "invalid-value")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("x.xlsx")))
    }

    @Test("cells out of order are refused with their reference")
    func outOfOrder() throws {
        let folder = try ScratchFolder()
        let writer = try XLSXStreamWriter(path: folder.file("o.xlsx"))
        try writer.beginSheet(Sheet(name: "S"))
        try writer.writeRow(at: 3, values: [.number(1)])
        do {
            try writer.writeRow(at: 2, values: [.number(1)])
            Issue.record("expected an error")
        } catch {
            #expect(error.cell == "A3")
        }
        writer.discard()
    }
}

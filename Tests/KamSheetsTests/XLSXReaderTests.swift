import KamSheets
import Testing

@Suite("XLSX reader on tiny packages")
struct XLSXReaderTests {
    private func values(_ cells: [Cell]) -> [String: CellValue] {
        Dictionary(cells.compactMap { c in c.value.map { (c.reference.a1, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    @Test("shared strings: runs joined, phonetic runs left out, escapes decoded, unpreserved white space trimmed")
    func sharedStrings() throws {
        let pkg = XLSXTestPackage(
            sheetData: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>"#,
            sharedStrings: """
                <si><r><t>東京</t></r><r><rPr><b/></rPr><t>都</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>\
                <si><t>a_x000D_b_x005F_x0041_</t></si>\
                <si><t>  padded  </t></si>\
                <si><t xml:space="preserve">  kept  </t></si>\
                <si><t>&lt;&amp;&#x4E2D;</t></si>
                """)
        let v = values(try pkg.cells())
        #expect(v["A1"] == .string("東京都"))
        #expect(v["B1"] == .string("a\rb_x0041_"))
        #expect(v["C1"] == .string("padded"))
        #expect(v["D1"] == .string("  kept  "))
        #expect(v["E1"] == .string("<&中"))
    }

    @Test("a shared-string count the part cannot hold is only a hint: no huge reservation, the strings read")
    func absurdUniqueCount() throws {
        var pkg = XLSXTestPackage(sheetData: #"<row r="1"><c r="A1" t="s"><v>1</v></c></row>"#, sharedStrings: "")
        pkg.parts["xl/sharedStrings.xml"] = """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9223372036854775807" \
            uniqueCount="9223372036854775807"><si><t>a</t></si><si><t>b</t></si></sst>
            """
        #expect(values(try pkg.cells())["A1"] == .string("b"))
    }

    @Test("cell types: n, s, str, inlineStr, b, e, d; formulas without a cached value are empty")
    func cellTypes() throws {
        let pkg = XLSXTestPackage(sheetData: """
            <row r="1"><c r="A1"><v>1.5</v></c><c r="B1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>\
            <c r="C1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve"> line</t></r></is></c>\
            <c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
            <c r="F1" t="d"><v>2024-03-05T14:30:00</v></c><c r="G1" t="d"><v>2024-03-05</v></c>\
            <c r="H1"><f>SUM(A1:A2)</f></c><c r="I1" s="0"/><c r="J1"><v>-2.5E-3</v></c></row>
            """)
        let cells = try pkg.cells()
        let v = values(cells)
        #expect(v["A1"] == .number(1.5))
        #expect(v["B1"] == .string("xy"))
        #expect(v["C1"] == .string("in line"))
        #expect(v["D1"] == .bool(true))
        #expect(v["E1"] == .error("#DIV/0!"))
        #expect(v["F1"] == .dateTime(CivilDateTime(year: 2024, month: 3, day: 5, hour: 14, minute: 30)))
        #expect(v["G1"] == .date(CivilDateTime(year: 2024, month: 3, day: 5)))
        #expect(v["J1"] == .number(-0.0025))
        let h1 = cells.first { $0.reference.a1 == "H1" }
        #expect(h1?.value == nil)
        #expect(h1?.formula == "SUM(A1:A2)")
        #expect(cells.first { $0.reference.a1 == "I1" } == nil)
        #expect(cells.first { $0.reference.a1 == "B1" }?.formula == #""x"&"y""#)
    }

    @Test("rows and cells without r follow their predecessors")
    func missingReferences() throws {
        let pkg = XLSXTestPackage(sheetData: """
            <row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c><c r="D2"><v>4</v></c><c><v>5</v></c></row>\
            <row r="7"><c><v>6</v></c></row><row><c><v>7</v></c></row>
            """)
        let refs = try pkg.cells().map(\.reference.a1)
        #expect(refs == ["A1", "B1", "A2", "D2", "E2", "A7", "A8"])
    }

    @Test("shared formulas: the master's text, shifted for each child; cached values kept")
    func sharedFormulas() throws {
        let pkg = XLSXTestPackage(sheetData: """
            <row r="1"><c r="B1"><f t="shared" ref="B1:C2" si="0">A1*2+$A$1+SUM(A$1:A1)+"A1"</f><v>2</v></c>\
            <c r="C1"><f t="shared" si="0"/><v>4</v></c></row>\
            <row r="2"><c r="B2"><f t="shared" si="0"/><v>6</v></c></row>
            """)
        let cells = try pkg.cells()
        #expect(cells.map(\.formula) == [
            #"A1*2+$A$1+SUM(A$1:A1)+"A1""#, #"B1*2+$A$1+SUM(B$1:B1)+"A1""#, #"A2*2+$A$1+SUM(A$1:A2)+"A1""#,
        ])
        #expect(cells.map(\.value) == [.number(2), .number(4), .number(6)])
    }

    @Test("dates by style in the 1900 and 1904 systems; elapsed times; negative serials stay numbers")
    func dates() throws {
        let styles = """
            <numFmts count="2"><numFmt numFmtId="164" formatCode="[h]:mm:ss"/><numFmt numFmtId="165" formatCode="&quot;Day&quot; yyyy-mm-dd;@"/></numFmts>\
            <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs>
            """
        let data = """
            <row r="1"><c r="A1" s="1"><v>45356</v></c><c r="B1" s="4"><v>45356.6041666667</v></c>\
            <c r="C1" s="4"><v>0.5</v></c><c r="D1" s="2"><v>1.5</v></c><c r="E1" s="3"><v>60</v></c>\
            <c r="F1" s="1"><v>-3</v></c><c r="G1"><v>45356</v></c></row>
            """
        let v = values(try XLSXTestPackage(sheetData: data, styles: styles).cells())
        #expect(v["A1"] == .date(CivilDateTime(year: 2024, month: 3, day: 5)))
        #expect(v["B1"] == .dateTime(CivilDateTime(year: 2024, month: 3, day: 5, hour: 14, minute: 30)))
        #expect(v["C1"] == .time(CivilDateTime(year: 0, month: 0, day: 0, hour: 12)))
        #expect(v["D1"] == .duration(129_600))
        #expect(v["E1"] == .date(CivilDateTime(year: 1900, month: 2, day: 28)))
        #expect(v["F1"] == .number(-3))
        #expect(v["G1"] == .number(45356))

        let v1904 = values(try XLSXTestPackage(sheetData: data, styles: styles, workbookPr: #"<workbookPr date1904="1"/>"#).cells())
        #expect(v1904["A1"] == .date(CivilDateTime(year: 2028, month: 3, day: 6)))
    }

    @Test("styles: fonts, fills, borders, alignment and number formats by cellXfs index")
    func styles() throws {
        let styles = """
            <numFmts><numFmt numFmtId="170" formatCode="#,##0.00"/></numFmts>\
            <fonts><font><sz val="11"/><name val="Calibri"/></font><font><b/><i/><u/><strike/><sz val="14"/><color rgb="FFFF0000"/><name val="宋体"/></font></fonts>\
            <fills><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF00FF00"/></patternFill></fill></fills>\
            <borders><border/><border><left style="thin"><color rgb="FF000000"/></left><bottom style="double"/></border></borders>\
            <cellXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>\
            <xf numFmtId="170" fontId="1" fillId="1" borderId="1"><alignment horizontal="center" vertical="top" wrapText="1"/></xf></cellXfs>
            """
        let (reader, dir) = try XLSXTestPackage(sheetData: #"<row r="1"><c r="A1" s="1"><v>1</v></c></row>"#, styles: styles).open()
        defer { dir.remove() }
        #expect(reader.styles.count == 2)
        let s = reader.styles[1]
        #expect(s.numberFormat == "#,##0.00")
        #expect(s.font == CellStyle.Font(name: "宋体", size: 14, bold: true, italic: true, underline: true, strike: true, color: "FF0000"))
        #expect(s.fill == CellStyle.Fill(color: "00FF00"))
        #expect(s.border.left == CellStyle.Line(weight: .thin, color: "000000"))
        #expect(s.border.bottom?.weight == .double)
        #expect(s.alignment == CellStyle.Alignment(horizontal: .center, vertical: .top, wrapText: true))
        #expect(try reader.readSheet(0).cells.first?.style == 1)
        #expect(reader.styles[0].font.name == "Calibri")
    }

    @Test("layout: merges, column widths, hidden rows and columns, row heights, frozen panes")
    func layout() throws {
        let pkg = XLSXTestPackage(
            sheetData: #"<row r="1"><c r="A1"><v>1</v></c></row><row r="3" ht="30" customHeight="1" hidden="1"><c r="A3"><v>2</v></c></row>"#,
            afterSheetData: #"<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>"#,
            beforeSheetData: """
                <sheetViews><sheetView workbookViewId="0"><pane xSplit="1" ySplit="2" topLeftCell="B3" state="frozen"/></sheetView></sheetViews>\
                <cols><col min="2" max="3" width="20.5" customWidth="1"/><col min="5" max="5" width="9" hidden="1"/></cols>
                """)
        let (reader, dir) = try pkg.open()
        defer { dir.remove() }
        let sheet = try reader.readSheet(0)
        #expect(sheet.mergedRanges == [CellRange(a1: "A1:B2")!])
        #expect(sheet.columnWidths == [1: 20.5, 2: 20.5, 4: 9])
        #expect(sheet.hiddenColumns == [4])
        #expect(sheet.hiddenRows == [2])
        #expect(sheet.rowHeights == [2: 30])
        #expect(sheet.frozen == FrozenPanes(rows: 2, columns: 1))
    }

    @Test("workbook: sheet order, visibility, chartsheets, defined names; parts at the root, backslash and absolute targets")
    func workbookStructure() throws {
        var pkg = XLSXTestPackage(sheetData: "")
        pkg.parts = [
            "[Content_Types].xml": #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
            "_rels/.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/Book.xml"/></Relationships>"#,
            "Book.xml": """
                <x:workbook xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships">\
                <x:sheets><x:sheet name="数据" sheetId="1" r:id="r1"/><x:sheet name="Hidden" sheetId="2" state="hidden" r:id="r2"/>\
                <x:sheet name="Chart" sheetId="3" state="veryHidden" r:id="r3"/></x:sheets>\
                <x:definedNames><x:definedName name="Area" localSheetId="0">数据!$A$1:$B$2</x:definedName></x:definedNames></x:workbook>
                """,
            "_rels/Book.xml.rels": """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="sheets\\One.xml"/>\
                <Relationship Id="r2" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/SHEETS/two.xml"/>\
                <Relationship Id="r3" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/chartsheet" Target="chart.xml"/></Relationships>
                """,
            "sheets/one.xml": #"<x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#,
            "sheets/two.xml": #"<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData/></worksheet>"#,
            "chart.xml": #"<chartsheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>"#,
        ]
        let (reader, dir) = try pkg.open()
        defer { dir.remove() }
        #expect(reader.sheets.map(\.name) == ["数据", "Hidden", "Chart"])
        #expect(reader.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden])
        #expect(reader.sheets.map(\.kind) == [.worksheet, .worksheet, .chartsheet])
        #expect(reader.definedNames == [DefinedName(name: "Area", formula: "数据!$A$1:$B$2", localSheet: 0)])
        #expect(try reader.readSheet(0).cells.map(\.value) == [.string("ok")])
        #expect(try reader.readSheet(2).cells.isEmpty)
    }

    @Test("errors name the file, part, sheet and cell")
    func errors() throws {
        // Malformed XML, with line and column.
        let malformed = XLSXTestPackage(sheetData: "<row r=\"1\">\n<c r=\"A1\"><v>1</v></x></row>").readError()
        #expect(malformed?.code == "malformed-xml")
        #expect(malformed?.part == "xl/worksheets/sheet1.xml")
        #expect(malformed?.sheet == "Sheet1")
        if case .malformedXML(let line, _, _)? = malformed?.reason { #expect(line == 2) } else { Issue.record("not malformed-xml") }

        // Entities and DOCTYPEs.
        var doctype = XLSXTestPackage(sheetData: "")
        doctype.parts["xl/workbook.xml"] = #"<!DOCTYPE x [<!ENTITY a "b">]><workbook/>"#
        #expect(doctype.readError()?.code == "forbidden-xml")
        let entity = XLSXTestPackage(sheetData: #"<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>"#).readError()
        #expect(entity?.code == "forbidden-xml")

        // References past XFD or row 1,048,576.
        let pastXFD = XLSXTestPackage(sheetData: #"<row r="1"><c r="XFE1"><v>1</v></c></row>"#).readError()
        #expect(pastXFD?.reason == .invalidCellReference("XFE1"))
        let pastRow = XLSXTestPackage(sheetData: #"<row r="1048577"><c><v>1</v></c></row>"#).readError()
        #expect(pastRow?.code == "invalid-cell-reference")
        let atXFD = try XLSXTestPackage(sheetData: #"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#).cells()
        #expect(atXFD.map(\.reference.a1) == ["XFD1048576"])

        // Limits: cells per sheet, string bytes, shared string count.
        var limits = SpreadsheetLimits.default
        limits.maxCellsPerSheet = 2
        let tooMany = XLSXTestPackage(sheetData: #"<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>"#).readError(limits: limits)
        #expect(tooMany?.reason == .limitExceeded(limit: "cells-per-sheet", maximum: 2, actual: 3))
        #expect(tooMany?.cell == "C1")
        limits = .default
        limits.maxSharedStrings = 1
        let strings = XLSXTestPackage(sheetData: #"<row><c t="s"><v>0</v></c></row>"#, sharedStrings: "<si><t>a</t></si><si><t>b</t></si>")
        #expect(strings.readError(limits: limits)?.code == "limit-exceeded")
        limits = .default
        limits.maxStringBytes = 4
        let long = XLSXTestPackage(sheetData: #"<row><c t="inlineStr"><is><t>longer</t></is></c></row>"#)
        #expect(long.readError(limits: limits)?.code == "limit-exceeded")

        // A shared string index out of range; a number that is not one.
        let badIndex = XLSXTestPackage(sheetData: #"<row><c t="s"><v>5</v></c></row>"#, sharedStrings: "<si><t>a</t></si>").readError()
        #expect(badIndex?.code == "invalid-value")
        #expect(badIndex?.cell == "A1")
        let notNumber = XLSXTestPackage(sheetData: #"<row><c r="B2"><v>abc</v></c></row>"#).readError()
        #expect(notNumber?.code == "invalid-value")
        #expect(notNumber?.cell == "B2")

        // A sheet whose part is missing.
        var missing = XLSXTestPackage(sheetData: "")
        missing.parts["xl/worksheets/sheet1.xml"] = nil
        let m = missing.readError()
        #expect(m?.code == "missing-part")
        #expect(m?.sheet == "Sheet1")
        #expect(m?.file.hasSuffix("test.xlsx") == true)
    }
}

import Foundation
import Testing
@testable import KamSheets

@Suite("ODS reader: values")
struct ODSValueTests {
    @Test func typedValues() throws {
        let rows = """
            <table:table-row>\
            <table:table-cell office:value-type="float" office:value="12.5"/>\
            <table:table-cell office:value-type="percentage" office:value="0.25"/>\
            <table:table-cell office:value-type="currency" office:currency="EUR" office:value="-3"/>\
            <table:table-cell office:value-type="date" office:date-value="2024-02-29"/>\
            <table:table-cell office:value-type="date" office:date-value="2024-02-29T13:05:09.25"/>\
            <table:table-cell office:value-type="time" office:time-value="PT10H10M10.123456S"/>\
            <table:table-cell office:value-type="time" office:time-value="PT36H0M0S"/>\
            <table:table-cell office:value-type="boolean" office:boolean-value="true"/>\
            <table:table-cell office:value-type="string" office:string-value="given"><text:p>ignored</text:p></table:table-cell>\
            </table:table-row>
            """
        let cells = try ODSFixture.open(ODSFixture.table("T", rows)).cellMap()
        #expect(cells["A1"]?.value == .number(12.5))
        #expect(cells["B1"]?.value == .number(0.25))
        #expect(cells["C1"]?.value == .number(-3))
        #expect(cells["D1"]?.value == .date(CivilDateTime(year: 2024, month: 2, day: 29)))
        #expect(cells["E1"]?.value == .dateTime(CivilDateTime(year: 2024, month: 2, day: 29, hour: 13, minute: 5, second: 9, microsecond: 250_000)))
        #expect(cells["F1"]?.value?.text == "10:10:10.123456")
        #expect(cells["F1"]?.value?.typeName == "time")
        #expect(cells["G1"]?.value == .duration(36 * 3600))
        #expect(cells["H1"]?.value == .bool(true))
        #expect(cells["I1"]?.value == .string("given"))
    }

    @Test func paragraphText() throws {
        let rows = """
            <table:table-row>\
            <table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:s/>c<text:tab/>d<text:line-break/>e</text:p></table:table-cell>\
            <table:table-cell office:value-type="string"><text:p>one <text:span text:style-name="T1">two</text:span> <text:a xlink:href="x">three</text:a></text:p><text:p>  second  </text:p></table:table-cell>\
            <table:table-cell office:value-type="string"><office:annotation><text:p>a comment</text:p></office:annotation><text:p>value</text:p></table:table-cell>\
            <table:table-cell><text:p>no type</text:p></table:table-cell>\
            </table:table-row>
            """
        let cells = try ODSFixture.open(ODSFixture.table("T", rows)).cellMap()
        #expect(cells["A1"]?.value == .string("a   b c\td\ne"))
        #expect(cells["B1"]?.value == .string("one two three\n  second  "))
        #expect(cells["C1"]?.value == .string("value"))
        #expect(cells["D1"]?.value == .string("no type"))
    }

    @Test func prettyPrintedWhitespaceIsNotText() throws {
        let rows = """

              <table:table-row>
                <table:table-cell office:value-type="string">
                  <text:p>x y</text:p>
                </table:table-cell>
                <table:table-cell>
                </table:table-cell>
                <table:table-cell office:value-type="float" office:value="2">
                  <text:p>2</text:p>
                </table:table-cell>
              </table:table-row>

            """
        let sheet = try ODSFixture.open(ODSFixture.table("T", rows)).readSheet(0)
        #expect(sheet.cells.map(\.reference.a1) == ["A1", "C1"])
        #expect(sheet.cells.first?.value == .string("x y"))
    }

    @Test func errorsAndFormulas() throws {
        let rows = """
            <table:table-row>\
            <table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>\
            <table:table-cell table:formula="of:=[.A1]+1" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>Err:510</text:p></table:table-cell>\
            <table:table-cell table:formula="of:=SUM([.A1:.A3])" office:value-type="float" office:value="6"><text:p>6</text:p></table:table-cell>\
            <table:table-cell table:formula="of:=NOW()"/>\
            </table:table-row>
            """
        let cells = try ODSFixture.open(ODSFixture.table("T", rows)).cellMap()
        #expect(cells["A1"]?.value == .error("#DIV/0!"))
        #expect(cells["A1"]?.formula == "1/0")
        #expect(cells["B1"]?.value == .error("Err:510"))
        #expect(cells["C1"]?.value == .number(6))
        #expect(cells["C1"]?.formula == "SUM([.A1:.A3])")
        #expect(cells["D1"]?.value == nil)
        #expect(cells["D1"]?.formula == "NOW()")
    }
}

@Suite("ODS reader: repeats and limits")
struct ODSRepeatTests {
    @Test func repeatsExpandNonEmptyCells() throws {
        let rows = """
            <table:table-row table:number-rows-repeated="2">\
            <table:table-cell table:number-columns-repeated="2"/>\
            <table:table-cell office:value-type="float" office:value="7" table:number-columns-repeated="3"/>\
            <table:table-cell table:number-columns-repeated="16372"/>\
            </table:table-row>\
            <table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            """
        let sheet = try ODSFixture.open(ODSFixture.table("T", rows)).readSheet(0)
        #expect(sheet.cells.map(\.reference.a1) == ["C1", "D1", "E1", "C2", "D2", "E2"])
        #expect(sheet.cells.allSatisfy { $0.value == .number(7) })
    }

    @Test func absurdRepeatFailsWithLimit() throws {
        let rows = """
            <table:table-row table:number-rows-repeated="999999999">\
            <table:table-cell table:number-columns-repeated="999999999" office:value-type="string"><text:p>X</text:p></table:table-cell>\
            </table:table-row>
            """
        let reader = try ODSFixture.open(ODSFixture.table("Sheet1", rows))
        var cursor = try reader.cursor(sheet: 0)
        do {
            _ = try cursor.next()
            Issue.record("an absurd repeat was accepted")
        } catch {
            guard case .limitExceeded(let limit, _, let actual) = error.reason else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(limit == "ods-repeat")
            #expect(actual == 999_999_999)
            #expect(error.part == "content.xml")
            #expect(error.sheet == "Sheet1")
            #expect(error.cell == "A1")
        }
    }

    @Test func cellsPerSheetLimit() throws {
        var limits = SpreadsheetLimits.default
        limits.maxCellsPerSheet = 100
        let rows = """
            <table:table-row table:number-rows-repeated="30">\
            <table:table-cell table:number-columns-repeated="5" office:value-type="float" office:value="1"/>\
            </table:table-row>
            """
        let reader = try ODSFixture.open(ODSFixture.table("T", rows), limits: limits)
        #expect(throws: SpreadsheetError.self) { _ = try reader.readSheet(0) }
    }
}

@Suite("ODS reader: structure")
struct ODSStructureTests {
    @Test func sheetsVisibilityAndCursorPerSheet() throws {
        let styles = """
            <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>\
            <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
            """
        let one = "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>"
        let two = "<table:table-row><table:table-cell/><table:table-cell office:value-type=\"float\" office:value=\"2\"/></table:table-row>"
        let reader = try ODSFixture.open(ODSFixture.table("First", one, style: "ta1") + ODSFixture.table("Zweite &amp; co", two, style: "ta2"),
                                         automaticStyles: styles)
        #expect(reader.format == .ods)
        #expect(reader.sheets.map(\.name) == ["First", "Zweite & co"])
        #expect(reader.sheets.map(\.visibility) == [.visible, .hidden])
        #expect(try reader.cellMap(1)["B1"]?.value == .number(2))
        #expect(try reader.cellMap(0)["A1"]?.value == .number(1))
    }

    @Test func mergesAndCoveredValues() throws {
        let rows = """
            <table:table-row>\
            <table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string"><text:p>M</text:p></table:table-cell>\
            <table:covered-table-cell office:value-type="string"><text:p>kept</text:p></table:covered-table-cell>\
            </table:table-row>\
            <table:table-row><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
            """
        let sheet = try ODSFixture.open(ODSFixture.table("T", rows)).readSheet(0)
        #expect(sheet.mergedRanges == [CellRange(a1: "A1:B2")!])
        #expect(sheet.cell(at: CellReference(a1: "B1")!)?.value == .string("kept"))
    }

    @Test func layoutWidthsHiddenAndFrozen() throws {
        let auto = """
            <style:style style:name="co1" style:family="table-column"><style:table-column-properties style:column-width="48pt"/></style:style>\
            <style:style style:name="co2" style:family="table-column"><style:table-column-properties style:column-width="2.258cm"/></style:style>\
            <style:style style:name="ro1" style:family="table-row"><style:table-row-properties style:row-height="30pt" style:use-optimal-row-height="false"/></style:style>
            """
        let rows = """
            <table:table-column table:style-name="co1"/>\
            <table:table-column table:style-name="co2" table:visibility="collapse" table:number-columns-repeated="2"/>\
            <table:table-column table:style-name="co1" table:number-columns-repeated="16381"/>\
            <table:table-row table:style-name="ro1"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>\
            <table:table-row table:visibility="collapse"><table:table-cell/></table:table-row>
            """
        let settings = """
            <config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views">\
            <config:config-item-map-entry><config:config-item-map-named config:name="Tables">\
            <config:config-item-map-entry config:name="T">\
            <config:config-item config:name="HorizontalSplitMode" config:type="short">2</config:config-item>\
            <config:config-item config:name="HorizontalSplitPosition" config:type="int">1</config:config-item>\
            <config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>\
            <config:config-item config:name="VerticalSplitPosition" config:type="int">1</config:config-item>\
            </config:config-item-map-entry></config:config-item-map-named></config:config-item-map-entry>\
            </config:config-item-map-indexed></config:config-item-set>
            """
        let sheet = try ODSFixture.open(ODSFixture.table("T", rows), automaticStyles: auto, settings: settings).readSheet(0)
        #expect(sheet.columnWidths[0] == 8.43)
        #expect(sheet.columnWidths[1] != nil)
        #expect(sheet.columnWidths.count == 3)  // the 16,381-column filler is not recorded
        #expect(sheet.hiddenColumns == [1, 2])
        #expect(sheet.rowHeights[0] == 30)
        #expect(sheet.hiddenRows == [1])
        #expect(sheet.frozen == FrozenPanes(rows: 1, columns: 1))
    }

    @Test func noMimetypeEntry() throws {
        let rows = "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"3\"/></table:table-row>"
        let path = try ODSFixture.write(content: ODSFixture.content(ODSFixture.table("G", rows)), mimetype: nil)
        let reader = try Workbooks.open(path)
        #expect(try reader.cellMap()["A1"]?.value == .number(3))
    }

    @Test func namedRanges() throws {
        let tables = ODSFixture.table("Data 1", "") + """
            <table:named-expressions><table:named-range table:name="Kunden" table:base-cell-address="$'Data 1'.$A$1" \
            table:cell-range-address="$'Data 1'.$A$1:.$B$4"/></table:named-expressions>
            """
        let reader = try ODSFixture.open(tables)
        #expect(reader.definedNames == [DefinedName(name: "Kunden", formula: "'Data 1'!$A$1:$B$4")])
        #expect(ODSNamedRanges.excelAddress("$Sheet1.$A$1:.$B$4") == "Sheet1!$A$1:$B$4")
    }
}

@Suite("ODS reader: styles")
struct ODSStyleTests {
    @Test func cellStylesResolveInheritanceAndFormats() throws {
        let common = """
            <office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;"/></office:font-face-decls>\
            <office:styles><style:default-style style:family="table-cell"><style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt"/></style:default-style>\
            <style:style style:name="Default" style:family="table-cell"/>\
            <style:style style:name="Heading" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/></style:style>\
            <number:time-style style:name="N46" number:truncate-on-overflow="false"><number:hours/><number:text>:</number:text><number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/></number:time-style>\
            </office:styles>
            """
        let auto = """
            <number:date-style style:name="N49"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>\
            <number:percentage-style style:name="N11"><number:number number:decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>\
            <number:number-style style:name="N4"><number:number number:decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>\
            <style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Heading" style:data-style-name="N49">\
            <style:table-cell-properties fo:background-color="#ffff00" fo:border="0.74pt solid #000000" style:vertical-align="middle" fo:wrap-option="wrap"/>\
            <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-style="italic" fo:color="#c9211e"/></style:style>\
            <style:style style:name="ce2" style:family="table-cell" style:data-style-name="N11"/>\
            <style:style style:name="ce3" style:family="table-cell" style:data-style-name="N46"/>\
            <style:style style:name="ce4" style:family="table-cell" style:data-style-name="N4"/>
            """
        let rows = """
            <table:table-column table:default-cell-style-name="ce4"/>\
            <table:table-row>\
            <table:table-cell office:value-type="float" office:value="1234.5"/>\
            <table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="2024-01-02"/>\
            <table:table-cell table:style-name="ce2" office:value-type="percentage" office:value="0.5"/>\
            <table:table-cell table:style-name="ce3" office:value-type="time" office:time-value="PT30H0M0S"/>\
            </table:table-row>
            """
        let path = try ODSFixture.write(content: ODSFixture.content(ODSFixture.table("T", rows), automaticStyles: auto), styles: common)
        let reader = try Workbooks.open(path)
        let cells = try reader.cellMap()
        let style = { (a1: String) in reader.styles[cells[a1]?.style ?? 0] }
        #expect(reader.styles[0].font.name == "Liberation Sans")
        #expect(style("A1").numberFormat == "#,##0.00")
        let d = style("B1")
        #expect(d.numberFormat == "yyyy-mm-dd")
        #expect(d.font.bold && d.font.italic)
        #expect(d.font.size == 10)
        #expect(d.font.color == "C9211E")
        #expect(d.fill == CellStyle.Fill(color: "FFFF00"))
        #expect(d.border.left == CellStyle.Line(weight: .thin, color: "000000"))
        #expect(d.alignment == CellStyle.Alignment(horizontal: .center, vertical: .center, wrapText: true))
        #expect(style("C1").numberFormat == "0.00%")
        #expect(style("D1").numberFormat == "[h]:mm:ss")
    }
}

@Suite("ODS reader: errors")
struct ODSErrorTests {
    @Test func malformedContentNamesThePart() throws {
        let content = ODSFixture.content(ODSFixture.table("T", "<table:table-row><table:table-cell></table:table-row>"))
        let path = try ODSFixture.write(content: content)
        do {
            let reader = try Workbooks.open(path)
            _ = try reader.readSheet(0)
            Issue.record("malformed XML accepted")
        } catch let e {
            #expect(e.code == "malformed-xml")
            #expect(e.part == "content.xml")
        }
    }

    @Test func doctypeIsForbidden() throws {
        let content = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><office:document-content/>"
        let path = try ODSFixture.write(content: content)
        #expect { _ = try Workbooks.open(path) } throws: { ($0 as? SpreadsheetError)?.code == "forbidden-xml" }
    }

    @Test func otherOpenDocumentTypesAreRefused() throws {
        let path = try ODSFixture.write(content: ODSFixture.content(""), mimetype: "application/vnd.oasis.opendocument.text")
        #expect { _ = try Workbooks.open(path) } throws: { ($0 as? SpreadsheetError)?.code == "not-a-spreadsheet" }
        let text = "<office:document-content \(ODSFixture.namespaces)><office:body><office:text/></office:body></office:document-content>"
        let path2 = try ODSFixture.write(content: text, mimetype: nil)
        #expect { _ = try Workbooks.open(path2) } throws: { ($0 as? SpreadsheetError)?.code == "not-a-spreadsheet" }
    }
}

@Suite("ODS value text")
struct ODSValueTextTests {
    @Test func durations() {
        #expect(ODSValueText.durationMicros("PT1H2M3.5S") == 3_723_500_000)
        #expect(ODSValueText.durationMicros("-P1DT1H") == -90_000_000_000)
        #expect(ODSValueText.durationMicros("PT") == nil)
        #expect(ODSValueText.durationMicros("12:00") == nil)
        // Hostile: a duration past Int64 microseconds is not a duration (it used to trap on overflow).
        #expect(ODSValueText.durationMicros("PT99999999999999999H") == nil)
        #expect(ODSValueText.durationMicros("P999999Y") == nil)
        #expect(ODSValueText.time("PT24H0M0S") == .duration(86_400))
    }

    @Test func dates() {
        #expect(ODSValueText.date("2021-13-01") == nil)
        #expect(ODSValueText.date("1899-12-30T00:00:00Z") == .dateTime(CivilDateTime(year: 1899, month: 12, day: 30)))
        #expect(ODSValueText.date("2020-01-01T10:00:00.1234567") == .dateTime(CivilDateTime(year: 2020, month: 1, day: 1, hour: 10, microsecond: 123_456)))
    }
}

@Suite("ODS reader: the first pass's window")
struct ODSOutlineWindowTests {
    /// A table's cell end tag cut by the edge of the first pass's 256 KiB window: the pass must look past the edge
    /// before deciding it is the table's end tag, or the tables after it (and named ranges) are lost. (Before the
    /// fix the outcome hung on whatever byte lay past the data, so this guards the edge rather than failing always.)
    @Test("an end tag cut by the window's edge does not end the table early", arguments: 0..<4)
    func endTagAtWindowEdge(_ shift: Int) throws {
        func tables(_ pad: Int) -> String {
            ODSFixture.table("One", """
                <table:table-row><table:table-cell office:value-type="string"><text:p>\(String(repeating: "a", count: pad))</text:p>\
                </table:table-cell><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
                """) + ODSFixture.table("Two", #"<table:table-row><table:table-cell office:value-type="string"><text:p>second</text:p></table:table-cell></table:table-row>"#)
        }
        // Where the first cell's end tag starts, in bytes of the unpadded part.
        let unpadded = ODSFixture.content(tables(0))
        let at = try #require(unpadded.range(of: "</table:table-cell>")).lowerBound
        let offset = unpadded.utf8.distance(from: unpadded.startIndex, to: at)
        // The '<' of the cell's end tag so that "</table:table" ends exactly at (or just before) the edge.
        let pad = (1 << 18) - "</table:table".utf8.count - shift - offset
        let path = try ODSFixture.write(content: ODSFixture.content(tables(pad)))
        let reader = try Workbooks.open(path)
        #expect(reader.sheets.map(\.name) == ["One", "Two"])
        let two = try reader.readSheet(1)
        #expect(two.cells.first?.value == .string("second"))
    }
}

import KamXML
import Testing
@testable import KamSheets

@Suite struct XLSXSheetRewriterTests {
    static let sheetXML = """
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14="urn:x14" xmlns:xm="urn:xm">\
    <dimension ref="A1:C4"/><cols><col min="1" max="3" width="12" customWidth="1"/></cols><sheetData>\
    <row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2" t="s"><v>1</v></c></row>\
    <row r="2" s="5" customFormat="1"><c r="A2" s="3"><v>10</v></c><c r="B2" s="3"><v>20</v></c></row>\
    <row r="3"><c r="A3" s="3"><v>30</v></c><c r="B3"><f>SUM(A2:A3)</f><v>40</v></c></row>\
    <row r="4"><c r="A4"><f>SUM(A2:A3)</f><v>40</v></c><c r="C4" t="s"><v>2</v></c></row>\
    </sheetData><mergeCells count="1"><mergeCell ref="A4:B4"/></mergeCells>\
    <conditionalFormatting sqref="A2:A3"><cfRule type="cellIs" priority="1"><formula>$A$2&gt;5</formula></cfRule></conditionalFormatting>\
    <hyperlinks><hyperlink ref="C4" r:id="rId1" xmlns:r="urn:r"/></hyperlinks>\
    <extLst><ext uri="{CCE6A557}"><x14:dataValidations count="1"><x14:dataValidation type="list">\
    <x14:formula1><xm:f>Lists!$A$1:$A$4</xm:f></x14:formula1><xm:sqref>B2:B3</xm:sqref></x14:dataValidation>\
    </x14:dataValidations></ext></extLst></worksheet>
    """

    func rewrite(edits: [StructuralEdit], inserted: [Int: Int?] = [:], writes: [Int: [Int: EncodedCell]] = [:],
                 templates: [Int: TemplateRow] = [:]) throws -> String {
        let r = XLSXSheetRewriter(sheet: "Data", edits: edits, insertedRows: inserted, writes: writes, templates: templates)
        var out = XMLByteWriter()
        try r.rewrite(XMLScanner(bytes: Array(Self.sheetXML.utf8)), into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test("without edits the part comes out byte for byte")
    func identity() throws {
        let x = try rewrite(edits: [])
        if x != Self.sheetXML { let a = Array(x), b = Array(Self.sheetXML); let i = zip(a, b).prefix { $0 == $1 }.count; Issue.record("differs at \(i): \(String(a[max(0,i-40)..<min(a.count,i+40)])) vs \(String(b[max(0,i-40)..<min(b.count,i+40)]))") }
    }

    @Test("inserting rows moves rows, cells, formulas, merges, formatting, links and extLst ranges")
    func insert() throws {
        let e = [StructuralEdit(sheet: "Data", shift: .insertRows(at: 2, count: 2))]
        let tpl = TemplateRow(attributes: [("s", "5"), ("customFormat", "1")], cellStyles: [(0, "3"), (1, "3")])
        let x = try rewrite(edits: e, inserted: [2: 1, 3: 1], templates: [1: tpl])
        #expect(x.contains(#"<row r="3" s="5" customFormat="1"><c r="A3" s="3"/><c r="B3" s="3"/></row>"#))
        #expect(x.contains(#"<row r="5"><c r="A5" s="3"><v>30</v></c><c r="B5"><f>SUM(A2:A5)</f>"#))
        #expect(x.contains(#"<row r="6"><c r="A6"><f>SUM(A2:A5)</f>"#))
        #expect(x.contains(#"<mergeCell ref="A6:B6"/>"#))
        #expect(x.contains(#"<conditionalFormatting sqref="A2:A5">"#))
        #expect(x.contains(#"<hyperlink ref="C6""#))
        #expect(x.contains("<xm:sqref>B2:B5</xm:sqref>"))
        #expect(x.contains(#"<dimension ref="A1:C6"/>"#))
        #expect(x.contains("Lists!$A$1:$A$4"))
    }

    @Test("deleting rows drops them and shrinks ranges; a merge of deleted rows disappears")
    func delete() throws {
        let x = try rewrite(edits: [StructuralEdit(sheet: "Data", shift: .deleteRows(at: 3, count: 1))])
        #expect(!x.contains(#"<row r="4""#))
        #expect(!x.contains("mergeCell ref"))
        #expect(x.contains(#"<dimension ref="A1:C3"/>"#))
    }

    @Test("written cells replace, keep the cell's style, and new cells land in order")
    func writes() throws {
        let x = try rewrite(edits: [], writes: [1: [0: EncodedCell(type: "s", value: "7"), 2: EncodedCell(value: "3.5")],
                                               6: [1: EncodedCell(type: "inlineStr", inline: "新")]])
        #expect(x.contains(#"<row r="2" s="5" customFormat="1"><c r="A2" s="3" t="s"><v>7</v></c><c r="B2" s="3"><v>20</v></c><c r="C2"><v>3.5</v></c></row>"#))
        #expect(x.contains(#"<row r="7"><c r="B7" t="inlineStr"><is><t xml:space="preserve">新</t></is></c></row></sheetData>"#))
    }
}

@Suite struct PartReferenceRewriterTests {
    let edits = [StructuralEdit(sheet: "Data", shift: .insertRows(at: 4, count: 5))]

    @Test("chart series ranges grow with the table they plot")
    func chart() throws {
        let xml = "<c:chart xmlns:c=\"urn:c\"><c:val><c:numRef><c:f>Data!$B$2:$B$10</c:f></c:numRef></c:val><c:f>Other!$A$1</c:f></c:chart>"
        let out = String(decoding: try PartReferenceRewriter.chart(edits).rewrite(Array(xml.utf8)), as: UTF8.self)
        #expect(out.contains("<c:f>Data!$B$2:$B$15</c:f>"))
        #expect(out.contains("<c:f>Other!$A$1</c:f>"))
    }

    @Test("table refs and drawing anchors of the sheet move; an untouched part keeps its bytes")
    func tableAndDrawing() throws {
        let table = #"<table ref="A1:C10" id="1"><autoFilter ref="A1:C10"/></table>"#
        let t = String(decoding: try PartReferenceRewriter.table(edits, home: "Data").rewrite(Array(table.utf8)), as: UTF8.self)
        #expect(t == #"<table ref="A1:C15" id="1"><autoFilter ref="A1:C15"/></table>"#)
        let drawing = "<xdr:from><xdr:col>3</xdr:col><xdr:row>6</xdr:row></xdr:from>"
        let d = String(decoding: try PartReferenceRewriter.drawing(edits, home: "Data").rewrite(Array(drawing.utf8)), as: UTF8.self)
        #expect(d == "<xdr:from><xdr:col>3</xdr:col><xdr:row>11</xdr:row></xdr:from>")
        let other = Array(table.utf8)
        #expect(try PartReferenceRewriter.table(edits, home: "Other").rewrite(other) == other)
    }
}

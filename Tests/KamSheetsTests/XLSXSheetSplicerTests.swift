import KamXML
import Testing
@testable import KamSheets

/// The raw-copy fast path must write exactly what the full rewriter writes for the same cell writes.
@Suite struct XLSXSheetSplicerTests {
    private func cell(_ v: String) -> EncodedCell {
        var c = EncodedCell()
        c.type = "s"
        c.value = v
        return c
    }

    private func both(_ xml: String, _ writes: [Int: [Int: EncodedCell]],
                      insertion: (before: Set<String>, bytes: [UInt8])? = nil) throws -> (full: String, spliced: String) {
        var full = XLSXSheetRewriter(sheet: "Data", edits: [], insertedRows: [:], writes: writes, templates: [:])
        full.insertion = insertion
        var a = XMLByteWriter()
        try full.rewrite(XMLScanner(bytes: Array(xml.utf8)), into: &a)
        var splicer = XLSXSheetSplicer(sheet: "Data", writes: writes)
        splicer.insertion = insertion
        var b = XMLByteWriter()
        // A tiny read size, so that tags and rows straddle the window's refills.
        let bytes = Array(xml.utf8)
        var offset = 0
        let stream = RawXMLStream(chunk: 16) { buf in
            let n = min(7, bytes.count - offset, buf.count)
            for i in 0..<n { buf[i] = bytes[offset + i] }
            offset += n
            return n
        }
        try splicer.rewrite(stream, into: &b)
        return (String(decoding: a.bytes, as: UTF8.self), String(decoding: b.bytes, as: UTF8.self))
    }

    @Test func writesIntoExistingGapAndTrailingRowsMatchTheFullRewriter() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:B3"/>\
        <x:sheetData><x:row r="1" spans="1:2"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>
        <!-- a comment with </x:row> inside --><x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t><![CDATA[</x:row>]]></x:t></x:is></x:c></x:row>\
        <x:row r="5" ht="20" customHeight='1'/></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>
        """
        let writes: [Int: [Int: EncodedCell]] = [0: [1: cell("7")], 1: [0: cell("8")], 4: [2: cell("9")], 9: [3: cell("10")]]
        let r = try both(xml, writes, insertion: (["extLst"], Array("<legacyDrawing r:id=\"k\"/>".utf8)))
        #expect(r.spliced == r.full)
        #expect(r.spliced.contains("<x:c r=\"D10\" t=\"s\"><x:v>10</x:v></x:c>"))
        #expect(r.spliced.contains("<!-- a comment with </x:row> inside -->"))
    }

    @Test func untouchedRowsAreCopiedByteForByte() throws {
        let xml = "<worksheet><sheetData><row r='1'><c r='A1' s = \"2\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row></sheetData></worksheet>"
        let r = try both(xml, [1: [1: cell("5")]])
        #expect(r.spliced.hasPrefix("<worksheet><sheetData><row r='1'><c r='A1' s = \"2\"><v>1</v></c></row>"))
        #expect(r.spliced.contains("<c r=\"B2\" t=\"s\"><v>5</v></c>"))
    }

    @Test func rowsOutOfOrderAreLeftToTheFullRewriter() throws {
        let xml = "<worksheet><sheetData><row r=\"3\"/><row r=\"2\"/></sheetData></worksheet>"
        #expect(throws: RawPassFallback.self) { _ = try both(xml, [0: [0: cell("1")]]) }
    }
}

import Foundation
import KamZip

/// Small valid packages around fuzzed parts, so that mutations reach the XML readers instead of dying at the
/// zip's checksums.
enum Package {
    static let xlsxSample: [UInt8] = Array("""
    <?xml version="1.0" encoding="UTF-8"?>
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C4"/>\
    <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c>\
    <c r="C1" t="inlineStr"><is><t>日期</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c>\
    <c r="B2"><v>12.5</v></c><c r="C2"><v>45000</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>乙</t></is></c>\
    <c r="B3"><f>B2*2</f><v>25</v></c></row><row r="4"><c r="B4"><f>SUM(B2:B3)</f><v>37.5</v></c></row></sheetData>\
    <mergeCells count="1"><mergeCell ref="A4:A5"/></mergeCells></worksheet>
    """.utf8)

    static let odsSample: [UInt8] = Array("""
    <?xml version="1.0" encoding="UTF-8"?><office:document-content \
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>\
    <table:table table:name="S"><table:table-column table:number-columns-repeated="3"/><table:table-row>\
    <table:table-cell office:value-type="string"><text:p>客户</text:p></table:table-cell>\
    <table:table-cell office:value-type="float" office:value="3"/><table:table-cell table:formula="of:=[.B1]*2" \
    office:value-type="float" office:value="6"/></table:table-row><table:table-row table:number-rows-repeated="2">\
    <table:table-cell table:number-columns-repeated="2" office:value-type="date" office:date-value="2024-01-02"/>\
    </table:table-row></table:table></office:spreadsheet></office:body></office:document-content>
    """.utf8)

    static func zip(_ entries: [(String, [UInt8], Bool)]) -> [UInt8] {
        let path = FuzzTargets.scratch("pkg.zip")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let w = try ZipWriter(path: path)
            for (name, bytes, compress) in entries { try w.add(name, bytes: bytes, compress: compress) }
            try w.commit()
        } catch {
            fatalError("cannot build a package: \(error)")
        }
        return [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data())
    }

    static func xlsx(sheet: [UInt8]) -> [UInt8] {
        let ct = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override \
        PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
        """
        let rels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """
        let wb = """
        <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
        let wbRels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """
        return zip([("[Content_Types].xml", Array(ct.utf8), true), ("_rels/.rels", Array(rels.utf8), true),
                    ("xl/workbook.xml", Array(wb.utf8), true), ("xl/_rels/workbook.xml.rels", Array(wbRels.utf8), true),
                    ("xl/worksheets/sheet1.xml", sheet, true)])
    }

    static func ods(content: [UInt8]) -> [UInt8] {
        let manifest = """
        <?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
        manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
        """
        return zip([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8), false),
                    ("META-INF/manifest.xml", Array(manifest.utf8), true), ("content.xml", content, true)])
    }
}

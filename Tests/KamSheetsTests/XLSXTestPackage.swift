import KamSheets
import KamTestSupport
import KamZip

/// A tiny XLSX package built in a test: the minimal parts plus whatever the test replaces or adds.
struct XLSXTestPackage {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    var parts: [String: String]

    /// A workbook with one worksheet `Sheet1` holding `sheetData` (the inside of `<sheetData>`), and optionally
    /// shared strings (the `<si>` elements), styles (the inside of `<styleSheet>`) and workbook properties.
    init(sheetData: String, afterSheetData: String = "", beforeSheetData: String = "", sharedStrings: String? = nil,
         styles: String? = nil, workbookPr: String = "") {
        var wbRels = """
            <Relationship Id="rId1" Type="\(Self.rel)/worksheet" Target="worksheets/sheet1.xml"/>
            """
        if sharedStrings != nil {
            wbRels += #"<Relationship Id="rId2" Type="\#(Self.rel)/sharedStrings" Target="sharedStrings.xml"/>"#
        }
        if styles != nil {
            wbRels += #"<Relationship Id="rId3" Type="\#(Self.rel)/styles" Target="/xl/styles.xml"/>"#
        }
        parts = [
            "[Content_Types].xml": """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
                """,
            "_rels/.rels": """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(Self.rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """,
            "xl/workbook.xml": """
                <workbook xmlns="\(Self.main)" xmlns:r="\(Self.rel)">\(workbookPr)<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """,
            "xl/_rels/workbook.xml.rels": """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(wbRels)</Relationships>
                """,
            "xl/worksheets/sheet1.xml": """
                <worksheet xmlns="\(Self.main)" xmlns:r="\(Self.rel)">\(beforeSheetData)<sheetData>\(sheetData)</sheetData>\(afterSheetData)</worksheet>
                """,
        ]
        if let sharedStrings {
            parts["xl/sharedStrings.xml"] = #"<sst xmlns="\#(Self.main)">\#(sharedStrings)</sst>"#
        }
        if let styles {
            parts["xl/styles.xml"] = #"<styleSheet xmlns="\#(Self.main)">\#(styles)</styleSheet>"#
        }
    }

    /// Writes the package to a temporary file and opens it.
    func open(limits: SpreadsheetLimits = .default) throws -> (any SpreadsheetReader, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        let path = dir.file("test.xlsx")
        let w = try ZipWriter(path: path)
        for (name, text) in parts.sorted(by: { $0.key < $1.key }) { try w.add(name, bytes: Array(text.utf8)) }
        try w.commit()
        return (try Workbooks.open(path, limits: limits), dir)
    }

    /// The cells of the first sheet.
    func cells(limits: SpreadsheetLimits = .default) throws -> [Cell] {
        let (reader, dir) = try open(limits: limits)
        defer { dir.remove() }
        return try reader.readSheet(0).cells
    }

    /// The error reading every sheet throws, if any.
    func readError(limits: SpreadsheetLimits = .default) -> SpreadsheetError? {
        do {
            let (reader, dir) = try open(limits: limits)
            defer { dir.remove() }
            _ = try reader.readWorkbook()
            return nil
        } catch let e as SpreadsheetError {
            return e
        } catch {
            return nil
        }
    }
}

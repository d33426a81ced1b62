import KamXML

/// `[Content_Types].xml`: the media type of every part (ECMA-376 Part 2 §10.1.2).
struct ContentTypesPartWriter {
    var worksheetCount: Int
    var hasSharedStrings: Bool

    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        writeTypes(&w)
        return w.bytes
    }

    // <Types>
    private func writeTypes(_ w: inout XMLByteWriter) {
        w.raw("<Types")
        w.attribute("xmlns", XLSXNamespace.contentTypes)
        w.raw(">")
        writeDefault(&w, "rels", "application/vnd.openxmlformats-package.relationships+xml")
        writeDefault(&w, "xml", "application/xml")
        writeOverride(&w, "/xl/workbook.xml",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
        for i in 1...max(worksheetCount, 1) where worksheetCount > 0 {
            writeOverride(&w, "/xl/worksheets/sheet\(i).xml",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
        }
        writeOverride(&w, "/xl/styles.xml",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
        if hasSharedStrings {
            writeOverride(&w, "/xl/sharedStrings.xml",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
        }
        writeOverride(&w, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
        writeOverride(&w, "/docProps/app.xml",
                      "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        w.raw("</Types>")
    }

    // <Default>
    private func writeDefault(_ w: inout XMLByteWriter, _ ext: String, _ type: String) {
        w.raw("<Default")
        w.attribute("Extension", ext)
        w.attribute("ContentType", type)
        w.raw("/>")
    }

    // <Override>
    private func writeOverride(_ w: inout XMLByteWriter, _ part: String, _ type: String) {
        w.raw("<Override")
        w.attribute("PartName", part)
        w.attribute("ContentType", type)
        w.raw("/>")
    }
}

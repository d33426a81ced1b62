import KamXML

/// `styles.xml`: the common `Default` cell style every automatic cell style inherits from
/// (ODF 1.3 part 3 §3.1.3.3).
struct ODSStylesPart {
    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        writeDocumentStyles(&w)
        return w.bytes
    }

    // <office:document-styles>
    private func writeDocumentStyles(_ w: inout XMLByteWriter) {
        w.raw("<office:document-styles")
        ODSNamespace.write(&w)
        w.raw("><office:styles>")
        w.raw("<style:default-style style:family=\"table-cell\">")
        w.raw("<style:paragraph-properties style:tab-stop-distance=\"1.25cm\"/></style:default-style>")
        w.raw("<style:style style:name=\"Default\" style:family=\"table-cell\"/>")
        w.raw("</office:styles></office:document-styles>")
    }
}

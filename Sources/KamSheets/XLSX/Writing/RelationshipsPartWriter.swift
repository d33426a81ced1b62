import KamXML

/// A `.rels` part: the package's (`_rels/.rels`) or the workbook's (`xl/_rels/workbook.xml.rels`)
/// relationships (ECMA-376 Part 2 §9.3).
struct RelationshipsPartWriter {
    /// One relationship; ids are `rId1`, `rId2`, … in order.
    struct Relationship {
        var type: String
        var target: String
    }

    var relationships: [Relationship]

    static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    static let coreProperties =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    static let extendedProperties =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
    static let worksheet = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    static let styles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
    static let sharedStrings = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"

    /// The package relationships: workbook, core and app properties.
    static let package = RelationshipsPartWriter(relationships: [
        Relationship(type: officeDocument, target: "xl/workbook.xml"),
        Relationship(type: coreProperties, target: "docProps/core.xml"),
        Relationship(type: extendedProperties, target: "docProps/app.xml"),
    ])

    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        writeRelationships(&w)
        return w.bytes
    }

    // <Relationships>
    private func writeRelationships(_ w: inout XMLByteWriter) {
        w.raw("<Relationships")
        w.attribute("xmlns", XLSXNamespace.packageRelationships)
        w.raw(">")
        for (i, r) in relationships.enumerated() { writeRelationship(&w, id: i + 1, r) }
        w.raw("</Relationships>")
    }

    // <Relationship>
    private func writeRelationship(_ w: inout XMLByteWriter, id: Int, _ r: Relationship) {
        w.raw("<Relationship")
        w.attribute("Id", "rId\(id)")
        w.attribute("Type", r.type)
        w.attribute("Target", r.target)
        w.raw("/>")
    }
}

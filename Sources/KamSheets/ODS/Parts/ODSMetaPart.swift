import Foundation
import KamXML

/// `meta.xml`: generator and creation date (ODF 1.3 part 3 §3.1.3).
struct ODSMetaPart {
    var created: Date

    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        writeDocumentMeta(&w)
        return w.bytes
    }

    // <office:document-meta>
    private func writeDocumentMeta(_ w: inout XMLByteWriter) {
        w.raw("<office:document-meta")
        w.attribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        w.attribute("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0")
        w.raw(" office:version=\"1.3\"><office:meta><meta:generator>kam</meta:generator><meta:creation-date>")
        w.text(String(CorePropertiesPart.w3cdtf(created).dropLast()))
        w.raw("</meta:creation-date></office:meta></office:document-meta>")
    }
}

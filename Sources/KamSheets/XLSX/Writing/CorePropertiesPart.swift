import Foundation
import KamXML

/// `docProps/core.xml`: creator and dates (ECMA-376 Part 2 §11).
struct CorePropertiesPart {
    var created: Date

    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        writeCoreProperties(&w)
        return w.bytes
    }

    // <cp:coreProperties>
    private func writeCoreProperties(_ w: inout XMLByteWriter) {
        w.raw("<cp:coreProperties")
        w.attribute("xmlns:cp", XLSXNamespace.coreProperties)
        w.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        w.attribute("xmlns:dcterms", "http://purl.org/dc/terms/")
        w.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        w.raw("><dc:creator>kam</dc:creator>")
        let stamp = CorePropertiesPart.w3cdtf(created)
        writeDate(&w, "dcterms:created", stamp)
        writeDate(&w, "dcterms:modified", stamp)
        w.raw("</cp:coreProperties>")
    }

    // <dcterms:created>, <dcterms:modified>
    private func writeDate(_ w: inout XMLByteWriter, _ name: String, _ stamp: String) {
        w.raw("<\(name) xsi:type=\"dcterms:W3CDTF\">")
        w.text(stamp)
        w.raw("</\(name)>")
    }

    /// `2024-03-05T10:00:00Z`.
    static func w3cdtf(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (y, m, d) = CivilDateTime.civil(days: days)
        let t = seconds - days * 86_400
        let civil = CivilDateTime(year: y, month: m, day: d, hour: t / 3600, minute: (t / 60) % 60, second: t % 60)
        return civil.isoDateTime + "Z"
    }
}

import KamXML

/// `META-INF/manifest.xml`: the package's parts and their media types (ODF 1.3 part 2 §4).
struct ODSManifestPart {
    static let parts = ["content.xml", "styles.xml", "meta.xml", "settings.xml"]

    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        writeManifest(&w)
        return w.bytes
    }

    // <manifest:manifest>
    private func writeManifest(_ w: inout XMLByteWriter) {
        w.raw("<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"")
        w.raw(" manifest:version=\"1.3\">")
        w.raw("<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\"")
        w.raw(" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>")
        for part in ODSManifestPart.parts { writeFileEntry(&w, part) }
        w.raw("</manifest:manifest>")
    }

    // <manifest:file-entry>
    private func writeFileEntry(_ w: inout XMLByteWriter, _ path: String) {
        w.raw("<manifest:file-entry")
        w.attribute("manifest:full-path", path)
        w.raw(" manifest:media-type=\"text/xml\"/>")
    }
}

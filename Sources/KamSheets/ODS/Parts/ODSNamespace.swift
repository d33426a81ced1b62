import KamXML

/// The namespaces kam's ODS parts declare (ODF 1.3), written once per root element.
enum ODSNamespace {
    static let all: [(StaticString, String)] = [
        ("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        ("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        ("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        ("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        ("xmlns:number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
        ("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
        ("xmlns:of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2"),
    ]

    /// Writes the common namespace declarations and `office:version`.
    static func write(_ w: inout XMLByteWriter) {
        for (name, uri) in all { w.attribute(name, uri) }
        w.raw(" office:version=\"1.3\"")
    }
}

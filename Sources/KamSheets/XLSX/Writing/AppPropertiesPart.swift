import KamXML

/// `docProps/app.xml`: the application that wrote the file (ECMA-376 Part 1 §22.2).
struct AppPropertiesPart {
    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        writeProperties(&w)
        return w.bytes
    }

    // <Properties>
    private func writeProperties(_ w: inout XMLByteWriter) {
        w.raw("<Properties")
        w.attribute("xmlns", XLSXNamespace.extendedProperties)
        w.attribute("xmlns:vt", XLSXNamespace.docPropsVTypes)
        w.raw("><Application>kam</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")
        w.raw("</Properties>")
    }
}

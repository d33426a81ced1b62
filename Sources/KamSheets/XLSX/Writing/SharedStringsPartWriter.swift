import KamXML

/// `xl/sharedStrings.xml`: each distinct text once, cells referring to it by index (ECMA-376 Part 1 §18.4.9).
///
/// The table is built while sheets stream and written last; its unique strings stay in memory (choose
/// `WriteOptions.StringStorage.inline` when that is too much).
final class SharedStringsPartWriter {
    private(set) var strings: [String] = []
    private var indices: [String: Int] = [:]
    /// How many cells refer to the table (the `count` attribute).
    private(set) var references = 0

    /// The index of `s`, adding it on first use.
    func index(of s: String) -> Int {
        references += 1
        if let known = indices[s] { return known }
        strings.append(s)
        indices[s] = strings.count - 1
        return strings.count - 1
    }

    /// Writes the part to `sink`.
    func write(to sink: FileSink) throws(SpreadsheetError) {
        sink.xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        try writeSST(sink)
    }

    // <sst>
    private func writeSST(_ sink: FileSink) throws(SpreadsheetError) {
        sink.xml.raw("<sst")
        sink.xml.attribute("xmlns", XLSXNamespace.main)
        sink.xml.attribute("count", String(references))
        sink.xml.attribute("uniqueCount", String(strings.count))
        sink.xml.raw(">")
        for s in strings {
            writeSI(&sink.xml, s)
            try sink.flushIfNeeded()
        }
        sink.xml.raw("</sst>")
    }

    // <si><t>
    private func writeSI(_ w: inout XMLByteWriter, _ s: String) {
        w.raw(XMLByteWriter.needsSpacePreserve(s) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
        w.xlsxText(s)
        w.raw("</t></si>")
    }
}

@available(*, unavailable)
extension SharedStringsPartWriter: Sendable {}

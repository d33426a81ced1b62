import Foundation
import KamXML

/// `xl/sharedStrings.xml`: texts stored once, cells referring to them by index (ECMA-376 Part 1 §18.4.9).
///
/// Items are streamed to a scratch file as they first appear, so memory does not grow with the sheet: only a
/// bounded cache of recent texts is kept for reuse. When the cache is full it starts over, and a text seen again
/// after that gets a second item — allowed by the schema (`uniqueCount` counts items), read the same by every
/// reader, and rare in practice: repeated texts (categories, cities) are met again long before the cache fills.
final class SharedStringsPartWriter {
    /// How many distinct texts are remembered for reuse.
    static let cacheLimit = 1 << 16
    private let itemsPath: String
    private var items: FileSink?
    /// Keyed by the text's bytes: a shared string is its exact characters, and hashing `String` normalises
    /// non-ASCII text first, which cost more than writing the cell.
    private var indices: [BytesKey: Int] = [:]
    /// How many `<si>` items the table holds (the `uniqueCount` attribute).
    private(set) var itemCount = 0
    /// How many cells refer to the table (the `count` attribute).
    private(set) var references = 0

    /// A table whose items go to the scratch file `itemsPath` until `write(to:)`.
    init(itemsPath: String) {
        self.itemsPath = itemsPath
    }

    /// The index of `s`, adding it when it is not among the texts remembered.
    /// - Throws: `SpreadsheetError.Reason.writeFailed` when the scratch file cannot be written.
    func index(of s: String) throws(SpreadsheetError) -> Int {
        references += 1
        let key = BytesKey(s)
        if let known = indices[key] { return known }
        let sink: FileSink
        if let items { sink = items } else {
            sink = try FileSink(path: itemsPath)
            items = sink
        }
        if indices.count >= Self.cacheLimit { indices.removeAll(keepingCapacity: true) }
        writeSI(&sink.xml, s)
        try sink.flushIfNeeded()
        indices[key] = itemCount
        itemCount += 1
        return itemCount - 1
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
        sink.xml.attribute("uniqueCount", String(itemCount))
        sink.xml.raw(">")
        if let items {
            try items.close()
            self.items = nil
            try sink.append(contentsOf: itemsPath)
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

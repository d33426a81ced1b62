import KamXML

/// `settings.xml`: LibreOffice's view settings, used for the active sheet and frozen panes (ODF 1.3 part 3
/// §3.10; the item names are LibreOffice's, which other ODS readers ignore).
struct ODSSettingsPart {
    /// Each sheet's name and frozen panes.
    var tables: [(name: String, frozen: FrozenPanes?)]
    var activeTable: String

    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        writeDocumentSettings(&w)
        return w.bytes
    }

    // <office:document-settings>
    private func writeDocumentSettings(_ w: inout XMLByteWriter) {
        w.raw("<office:document-settings")
        w.attribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        w.attribute("xmlns:config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0")
        w.raw(" office:version=\"1.3\"><office:settings>")
        w.raw("<config:config-item-set config:name=\"ooo:view-settings\">")
        w.raw("<config:config-item-map-indexed config:name=\"Views\"><config:config-item-map-entry>")
        writeItem(&w, "ViewId", "string", "view1")
        writeTables(&w)
        writeItem(&w, "ActiveTable", "string", activeTable)
        w.raw("</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>")
        w.raw("</office:settings></office:document-settings>")
    }

    // <config:config-item-map-named config:name="Tables">
    private func writeTables(_ w: inout XMLByteWriter) {
        let frozen = tables.compactMap { t in t.frozen.map { (t.name, $0) } }
            .filter { $0.1.rows > 0 || $0.1.columns > 0 }
        guard !frozen.isEmpty else { return }
        w.raw("<config:config-item-map-named config:name=\"Tables\">")
        for (name, panes) in frozen {
            w.raw("<config:config-item-map-entry")
            w.attribute("config:name", name)
            w.raw(">")
            // Split mode 2 is "frozen"; the active range 2 is bottom-left, 3 bottom-right.
            writeItem(&w, "HorizontalSplitMode", "short", panes.columns > 0 ? "2" : "0")
            writeItem(&w, "VerticalSplitMode", "short", panes.rows > 0 ? "2" : "0")
            writeItem(&w, "HorizontalSplitPosition", "int", String(panes.columns))
            writeItem(&w, "VerticalSplitPosition", "int", String(panes.rows))
            writeItem(&w, "ActiveSplitRange", "short", panes.columns > 0 ? "3" : "2")
            writeItem(&w, "PositionLeft", "int", "0")
            writeItem(&w, "PositionRight", "int", String(panes.columns))
            writeItem(&w, "PositionTop", "int", "0")
            writeItem(&w, "PositionBottom", "int", String(panes.rows))
            w.raw("</config:config-item-map-entry>")
        }
        w.raw("</config:config-item-map-named>")
    }

    // <config:config-item>
    private func writeItem(_ w: inout XMLByteWriter, _ name: String, _ type: String, _ value: String) {
        w.raw("<config:config-item")
        w.attribute("config:name", name)
        w.attribute("config:type", type)
        w.raw(">")
        w.text(value)
        w.raw("</config:config-item>")
    }
}

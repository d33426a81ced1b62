import KamXML

/// `xl/workbook.xml`: the sheet list with visibility, the date system and defined names
/// (ECMA-376 Part 1 §18.2.27).
struct WorkbookPartWriter {
    /// One `<sheet>`; its relationship id is `rId<index + 1>`.
    struct SheetEntry {
        var name: String
        var visibility: SheetVisibility
    }

    var sheets: [SheetEntry]
    var dateSystem: SpreadsheetDate.System
    var definedNames: [DefinedName]

    /// The first visible sheet: the active tab.
    var activeTab: Int { sheets.firstIndex { $0.visibility == .visible } ?? 0 }

    /// The part's bytes.
    func write() -> [UInt8] {
        var w = XMLByteWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        writeWorkbook(&w)
        return w.bytes
    }

    // <workbook>
    private func writeWorkbook(_ w: inout XMLByteWriter) {
        w.raw("<workbook")
        w.attribute("xmlns", XLSXNamespace.main)
        w.attribute("xmlns:r", XLSXNamespace.officeRelationships)
        w.raw(">")
        writeWorkbookPr(&w)
        writeBookViews(&w)
        writeSheets(&w)
        writeDefinedNames(&w)
        writeCalcPr(&w)
        w.raw("</workbook>")
    }

    // <workbookPr>: date1904 only when the workbook counts from 1904 (§18.2.28).
    private func writeWorkbookPr(_ w: inout XMLByteWriter) {
        w.raw(dateSystem == .from1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>")
    }

    // <bookViews>: the first visible sheet is active (Excel repairs a file whose active tab is hidden).
    private func writeBookViews(_ w: inout XMLByteWriter) {
        w.raw("<bookViews><workbookView")
        if activeTab > 0 {
            w.attribute("firstSheet", String(activeTab))
            w.attribute("activeTab", String(activeTab))
        }
        w.raw("/></bookViews>")
    }

    // <sheets>
    private func writeSheets(_ w: inout XMLByteWriter) {
        w.raw("<sheets>")
        for (i, sheet) in sheets.enumerated() { writeSheet(&w, i, sheet) }
        w.raw("</sheets>")
    }

    // <sheet>
    private func writeSheet(_ w: inout XMLByteWriter, _ index: Int, _ sheet: SheetEntry) {
        w.raw("<sheet")
        w.attribute("name", sheet.name)
        w.attribute("sheetId", String(index + 1))
        switch sheet.visibility {
        case .visible: break
        case .hidden: w.attribute("state", "hidden")
        case .veryHidden: w.attribute("state", "veryHidden")
        }
        w.attribute("r:id", "rId\(index + 1)")
        w.raw("/>")
    }

    // <definedNames>
    private func writeDefinedNames(_ w: inout XMLByteWriter) {
        let names = definedNames.filter { !$0.name.isEmpty && !$0.formula.isEmpty }
        guard !names.isEmpty else { return }
        w.raw("<definedNames>")
        for name in names { writeDefinedName(&w, name) }
        w.raw("</definedNames>")
    }

    // <definedName>
    private func writeDefinedName(_ w: inout XMLByteWriter, _ name: DefinedName) {
        w.raw("<definedName")
        w.attribute("name", name.name)
        if let local = name.localSheet, sheets.indices.contains(local) { w.attribute("localSheetId", String(local)) }
        if name.isHidden { w.attribute("hidden", "1") }
        w.raw(">")
        w.xlsxText(name.formula.hasPrefix("=") ? String(name.formula.dropFirst()) : name.formula)
        w.raw("</definedName>")
    }

    // <calcPr>: formulas carry their cached values, so no recalculation is forced.
    private func writeCalcPr(_ w: inout XMLByteWriter) {
        w.raw("<calcPr calcId=\"191029\"/>")
    }
}

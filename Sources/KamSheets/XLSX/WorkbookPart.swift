import KamXML

/// `workbook.xml` (ECMA-376 Part 1 §18.2): the sheet list in workbook order, the date system and defined names.
struct WorkbookPart {
    /// A `<sheet>` entry.
    struct SheetEntry {
        var name: String
        var visibility: SheetVisibility
        /// The relationship id (`r:id`) of the sheet's part.
        var relationshipID: String?
    }

    var sheets: [SheetEntry] = []
    var date1904 = false
    var definedNames: [DefinedName] = []

    /// The `workbook` element.
    init(_ root: XMLElement) {
        for e in root.children {
            switch e.name {
            case "workbookPr":
                date1904 = XMLBool.parse(e.attribute("date1904")) ?? false
            case "sheets":
                for s in e.children where s.name == "sheet" {
                    let visibility: SheetVisibility
                    switch s.attribute("state") {
                    case "hidden": visibility = .hidden
                    case "veryHidden": visibility = .veryHidden
                    default: visibility = .visible
                    }
                    // `r:id` (the relationships namespace, transitional or strict); local name `id`.
                    let rid = s.attributes.first { $0.name == "id" && $0.prefix != nil }?.value ?? s.attribute("id")
                    sheets.append(SheetEntry(name: s.attribute("name") ?? "", visibility: visibility, relationshipID: rid))
                }
            case "definedNames":
                for d in e.children where d.name == "definedName" {
                    guard let name = d.attribute("name") else { continue }
                    definedNames.append(DefinedName(
                        name: name, formula: d.text, localSheet: d.attribute("localSheetId").flatMap { Int($0) },
                        isHidden: XMLBool.parse(d.attribute("hidden")) ?? false))
                }
            default: break
            }
        }
    }
}

/// `xsd:boolean` attribute values.
enum XMLBool {
    /// `1`/`true` → true, `0`/`false` → false, anything else nil.
    static func parse(_ s: String?) -> Bool? {
        switch s?.trimmingXMLSpace {
        case "1", "true": return true
        case "0", "false": return false
        default: return nil
        }
    }
}

extension String {
    /// Without leading and trailing XML white space.
    var trimmingXMLSpace: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}

/// Where an XLSX package keeps the parts the editor touches, as the reader found them.
struct XLSXPackageMap {
    var contentTypes: ContentTypesPart
    /// The workbook part's path (e.g. `xl/workbook.xml`).
    var workbookPath: String
    var workbookRelationships: RelationshipsPart
    /// The styles part's entry name, if the package has one.
    var stylesPath: String?
    /// The shared strings part's entry name, if the package has one.
    var sharedStringsPath: String?
    /// Each sheet's relationship id, in workbook order.
    var sheetRelationshipIDs: [String]
}

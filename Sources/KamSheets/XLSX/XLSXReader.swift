import KamXML
import KamZip

/// Reads XLSX/XLSM workbooks (ECMA-376 Office Open XML, transitional and strict).
///
/// Opening reads the small parts — content types, relationships, workbook, styles — with libxml2. Shared strings
/// are streamed in when the first sheet cursor is made; sheets are streamed cell by cell through `cursor(sheet:)`.
/// The workbook part is found through the package's `officeDocument` relationship, wherever it lives; part
/// names match case-insensitively and with either slash.
public final class XLSXReader: SpreadsheetReader {
    public let path: String
    public var format: SpreadsheetFormat { .xlsx }
    /// Sheets in workbook order, hidden ones and non-worksheets included.
    public let sheets: [SheetInfo]
    /// One style per `cellXfs` entry; `Cell.style` indexes this.
    public let styles: [CellStyle]
    public let dateSystem: SpreadsheetDate.System
    public let definedNames: [DefinedName]

    let archive: ZipArchive
    private let limits: SpreadsheetLimits
    /// Where the package keeps its parts (for the in-place editor).
    let map: XLSXPackageMap
    private let kinds: [NumberFormat.Kind]
    private let sharedStringsEntry: ZipEntry?
    private var sharedStrings: SharedStringTable?

    /// Opens the package's small parts.
    /// - Throws: `SpreadsheetError`: `.missingPart` (no workbook part, or a sheet's part), `.malformedXML`,
    ///   `.forbiddenXML`, `.limitExceeded`, `.corruptArchive`.
    public init(archive: ZipArchive, path: String, limits: SpreadsheetLimits) throws(SpreadsheetError) {
        self.path = path
        self.archive = archive
        self.limits = limits

        let contentTypes = try Self.readSmall(archive, "[Content_Types].xml", file: path, limits: limits)
            .map(ContentTypesPart.init) ?? ContentTypesPart()

        // The workbook: the package's officeDocument relationship; else the content types' main part.
        let rootRels = try Self.readSmall(archive, "_rels/.rels", file: path, limits: limits)
            .map { RelationshipsPart($0, source: "") } ?? RelationshipsPart()
        var workbookPath = rootRels.first("officeDocument")?.target
        if workbookPath.map({ archive.entry($0) == nil }) ?? true {
            workbookPath = contentTypes.firstPart(endingWith: [".sheet.main+xml", ".template.main+xml",
                                                              "macroEnabled.main+xml", "Macro.main+xml"]) ?? workbookPath
        }
        guard let workbookPath, archive.entry(workbookPath) != nil,
              let workbookXML = try Self.readSmall(archive, workbookPath, file: path, limits: limits) else {
            throw SpreadsheetError(.missingPart("the workbook part (officeDocument relationship in _rels/.rels)"),
                                   file: path, part: workbookPath)
        }
        let workbook = WorkbookPart(workbookXML)
        let rels = try Self.readSmall(archive, PackagePath.relationships(of: workbookPath), file: path, limits: limits)
            .map { RelationshipsPart($0, source: workbookPath) } ?? RelationshipsPart()

        guard workbook.sheets.count <= limits.maxSheets else {
            throw SpreadsheetError(.limitExceeded(limit: "sheets", maximum: limits.maxSheets, actual: workbook.sheets.count),
                                   file: path, part: workbookPath)
        }
        var sheets: [SheetInfo] = []
        for (i, s) in workbook.sheets.enumerated() {
            guard let rid = s.relationshipID, let rel = rels.byID(rid), !rel.isExternal else {
                throw SpreadsheetError(.missingPart("the part of sheet \(s.name) (relationship \(s.relationshipID ?? "none"))"),
                                       file: path, part: workbookPath, sheet: s.name)
            }
            guard archive.entry(rel.target) != nil else {
                throw SpreadsheetError(.missingPart(rel.target), file: path, part: rel.target, sheet: s.name)
            }
            sheets.append(SheetInfo(index: i, name: s.name, visibility: s.visibility,
                                    kind: Self.kind(rel, contentTypes.type(of: rel.target)), part: rel.target))
        }
        self.sheets = sheets
        dateSystem = workbook.date1904 ? .from1904 : .from1900
        definedNames = workbook.definedNames

        let stylesPath = rels.first("styles")?.target
            ?? contentTypes.firstPart(endingWith: [".styles+xml"])
        let stylesPart = try stylesPath.flatMap { p throws(SpreadsheetError) in
            try Self.readSmall(archive, p, file: path, limits: limits)
        }.map(StylesPart.init) ?? StylesPart()
        styles = stylesPart.styles
        kinds = stylesPart.kinds

        let stringsPath = rels.first("sharedStrings")?.target
            ?? contentTypes.firstPart(endingWith: [".sharedStrings+xml"])
        sharedStringsEntry = stringsPath.flatMap { archive.entry($0) }
        map = XLSXPackageMap(contentTypes: contentTypes, workbookPath: workbookPath, workbookRelationships: rels,
                             stylesPath: stylesPath.flatMap { archive.entry($0)?.name },
                             sharedStringsPath: sharedStringsEntry?.name,
                             sheetRelationshipIDs: workbook.sheets.map { $0.relationshipID ?? "" })
    }

    /// A cursor over the cells of the sheet at `index`; chartsheets and dialog sheets yield no cells.
    /// - Throws: `SpreadsheetError` (`.sheetNotFound` for a bad index, errors of the shared strings part).
    public func cursor(sheet index: Int) throws(SpreadsheetError) -> any SheetCursor {
        guard sheets.indices.contains(index) else {
            throw SpreadsheetError(.sheetNotFound("#\(index + 1)"), file: path)
        }
        let info = sheets[index]
        guard info.kind == .worksheet || info.kind == .macrosheet else { return XLSXEmptyCursor() }
        guard let entry = archive.entry(info.part) else {
            throw SpreadsheetError(.missingPart(info.part), file: path, part: info.part, sheet: info.name)
        }
        return try XLSXSheetCursor(archive: archive, entry: entry, file: path, sheetName: info.name,
                                   sharedStrings: try loadSharedStrings(), kinds: kinds, system: dateSystem,
                                   limits: limits)
    }

    /// The shared string table, read once.
    private func loadSharedStrings() throws(SpreadsheetError) -> SharedStringTable {
        if let sharedStrings { return sharedStrings }
        let table = try sharedStringsEntry.map { e throws(SpreadsheetError) in
            try SharedStringsPart(archive: archive, entry: e, file: path, limits: limits).strings
        } ?? SharedStringTable()
        sharedStrings = table
        return table
    }

    /// What a sheet's relationship (or, failing that, its content type) says it is.
    private static func kind(_ rel: RelationshipsPart.Relationship, _ contentType: String?) -> SheetKind {
        if rel.isType("chartsheet") { return .chartsheet }
        if rel.isType("dialogsheet") { return .dialogsheet }
        if rel.isType("xlMacrosheet") || rel.isType("macrosheet") || rel.isType("xlIntlMacrosheet") { return .macrosheet }
        if rel.isType("worksheet") { return .worksheet }
        switch contentType {
        case let t? where t.hasSuffix(".chartsheet+xml"): return .chartsheet
        case let t? where t.hasSuffix(".dialogsheet+xml"): return .dialogsheet
        case let t? where t.hasSuffix(".macrosheet+xml"): return .macrosheet
        default: return .worksheet
        }
    }

    /// A small part parsed whole, or nil when the package has no such part.
    private static func readSmall(_ archive: ZipArchive, _ part: String, file: String,
                                  limits: SpreadsheetLimits) throws(SpreadsheetError) -> XMLElement? {
        guard let entry = archive.entry(part) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try archive.read(entry, maxBytes: limits.maxSmallPartBytes)
        } catch {
            throw SpreadsheetError(zip: error, file: file)
        }
        do {
            return try XMLDocumentParser.parse(bytes)
        } catch {
            throw SpreadsheetError(xml: error, file: file, part: entry.name)
        }
    }
}

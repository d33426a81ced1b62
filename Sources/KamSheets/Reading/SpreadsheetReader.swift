/// What a reader knows of a sheet before reading its cells.
public struct SheetInfo: Sendable, Hashable {
    /// 0-based position in workbook order.
    public var index: Int
    public var name: String
    public var visibility: SheetVisibility
    public var kind: SheetKind
    /// The package part holding the sheet (XLSX worksheet part; ODS `content.xml`).
    public var part: String

    public init(index: Int, name: String, visibility: SheetVisibility, kind: SheetKind, part: String) {
        self.index = index
        self.name = name
        self.visibility = visibility
        self.kind = kind
        self.part = part
    }
}

/// The layout of a sheet that is not cell values: merges, column widths, frozen panes.
public struct SheetLayout: Sendable, Hashable {
    public var mergedRanges: [CellRange] = []
    public var columnWidths: [Int: Double] = [:]
    public var rowHeights: [Int: Double] = [:]
    public var hiddenColumns: Set<Int> = []
    public var hiddenRows: Set<Int> = []
    public var frozen: FrozenPanes?
    public init() {}
}

/// Streams the non-empty cells of one sheet in row-major order, in bounded memory.
public protocol SheetCursor {
    /// The next non-empty cell, or nil at the end of the sheet.
    /// - Throws: `SpreadsheetError` naming the part and, where known, the cell.
    mutating func next() throws(SpreadsheetError) -> Cell?
    /// Merges, widths and panes seen so far; complete once `next()` has returned nil.
    var layout: SheetLayout { get }
}

/// An opened workbook file: its small parts read eagerly, its sheets read through cursors.
public protocol SpreadsheetReader: AnyObject {
    /// The file's path.
    var path: String { get }
    var format: SpreadsheetFormat { get }
    /// Sheets in workbook order.
    var sheets: [SheetInfo] { get }
    /// The styles cells refer to by index.
    var styles: [CellStyle] { get }
    var dateSystem: SpreadsheetDate.System { get }
    var definedNames: [DefinedName] { get }
    /// A cursor over the cells of the sheet at `index` (non-worksheets yield no cells).
    /// - Throws: `SpreadsheetError` (`.missingPart`, `.malformedXML`, `.limitExceeded`, …).
    func cursor(sheet index: Int) throws(SpreadsheetError) -> any SheetCursor
}

extension SpreadsheetReader {
    /// The sheet at `index` with all its cells (materialised: for sheets that fit in memory).
    /// - Throws: `SpreadsheetError`.
    public func readSheet(_ index: Int) throws(SpreadsheetError) -> Sheet {
        let info = sheets[index]
        var cursor = try cursor(sheet: index)
        var cells: [Cell] = []
        while let c = try cursor.next() { cells.append(c) }
        let l = cursor.layout
        return Sheet(name: info.name, visibility: info.visibility, kind: info.kind, cells: cells,
                     mergedRanges: l.mergedRanges, columnWidths: l.columnWidths, rowHeights: l.rowHeights,
                     hiddenColumns: l.hiddenColumns, hiddenRows: l.hiddenRows, frozen: l.frozen)
    }

    /// The first sheet with this name (exact, then case-insensitive).
    /// - Throws: `SpreadsheetError.sheetNotFound`.
    public func sheetIndex(named name: String) throws(SpreadsheetError) -> Int {
        if let s = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return s.index
        }
        throw SpreadsheetError(.sheetNotFound(name), file: path, sheet: name)
    }

    /// Every sheet, materialised.
    /// - Throws: `SpreadsheetError`.
    public func readWorkbook() throws(SpreadsheetError) -> Workbook {
        var out: [Sheet] = []
        for i in sheets.indices { out.append(try readSheet(i)) }
        return Workbook(sheets: out, styles: styles, dateSystem: dateSystem, definedNames: definedNames)
    }
}

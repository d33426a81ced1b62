/// A format-neutral workbook: sheets in workbook order, the styles their cells use, and workbook settings.
public struct Workbook: Sendable, Hashable {
    /// Sheets in workbook order, hidden ones and non-worksheets included.
    public var sheets: [Sheet]
    /// The cell styles; `Cell.style` indexes this list, and index 0 is the default style.
    public var styles: [CellStyle]
    /// The date system serial numbers count from (XLSX `date1904`).
    public var dateSystem: SpreadsheetDate.System
    /// Workbook-level defined names (`name` → formula text such as `Sheet1!$A$1:$B$4`).
    public var definedNames: [DefinedName]

    /// Creates a workbook.
    public init(sheets: [Sheet] = [], styles: [CellStyle] = [CellStyle()],
                dateSystem: SpreadsheetDate.System = .from1900, definedNames: [DefinedName] = []) {
        self.sheets = sheets
        self.styles = styles.isEmpty ? [CellStyle()] : styles
        self.dateSystem = dateSystem
        self.definedNames = definedNames
    }

    /// The first sheet with this name (exact match first, then case-insensitive).
    public func sheet(named name: String) -> Sheet? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }
}

/// A defined name: a name for a range or formula, global or local to one sheet.
public struct DefinedName: Sendable, Hashable {
    public var name: String
    /// The formula text without `=`, e.g. `客户!$A$1:$D$20`.
    public var formula: String
    /// The 0-based index of the sheet it is local to, or nil for a workbook-wide name.
    public var localSheet: Int?
    public var isHidden: Bool

    public init(name: String, formula: String, localSheet: Int? = nil, isHidden: Bool = false) {
        self.name = name
        self.formula = formula
        self.localSheet = localSheet
        self.isHidden = isHidden
    }
}

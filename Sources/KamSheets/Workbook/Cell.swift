/// One cell: position, value, formula and style.
public struct Cell: Sendable, Hashable {
    /// 0-based row.
    public var row: Int
    /// 0-based column.
    public var column: Int
    /// The value, or the formula's cached result; nil when empty.
    public var value: CellValue?
    /// The formula text without the leading `=`, in the file format's own syntax (XLSX A1, ODS `of:`).
    public var formula: String?
    /// Index into `Workbook.styles` (0: default).
    public var style: Int

    /// Creates a cell.
    public init(row: Int, column: Int, value: CellValue?, formula: String? = nil, style: Int = 0) {
        self.row = row
        self.column = column
        self.value = value
        self.formula = formula
        self.style = style
    }

    /// The position as a reference.
    public var reference: CellReference { CellReference(row: row, column: column) }
}

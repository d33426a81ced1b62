/// Where a value came from or where a person fixes it: file, sheet and cell (A1 text).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The workbook's file name (or path) as the user gave it.
    public var file: String
    public var sheet: String
    /// A1 reference, e.g. `F7`.
    public var cell: String

    public init(file: String, sheet: String, cell: String) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
    }

    /// `file 重点客户!F7`.
    public var description: String { "\(file) \(sheet)!\(cell)" }
}

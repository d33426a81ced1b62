/// Hard bounds on what a workbook may ask kam to hold. Each has a hostile fixture and a test.
public struct SpreadsheetLimits: Sendable, Equatable {
    /// The most cells one sheet may expand to (ODS repeats, absurd references).
    public var maxCellsPerSheet: Int
    /// The most sheets.
    public var maxSheets: Int
    /// The most characters in one text node or cell.
    public var maxStringBytes: Int
    /// The most shared strings.
    public var maxSharedStrings: Int
    /// The deepest XML element nesting.
    public var maxXMLDepth: Int
    /// The most repeated copies of one non-empty ODS cell or row that are expanded.
    public var maxRepeat: Int
    /// The most bytes a small part (workbook, rels, styles) may inflate to.
    public var maxSmallPartBytes: Int

    public init(maxCellsPerSheet: Int, maxSheets: Int, maxStringBytes: Int, maxSharedStrings: Int,
                maxXMLDepth: Int, maxRepeat: Int, maxSmallPartBytes: Int) {
        self.maxCellsPerSheet = maxCellsPerSheet
        self.maxSheets = maxSheets
        self.maxStringBytes = maxStringBytes
        self.maxSharedStrings = maxSharedStrings
        self.maxXMLDepth = maxXMLDepth
        self.maxRepeat = maxRepeat
        self.maxSmallPartBytes = maxSmallPartBytes
    }

    /// Defaults: Excel's own bounds where it has them (32,767 characters a cell; 17,179,869,184 cells a sheet
    /// is far beyond memory, so 50 million), generous elsewhere.
    public static let `default` = SpreadsheetLimits(
        maxCellsPerSheet: 50_000_000,
        maxSheets: 10_000,
        maxStringBytes: 1 << 20,
        maxSharedStrings: 20_000_000,
        maxXMLDepth: 256,
        maxRepeat: 1 << 20,
        maxSmallPartBytes: 256 << 20)
}

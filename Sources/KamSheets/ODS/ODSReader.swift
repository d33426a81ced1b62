import KamZip

/// Reads ODS workbooks. (Being built: see the ODS reader work.)
public final class ODSReader: SpreadsheetReader {
    public let path: String
    public var format: SpreadsheetFormat { .ods }
    public var sheets: [SheetInfo] = []
    public var styles: [CellStyle] = [CellStyle()]
    public var dateSystem: SpreadsheetDate.System = .from1900
    public var definedNames: [DefinedName] = []

    /// Opens the package's small parts.
    public init(archive: ZipArchive, path: String, limits: SpreadsheetLimits) throws(SpreadsheetError) {
        self.path = path
        throw SpreadsheetError(.notASpreadsheet("ODS reading is not built yet"), file: path)
    }

    public func cursor(sheet index: Int) throws(SpreadsheetError) -> any SheetCursor {
        throw SpreadsheetError(.notASpreadsheet("ODS reading is not built yet"), file: path)
    }
}

/// Writes a workbook as a new file, XLSX or ODS by the path's extension, replacing any file atomically.
public enum WorkbookWriter {
    /// Writes `workbook` to `path`. (Being built: see the writer work.)
    /// - Throws: `SpreadsheetError`.
    public static func write(_ workbook: Workbook, to path: String) throws(SpreadsheetError) {
        throw SpreadsheetError(.writeFailed("writing is not built yet"), file: path)
    }
}

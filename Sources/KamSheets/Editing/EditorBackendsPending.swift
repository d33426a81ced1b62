// Placeholders while the XLSX and ODS editor backends are being merged; this file goes when they land.
final class XLSXEditorBackend: EditorBackend {
    let sheetNames: [String] = []
    init(path: String) throws(SpreadsheetError) {
        throw SpreadsheetError(.writeFailed("XLSX in-place editing is not merged yet"), file: path)
    }
    func write(_ operations: [EditOperation], to path: String) throws(SpreadsheetError) {}
}

final class ODSEditorBackend: EditorBackend {
    let sheetNames: [String] = []
    init(path: String) throws(SpreadsheetError) {
        throw SpreadsheetError(.writeFailed("ODS in-place editing is not merged yet"), file: path)
    }
    func write(_ operations: [EditOperation], to path: String) throws(SpreadsheetError) {}
}

// Placeholder while the ODS editor backend is being merged; this file goes when it lands.
final class ODSEditorBackend: EditorBackend {
    let sheetNames: [String] = []
    init(path: String) throws(SpreadsheetError) {
        throw SpreadsheetError(.writeFailed("ODS in-place editing is not merged yet"), file: path)
    }
    func write(_ operations: [EditOperation], to path: String) throws(SpreadsheetError) {}
}

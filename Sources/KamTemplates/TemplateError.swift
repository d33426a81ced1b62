import KamSheets

/// Why a template could not be filled or a filled copy not read back, and where.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        /// A tag or directive that does not parse.
        case badBinding(BindingError)
        /// The workbook holds no `{{…}}` markers (and no `_kam` binding sheet).
        case noMarkers
        /// The workbook was filled before (it has a `_kam` sheet): fill the template, not a filled copy.
        case alreadyFilled
        /// Reading back: the workbook has no `_kam` binding sheet.
        case notFilled
        /// Reading back: the `_kam` sheet is damaged.
        case badRecord(String)
        /// The workbook could not be read or written.
        case sheets(SpreadsheetError)
    }
    public var reason: Reason
    public var file: String

    public init(_ reason: Reason, file: String) {
        self.reason = reason
        self.file = file
    }

    public var description: String {
        switch reason {
        case .badBinding(let b): "\(file): \(b)"
        case .noMarkers: "\(file): no {{…}} bindings in the workbook"
        case .alreadyFilled: "\(file): already filled (it has a _kam sheet); fill the template instead"
        case .notFilled: "\(file): not a filled template (no _kam sheet)"
        case .badRecord(let m): "\(file): the _kam sheet is damaged: \(m)"
        case .sheets(let e): "\(e)"
        }
    }
}

import Foundation

/// One change the editor applies at save, in the order it was asked for.
public enum EditOperation: Sendable, Hashable {
    /// Sets a cell's value (nil clears it) and optionally its formula and style; the cell keeps its own style
    /// when `style` is nil.
    case setCell(sheet: String, cell: CellReference, value: CellValue?, formula: String?, style: StyleChange?)
    /// Changes a cell's look and leaves its value (and formula) alone.
    case setStyle(sheet: String, cell: CellReference, style: StyleChange)
    /// Attaches a comment (note) to a cell, replacing one kam added before.
    case setComment(sheet: String, cell: CellReference, text: String, author: String)
    /// Inserts rows before `at`; the new rows take the style of row `styleFrom` (as it was before the insert).
    case insertRows(sheet: String, at: Int, count: Int, styleFrom: Int?)
    case deleteRows(sheet: String, at: Int, count: Int)
    case insertColumns(sheet: String, at: Int, count: Int)
    case deleteColumns(sheet: String, at: Int, count: Int)
    /// Appends an empty worksheet.
    case addSheet(name: String)
    /// Moves a sheet to a 0-based position in the tab order.
    case moveSheet(name: String, to: Int)
    case setVisibility(sheet: String, visibility: SheetVisibility)
    /// Creates or replaces a defined name (`formula` without `=`, A1 style, e.g. `客户!$A$1:$D$9`).
    case setDefinedName(name: String, formula: String, localSheet: String?)

    /// The sheet an operation concerns, if one.
    public var sheet: String? {
        switch self {
        case .setCell(let s, _, _, _, _), .setStyle(let s, _, _), .setComment(let s, _, _, _), .insertRows(let s, _, _, _), .deleteRows(let s, _, _),
             .insertColumns(let s, _, _), .deleteColumns(let s, _, _), .setVisibility(let s, _):
            return s
        case .addSheet(let n), .moveSheet(let n, _): return n
        case .setDefinedName(_, _, let s): return s
        }
    }
}

/// A change of a cell's look.
public enum StyleChange: Sendable, Hashable {
    /// Replace the style with this one.
    case replace(CellStyle)
    /// Keep the cell's style but give it a solid background of `RRGGBB` (the validation report's highlights).
    case fill(String)
}

/// What a format's editor does at save: writes a new package from the source and the operations.
protocol EditorBackend: AnyObject {
    /// Sheet names in workbook order.
    var sheetNames: [String] { get }
    /// Writes the edited package to `path` (a new file); the source is not touched.
    func write(_ operations: [EditOperation], to path: String) throws(SpreadsheetError)
}

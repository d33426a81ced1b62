/// A rectangle of cells, inclusive at both corners.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    /// The top-left cell.
    public var start: CellReference
    /// The bottom-right cell.
    public var end: CellReference

    /// Creates a range; the corners are ordered so that `start` is top-left.
    public init(_ a: CellReference, _ b: CellReference) {
        start = CellReference(row: min(a.row, b.row), column: min(a.column, b.column))
        end = CellReference(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    /// Parses `A1:C3` (or a single `A1`).
    public init?(a1: String) {
        let parts = a1.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let a = CellReference(a1: String(parts[0])),
              let b = CellReference(a1: String(parts[parts.count - 1])) else { return nil }
        self.init(a, b)
    }

    /// `A1:C3`, or `A1` for a single cell.
    public var a1: String { start == end ? start.a1 : "\(start.a1):\(end.a1)" }
    public var description: String { a1 }

    /// Whether the range holds `ref`.
    public func contains(_ ref: CellReference) -> Bool {
        ref.row >= start.row && ref.row <= end.row && ref.column >= start.column && ref.column <= end.column
    }

    /// Rows spanned.
    public var rowCount: Int { end.row - start.row + 1 }
    /// Columns spanned.
    public var columnCount: Int { end.column - start.column + 1 }
}

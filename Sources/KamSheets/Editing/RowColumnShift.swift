/// An insertion or deletion of whole rows or columns in one sheet, and how it moves references.
///
/// Rules (as Excel and LibreOffice apply them): inserting before index `at` moves every reference at or past `at`
/// by `count`; a range whose interior spans the insertion point grows. Deleting `[at, at+count)` pulls later
/// references back; a range loses the deleted part and becomes `#REF!` only when nothing of it is left; a single
/// cell inside the deleted band becomes `#REF!`.
public struct RowColumnShift: Sendable, Hashable {
    /// Rows or columns.
    public enum Axis: Sendable, Hashable { case rows, columns }

    public var axis: Axis
    /// 0-based index of the first row/column inserted or deleted.
    public var at: Int
    /// Positive: that many inserted before `at`. Negative: that many deleted starting at `at`.
    public var count: Int

    /// Creates a shift.
    public init(axis: Axis, at: Int, count: Int) {
        self.axis = axis
        self.at = at
        self.count = count
    }

    /// Inserts `count` rows before 0-based row `at`.
    public static func insertRows(at: Int, count: Int) -> RowColumnShift { .init(axis: .rows, at: at, count: count) }
    /// Deletes `count` rows starting at 0-based row `at`.
    public static func deleteRows(at: Int, count: Int) -> RowColumnShift { .init(axis: .rows, at: at, count: -count) }
    /// Inserts `count` columns before 0-based column `at`.
    public static func insertColumns(at: Int, count: Int) -> RowColumnShift { .init(axis: .columns, at: at, count: count) }
    /// Deletes `count` columns starting at 0-based column `at`.
    public static func deleteColumns(at: Int, count: Int) -> RowColumnShift { .init(axis: .columns, at: at, count: -count) }

    /// Whether this removes rows/columns.
    public var isDeletion: Bool { count < 0 }

    /// The new index of a single row/column index, or nil when it was deleted.
    public func move(_ i: Int) -> Int? {
        if count >= 0 { return i >= at ? i + count : i }
        let n = -count
        if i < at { return i }
        if i < at + n { return nil }
        return i - n
    }

    /// The new span of an inclusive index span `[a, b]`, or nil when all of it was deleted.
    public func move(span a: Int, _ b: Int) -> (Int, Int)? {
        if count >= 0 {
            let na = a >= at ? a + count : a
            let nb = b >= at ? b + count : b
            return (na, nb)
        }
        let n = -count
        let delEnd = at + n - 1
        if a >= at && b <= delEnd { return nil }
        var na = a, nb = b
        if a > delEnd { na = a - n } else if a >= at { na = at }
        if b > delEnd { nb = b - n } else if b >= at { nb = at - 1 }
        return nb >= na ? (na, nb) : nil
    }

    /// A cell reference moved, or nil when deleted.
    public func move(_ ref: CellReference) -> CellReference? {
        switch axis {
        case .rows: return move(ref.row).map { CellReference(row: $0, column: ref.column) }
        case .columns: return move(ref.column).map { CellReference(row: ref.row, column: $0) }
        }
    }

    /// A range moved (grown, shrunk), or nil when all of it was deleted.
    public func move(_ range: CellRange) -> CellRange? {
        switch axis {
        case .rows:
            guard let (a, b) = move(span: range.start.row, range.end.row) else { return nil }
            return CellRange(CellReference(row: a, column: range.start.column), CellReference(row: b, column: range.end.column))
        case .columns:
            guard let (a, b) = move(span: range.start.column, range.end.column) else { return nil }
            return CellRange(CellReference(row: range.start.row, column: a), CellReference(row: range.end.row, column: b))
        }
    }
}

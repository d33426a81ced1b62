/// One structural edit of a workbook: rows or columns inserted or deleted in a named sheet.
public struct StructuralEdit: Sendable, Hashable {
    /// The sheet whose rows/columns move.
    public var sheet: String
    public var shift: RowColumnShift

    public init(sheet: String, shift: RowColumnShift) {
        self.sheet = sheet
        self.shift = shift
    }

    /// Moves A1-style references inside a formula that lives in sheet `home` (nil: workbook scope).
    public func shiftFormula(_ formula: String, home: String?) -> String {
        FormulaReferenceShifter(shift: shift, target: sheet).shiftFormula(formula, home: home)
    }
}

extension Array where Element == StructuralEdit {
    /// Applies the edits in order to a formula.
    public func shiftFormula(_ formula: String, home: String?) -> String {
        reduce(formula) { $1.shiftFormula($0, home: home) }
    }

    /// Applies the edits in order to a space-separated range list of sheet `home`; nil when nothing is left.
    public func shiftRangeList(_ list: String, home: String) -> String? {
        var cur: String? = list
        for e in self where e.sheet == home {
            guard let c = cur else { return nil }
            cur = FormulaReferenceShifter(shift: e.shift, target: e.sheet).shiftRangeList(c)
        }
        return cur
    }

    /// The final index of an original row (or column) of `sheet` after every edit, or nil when deleted.
    public func move(_ index: Int, axis: RowColumnShift.Axis, sheet: String) -> Int? {
        var i = index
        for e in self where e.sheet == sheet && e.shift.axis == axis {
            guard let n = e.shift.move(i) else { return nil }
            i = n
        }
        return i
    }

    /// The final position of an index that an edit inserted (for edits after it), or nil when a later edit
    /// deleted it.
    func moveInserted(_ index: Int, after position: Int, axis: RowColumnShift.Axis, sheet: String) -> Int? {
        var i = index
        for e in self[(position + 1)...] where e.sheet == sheet && e.shift.axis == axis {
            guard let n = e.shift.move(i) else { return nil }
            i = n
        }
        return i
    }

    /// Rows (or columns) of `sheet` that exist only because an edit inserted them: final index → the original
    /// index of the row whose style they take (nil: no style row).
    func insertedIndices(axis: RowColumnShift.Axis, sheet: String, styleFrom: [Int: Int]) -> [Int: Int?] {
        var out: [Int: Int?] = [:]
        for (k, e) in enumerated() where e.sheet == sheet && e.shift.axis == axis && e.shift.count > 0 {
            for j in 0..<e.shift.count {
                if let f = moveInserted(e.shift.at + j, after: k, axis: axis, sheet: sheet) {
                    out[f] = styleFrom[k]
                }
            }
        }
        return out
    }
}

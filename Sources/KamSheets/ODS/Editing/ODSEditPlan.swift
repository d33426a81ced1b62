/// A cell edit as the ODS editor applies it: the last `setCell`, `setStyle` and `setComment` for one cell merged.
struct ODSCellEdit: Sendable, Hashable {
    /// Whether the value (and formula) is replaced; false for a style or comment change only.
    var setsContent = false
    var value: CellValue?
    /// The formula as given (A1 syntax without `=`, or ODF `of:=…`).
    var formula: String?
    var style: StyleChange?
    var comment: Comment?

    struct Comment: Sendable, Hashable {
        var text: String
        var author: String
    }
}

/// What happens to one table: its row and column maps, inserted rows, cell edits (by final position), and its
/// visibility.
struct ODSTablePlan: Sendable {
    var name: String
    /// Appended by `addSheet`.
    var isNew = false
    var rows = ODSIndexMap()
    var columns = ODSIndexMap()
    /// The row and column shifts of this table in order (for merged spans).
    var rowShifts: [RowColumnShift] = []
    var columnShifts: [RowColumnShift] = []
    /// Final row → the original row whose styles it copies (nil: none).
    var insertedRows: [Int: Int?] = [:]
    /// Final row → final column → edit.
    var writes: [Int: [Int: ODSCellEdit]] = [:]
    var visibility: SheetVisibility?
    /// Local defined names: name → A1 formula.
    var localNames: [(name: String, formula: String)] = []

    init(name: String) { self.name = name }

    /// Whether the rows of this table need the row rewriter (anything but a formula shift).
    var touchesCells: Bool {
        isNew || !rows.isIdentity || !columns.isIdentity || !insertedRows.isEmpty || !writes.isEmpty
    }

    /// Original rows whose styles inserted rows copy.
    var templateRows: Set<Int> { Set(insertedRows.values.compactMap { $0 }) }

    /// Moves a span `[a, b]` of original rows or columns through this table's shifts; nil when deleted.
    func move(span a: Int, _ b: Int, axis: RowColumnShift.Axis) -> (Int, Int)? {
        var cur: (Int, Int)? = (a, b)
        for s in axis == .rows ? rowShifts : columnShifts {
            guard let c = cur else { return nil }
            cur = s.move(span: c.0, c.1)
        }
        return cur
    }
}

/// Every edit of a `write`, sorted out per table and in the order the formulas need them.
struct ODSEditPlan: Sendable {
    var tables: [String: ODSTablePlan] = [:]
    /// Names of the tables `addSheet` appends, in order.
    var added: [String] = []
    /// Added tables that go before the existing ones (moved to the front, e.g. a validation report sheet).
    var addedFirst: [String] = []
    /// The structural edits in order (for references in formulas, names, charts).
    var edits: [StructuralEdit] = []
    /// Global defined names: name → A1 formula, in order.
    var globalNames: [(name: String, formula: String)] = []

    private var known: Set<String> = []

    private func tablePlan(_ sheet: String, file: String) throws(SpreadsheetError) -> ODSTablePlan {
        guard known.contains(sheet) else { throw SpreadsheetError(.sheetNotFound(sheet), file: file, sheet: sheet) }
        return tables[sheet] ?? ODSTablePlan(name: sheet)
    }

    var isEmpty: Bool { tables.isEmpty && added.isEmpty && edits.isEmpty && globalNames.isEmpty }

    /// Sorts the operations out.
    /// - Throws: `SpreadsheetError` for an unknown sheet, a bad index, a duplicate new sheet.
    init(_ operations: [EditOperation], sheetNames: [String], file: String) throws(SpreadsheetError) {
        known = Set(sheetNames)
        func plan(_ sheet: String) throws(SpreadsheetError) -> ODSTablePlan { try tablePlan(sheet, file: file) }
        func check(_ cell: CellReference, _ sheet: String) throws(SpreadsheetError) {
            guard cell.row >= 0, cell.row <= CellReference.maxRow, cell.column >= 0, cell.column <= CellReference.maxColumn else {
                throw SpreadsheetError(.invalidCellReference("row \(cell.row + 1), column \(cell.column + 1)"), file: file, sheet: sheet)
            }
        }
        func edit(_ sheet: String, _ cell: CellReference, _ change: (inout ODSCellEdit) -> Void) throws(SpreadsheetError) {
            try check(cell, sheet)
            var p = try plan(sheet)
            var e = p.writes[cell.row]?[cell.column] ?? ODSCellEdit()
            change(&e)
            p.writes[cell.row, default: [:]][cell.column] = e
            tables[sheet] = p
        }
        for op in operations {
            switch op {
            case .setCell(let sheet, let cell, let value, let formula, let style):
                try edit(sheet, cell) { e in
                    e.setsContent = true
                    e.value = value
                    e.formula = formula
                    if let style { e.style = style }
                }
            case .setStyle(let sheet, let cell, let style):
                try edit(sheet, cell) { $0.style = style }
            case .setComment(let sheet, let cell, let text, let author):
                try edit(sheet, cell) { $0.comment = ODSCellEdit.Comment(text: text, author: author) }
            case .insertRows(let sheet, let at, let count, let styleFrom):
                try structural(sheet, .insertRows(at: at, count: count), styleFrom: styleFrom, file: file)
            case .deleteRows(let sheet, let at, let count):
                try structural(sheet, .deleteRows(at: at, count: count), styleFrom: nil, file: file)
            case .insertColumns(let sheet, let at, let count):
                try structural(sheet, .insertColumns(at: at, count: count), styleFrom: nil, file: file)
            case .deleteColumns(let sheet, let at, let count):
                try structural(sheet, .deleteColumns(at: at, count: count), styleFrom: nil, file: file)
            case .addSheet(let name):
                guard !known.contains(name) else {
                    throw SpreadsheetError(.invalidValue("a sheet named \(name) already exists"), file: file, sheet: name)
                }
                guard !name.isEmpty, !name.contains(where: { "[]*?:/\\".contains($0) }) else {
                    throw SpreadsheetError(.invalidValue("\(name) is not a valid sheet name"), file: file, sheet: name)
                }
                known.insert(name)
                added.append(name)
                var p = ODSTablePlan(name: name)
                p.isNew = true
                tables[name] = p
            case .moveSheet(let name, let position):
                // Moving a table means moving its whole XML, which a streaming pass cannot do for existing
                // tables; added tables can be placed first.
                guard added.contains(name), position == 0 else {
                    throw SpreadsheetError(.invalidValue("moving an existing sheet in an ODS file is not supported"), file: file, sheet: name)
                }
                added.removeAll { $0 == name }
                addedFirst.removeAll { $0 == name }
                addedFirst.insert(name, at: 0)
            case .setVisibility(let sheet, let visibility):
                var p = try plan(sheet)
                p.visibility = visibility
                tables[sheet] = p
            case .setDefinedName(let name, let formula, let localSheet):
                guard !name.isEmpty else { throw SpreadsheetError(.invalidValue("an empty defined name"), file: file) }
                if let localSheet {
                    var p = try plan(localSheet)
                    p.localNames.removeAll { $0.name == name }
                    p.localNames.append((name, formula))
                    tables[localSheet] = p
                } else {
                    globalNames.removeAll { $0.name == name }
                    globalNames.append((name, formula))
                }
            }
        }
    }

    private mutating func structural(_ sheet: String, _ shift: RowColumnShift, styleFrom: Int?, file: String) throws(SpreadsheetError) {
        var p = try tablePlan(sheet, file: file)
        let limit = shift.axis == .rows ? CellReference.maxRow : CellReference.maxColumn
        let n = abs(shift.count)
        guard shift.at >= 0, shift.at <= limit, n >= 1, n <= limit + 1 else {
            throw SpreadsheetError(.invalidValue("cannot \(shift.isDeletion ? "delete" : "insert") \(n) \(shift.axis == .rows ? "rows" : "columns") at \(shift.at + 1)"),
                                   file: file, sheet: sheet)
        }
        // The template row, as an original row (or the template of an inserted one), found before the insert moves it.
        var template: Int?? = nil
        if shift.axis == .rows, shift.count > 0, let from = styleFrom {
            if let o = p.rows.original(of: from) { template = .some(o) } else { template = p.insertedRows[from] ?? .some(nil) }
        }
        // Writes and inserted rows are kept in current coordinates: move them.
        if shift.axis == .rows {
            var w: [Int: [Int: ODSCellEdit]] = [:]
            for (r, cells) in p.writes { if let nr = shift.move(r) { w[nr] = cells } }
            p.writes = w
            var ins: [Int: Int?] = [:]
            for (r, t) in p.insertedRows { if let nr = shift.move(r) { ins[nr] = t } }
            p.insertedRows = ins
            p.rows.apply(shift)
            p.rowShifts.append(shift)
            if shift.count > 0 {
                for k in 0..<shift.count { p.insertedRows[shift.at + k] = template ?? nil }
            }
        } else {
            var w: [Int: [Int: ODSCellEdit]] = [:]
            for (r, cells) in p.writes {
                var row: [Int: ODSCellEdit] = [:]
                for (c, e) in cells { if let nc = shift.move(c) { row[nc] = e } }
                if !row.isEmpty { w[r] = row }
            }
            p.writes = w
            p.columns.apply(shift)
            p.columnShifts.append(shift)
        }
        tables[sheet] = p
        edits.append(StructuralEdit(sheet: sheet, shift: shift))
    }
}

extension Array where Element == StructuralEdit {
    /// Applies the edits in order to an ODF formula (`of:=SUM([.B2:.B9])`) of table `home`.
    func shiftODSFormula(_ formula: String, home: String?) -> String {
        reduce(formula) { ODSReferenceShifter(shift: $1.shift, target: $1.sheet).shiftFormula($0, home: home) }
    }

    /// Applies the edits in order to a space-separated list of ODF range addresses; nil when nothing is left.
    func shiftODSAddressList(_ list: String, home: String?) -> String? {
        var cur: String? = list
        for e in self {
            guard let c = cur else { return nil }
            cur = ODSReferenceShifter(shift: e.shift, target: e.sheet).shiftAddressList(c, home: home)
        }
        return cur
    }
}

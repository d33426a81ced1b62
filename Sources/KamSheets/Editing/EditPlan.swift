/// The operations of an edit session resolved into what a format's backend writes: structural edits in order,
/// every cell write at its final position, inserted rows with the original row whose style they copy, comments,
/// and the workbook-level changes.
struct EditPlan {
    /// What to write into one cell (final coordinates). A later write to the same cell overrides the earlier.
    struct CellWrite {
        /// nil: the value is untouched (a style-only change); `.some(nil)`: the cell is emptied.
        var value: CellValue??
        var formula: String?
        var style: StyleChange?
    }

    struct Comment {
        var cell: CellReference
        var text: String
        var author: String
    }

    var structural: [StructuralEdit] = []
    /// Sheet → final row → final column → write.
    var writes: [String: [Int: [Int: CellWrite]]] = [:]
    /// Sheet → final row index of an inserted row → original row whose style it copies (nil: none).
    var insertedRows: [String: [Int: Int?]] = [:]
    var comments: [String: [Comment]] = [:]
    var addedSheets: [String] = []
    /// Sheet moves in the order asked: name → new 0-based position.
    var moves: [(name: String, position: Int)] = []
    var visibility: [String: SheetVisibility] = [:]
    var definedNames: [(name: String, formula: String, localSheet: String?)] = []

    /// Sheets whose cells or rows change.
    var touchedSheets: Set<String> {
        Set(writes.keys).union(structural.map(\.sheet)).union(comments.keys)
    }

    init(_ operations: [EditOperation]) {
        var styleFrom: [Int: Int?] = [:]
        // Each write remembers how many structural edits came before it; later ones move it.
        var pending: [(sheet: String, cell: CellReference, after: Int, write: CellWrite)] = []
        var pendingComments: [(sheet: String, cell: CellReference, after: Int, comment: Comment)] = []
        for op in operations {
            switch op {
            case .setCell(let sheet, let cell, let value, let formula, let style):
                pending.append((sheet, cell, structural.count, CellWrite(value: .some(value), formula: formula, style: style)))
            case .setStyle(let sheet, let cell, let style):
                pending.append((sheet, cell, structural.count, CellWrite(value: nil, formula: nil, style: style)))
            case .setComment(let sheet, let cell, let text, let author):
                pendingComments.append((sheet, cell, structural.count, Comment(cell: cell, text: text, author: author)))
            case .insertRows(let sheet, let at, let count, let from):
                styleFrom[structural.count] = from.flatMap { Self.original(row: $0, before: structural.count, in: structural, sheet: sheet, styleFrom: styleFrom) }
                structural.append(StructuralEdit(sheet: sheet, shift: .insertRows(at: at, count: count)))
            case .deleteRows(let sheet, let at, let count):
                structural.append(StructuralEdit(sheet: sheet, shift: .deleteRows(at: at, count: count)))
            case .insertColumns(let sheet, let at, let count):
                structural.append(StructuralEdit(sheet: sheet, shift: .insertColumns(at: at, count: count)))
            case .deleteColumns(let sheet, let at, let count):
                structural.append(StructuralEdit(sheet: sheet, shift: .deleteColumns(at: at, count: count)))
            case .addSheet(let name):
                addedSheets.append(name)
            case .moveSheet(let name, let position):
                moves.append((name, position))
            case .setVisibility(let sheet, let v):
                visibility[sheet] = v
            case .setDefinedName(let name, let formula, let local):
                definedNames.removeAll { $0.name.lowercased() == name.lowercased() && $0.localSheet == local }
                definedNames.append((name, formula, local))
            }
        }
        for p in pending {
            guard let final = move(p.cell, sheet: p.sheet, after: p.after) else { continue }
            var w = writes[p.sheet, default: [:]][final.row, default: [:]][final.column] ?? CellWrite(value: nil, formula: nil, style: nil)
            if let v = p.write.value { w.value = v; w.formula = p.write.formula }
            if let s = p.write.style { w.style = s }
            writes[p.sheet, default: [:]][final.row, default: [:]][final.column] = w
        }
        for c in pendingComments {
            guard let final = move(c.cell, sheet: c.sheet, after: c.after) else { continue }
            var comment = c.comment
            comment.cell = final
            comments[c.sheet, default: []].removeAll { $0.cell == final }
            comments[c.sheet, default: []].append(comment)
        }
        for sheet in Set(structural.map(\.sheet)) {
            let rows = structural.insertedIndices(axis: .rows, sheet: sheet, styleFrom: styleFrom.compactMapValues { $0 })
            if !rows.isEmpty { insertedRows[sheet] = rows }
        }
    }

    /// Where a cell named after `after` structural edits ends up.
    private func move(_ cell: CellReference, sheet: String, after: Int) -> CellReference? {
        var r = cell
        for e in structural[after...] where e.sheet == sheet {
            guard let m = e.shift.move(r) else { return nil }
            r = m
        }
        return r
    }

    /// The original row that row `row` (as the sheet was after `before` edits) was; for a row an edit inserted,
    /// the original row that insert copies.
    private static func original(row: Int, before: Int, in edits: [StructuralEdit], sheet: String,
                                 styleFrom: [Int: Int?]) -> Int? {
        var r = row
        var k = before - 1
        while k >= 0 {
            let e = edits[k]
            if e.sheet == sheet && e.shift.axis == .rows {
                let a = e.shift.at, c = e.shift.count
                if c > 0 {
                    if r >= a + c { r -= c } else if r >= a { return styleFrom[k] ?? nil }
                } else if r >= a {
                    r += -c
                }
            }
            k -= 1
        }
        return r
    }

    /// The original rows whose style inserted rows copy, per sheet.
    var templateRows: [String: Set<Int>] {
        insertedRows.mapValues { Set($0.values.compactMap { $0 }) }
    }
}

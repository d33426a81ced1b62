import Foundation
import KamModel
import KamSheets

/// Fills a template: evaluates its bindings against the model and turns them into in-place editor operations —
/// cells set, rows inserted for repeating blocks in the template row's style, formulas of the template row copied
/// down — and records the binding (hidden `_kam` sheet, `kam_N` defined names) so the filled copy reads back.
public struct TemplateFiller: Sendable {
    public var data: TemplateData
    /// The name recorded as the template (e.g. `plan-summary`).
    public var templateName: String

    public init(data: TemplateData, templateName: String) {
        self.data = data
        self.templateName = templateName
    }

    /// What a fill did.
    public struct Result: Sendable, Hashable {
        /// The editor operations, in the order they are applied.
        public var operations: [EditOperation]
        /// The recorded binding (final positions).
        public var record: BindingRecord
        /// Rows written per block (`sheet!row` of the template row → count).
        public var rowsPerBlock: [String: Int]
    }

    /// Fills `template` into `output` with the in-place editor.
    /// - Throws: `TemplateError`.
    public func fill(template: String, output: String) throws(TemplateError) -> Result {
        let wb: Workbook
        do { wb = try Workbooks.open(template).readWorkbook() } catch { throw TemplateError(.sheets(error), file: template) }
        let result = try operations(for: wb, file: template)
        do {
            let editor = try WorkbookEditor(path: template)
            try Self.apply(result.operations, to: editor)
            try editor.save(to: output)
        } catch {
            throw TemplateError(.sheets(error), file: template)
        }
        return result
    }

    /// Replays operations on an editor.
    /// - Throws: `SpreadsheetError` from the editor.
    public static func apply(_ ops: [EditOperation], to editor: WorkbookEditor) throws(SpreadsheetError) {
        try editor.apply(ops)
    }

    /// The operations that fill a template workbook (pure: no file is touched).
    /// - Throws: `TemplateError` (`.badBinding`, `.noMarkers`, `.alreadyFilled`).
    public func operations(for wb: Workbook, file: String) throws(TemplateError) -> Result {
        if wb.sheet(named: BindingRecord.sheetName) != nil { throw TemplateError(.alreadyFilled, file: file) }
        let scan: TemplateScan
        do { scan = try TemplateScan.scan(wb) } catch { throw TemplateError(.badBinding(error), file: file) }
        if scan.isEmpty { throw TemplateError(.noMarkers, file: file) }
        let root = TemplateContext.build(data)
        let scope = TemplateScope(root: root)

        // Work bottom-up within each sheet so that inserting a block's rows never moves a cell still to be set.
        enum Job { case cell(TemplateScan.BoundCell), block(TemplateScan.Block) }
        var jobs: [(sheet: String, row: Int, col: Int, job: Job)] =
            scan.cells.map { ($0.sheet, $0.cell.row, $0.cell.column, .cell($0)) }
            + scan.blocks.map { ($0.sheet, $0.row, $0.firstColumn, .block($0)) }
        let sheetOrder = Dictionary(uniqueKeysWithValues: wb.sheets.enumerated().map { ($1.name, $0) })
        jobs.sort { a, b in
            let sa = sheetOrder[a.sheet] ?? 0, sb = sheetOrder[b.sheet] ?? 0
            return sa != sb ? sa < sb : a.row != b.row ? a.row > b.row : a.col < b.col
        }

        var ops: [EditOperation] = []
        var inserted: [String: [(row: Int, count: Int)]] = [:]   // extra rows per sheet, by template row
        var rowsPerBlock: [String: Int] = [:]
        var itemCounts: [String: Int] = [:]
        for job in jobs {
            switch job.job {
            case .cell(let b):
                let (value, format) = evaluate(b.template, scope)
                ops.append(.setCell(sheet: b.sheet, cell: b.cell, value: value, formula: nil,
                                    style: styleChange(format, styleIndex: b.style, scan.styles)))
            case .block(let b):
                let items = scope.items(b.directive)
                let key = "\(b.sheet)!\(b.row)"
                rowsPerBlock[key] = items.count
                itemCounts[key] = items.count
                if items.count > 1 {
                    ops.append(.insertRows(sheet: b.sheet, at: b.row + 1, count: items.count - 1, styleFrom: b.row))
                    inserted[b.sheet, default: []].append((b.row, items.count - 1))
                }
                if items.isEmpty {
                    for col in b.templates.keys.sorted() {
                        ops.append(.setCell(sheet: b.sheet, cell: CellReference(row: b.row, column: col), value: nil,
                                            formula: nil, style: nil))
                    }
                }
                for (i, item) in items.enumerated() {
                    let rowScope = TemplateScope(root: root, item: item, rowNumber: i + 1)
                    for col in b.firstColumn...b.lastColumn {
                        let ref = CellReference(row: b.row + i, column: col)
                        if let t = b.templates[col] {
                            let (value, format) = evaluate(t, rowScope)
                            ops.append(.setCell(sheet: b.sheet, cell: ref, value: value, formula: nil,
                                                style: styleChange(format, styleIndex: b.cells[col]?.style ?? 0, scan.styles)))
                        } else if i > 0, let c = b.cells[col] {
                            // Literal text and formulas of the template row repeat on every row.
                            if let f = c.formula {
                                ops.append(.setCell(sheet: b.sheet, cell: ref, value: nil,
                                                    formula: FormulaRows.shift(f, by: i), style: nil))
                            } else if c.value != nil {
                                ops.append(.setCell(sheet: b.sheet, cell: ref, value: c.value, formula: nil, style: nil))
                            }
                        }
                    }
                }
            }
        }

        // Final positions: a binding moves down by the rows inserted by blocks above it in its sheet.
        func shift(_ sheet: String, _ row: Int) -> Int {
            (inserted[sheet] ?? []).filter { $0.row < row }.reduce(0) { $0 + $1.count }
        }
        var entries: [BindingRecord.Entry] = []
        var n = 0
        let ordered = jobs.reversed().sorted { a, b in
            let sa = sheetOrder[a.sheet] ?? 0, sb = sheetOrder[b.sheet] ?? 0
            return sa != sb ? sa < sb : a.row != b.row ? a.row < b.row : a.col < b.col
        }
        for job in ordered {
            n += 1
            switch job.job {
            case .cell(let b):
                let ref = CellReference(row: b.cell.row + shift(b.sheet, b.cell.row), column: b.cell.column)
                entries.append(.init(name: "kam_\(n)", kind: .value, sheet: b.sheet, range: CellRange(ref, ref),
                                     text: b.template.source, columns: []))
            case .block(let b):
                let top = b.row + shift(b.sheet, b.row)
                let count = max(1, itemCounts["\(b.sheet)!\(b.row)"] ?? 1)
                let range = CellRange(CellReference(row: top, column: b.firstColumn),
                                      CellReference(row: top + count - 1, column: b.lastColumn))
                let columns = (b.firstColumn...b.lastColumn).map { b.templates[$0]?.source ?? "" }
                entries.append(.init(name: "kam_\(n)", kind: .each, sheet: b.sheet, range: range,
                                     text: b.directive.source, columns: columns))
            }
        }
        var record = BindingRecord(template: templateName, planID: data.plan.id, planKind: data.plan.kind?.rawValue ?? "",
                                   period: data.period.description, customerID: data.customerID?.rawValue ?? "",
                                   entries: entries)
        // `.actual` shows the live figure where the plan has none; remember it so reading back does not store it.
        if case .list(let kpis) = root.member("plan").member("kpis") {
            for (k, v) in zip(data.plan.kpis, kpis) where k.actual == nil {
                if case .object(let o) = v, let key = o.key, case .number(let n)? = o.fields["current"] {
                    record.liveFigures[key] = n
                }
            }
        }
        ops.append(.addSheet(name: BindingRecord.sheetName))
        for (r, values) in record.rows.enumerated() {
            for (c, v) in values.enumerated() where v != nil {
                ops.append(.setCell(sheet: BindingRecord.sheetName, cell: CellReference(row: r, column: c), value: v,
                                    formula: nil, style: nil))
            }
        }
        ops.append(.setVisibility(sheet: BindingRecord.sheetName, visibility: .hidden))
        for e in entries {
            ops.append(.setDefinedName(name: e.name, formula: BindingRecord.formula(sheet: e.sheet, range: e.range),
                                       localSheet: nil))
        }
        return Result(operations: ops, record: record, rowsPerBlock: rowsPerBlock)
    }

    /// A cell's value and the number format it needs (nil: keep the cell's own).
    func evaluate(_ t: CellTemplate, _ scope: TemplateScope) -> (CellValue?, String?) {
        if let tag = t.soleTag {
            return ValueConversion.cellValue(scope.resolve(tag.path), tag.format)
        }
        var s = ""
        for p in t.parts {
            switch p {
            case .literal(let l): s += l
            case .tag(let tag): s += ValueConversion.inlineText(scope.resolve(tag.path), tag.format)
            }
        }
        return (s.isEmpty ? nil : .string(s), nil)
    }

    /// A style replacement giving a cell the number format its value needs, only when the cell's own is General.
    func styleChange(_ format: String?, styleIndex: Int, _ styles: [CellStyle]) -> StyleChange? {
        guard let format else { return nil }
        var style = styles.indices.contains(styleIndex) ? styles[styleIndex] : CellStyle()
        guard style.numberFormat.lowercased() == "general" || style.numberFormat.isEmpty else { return nil }
        style.numberFormat = format
        return .replace(style)
    }
}

/// Copying a formula down: relative row numbers of its references move by the offset, `$`-anchored ones stay.
public enum FormulaRows {
    /// `B5*C5` shifted by 2 → `B7*C7`; `$B$5` stays; text in quotes is left alone. Works for XLSX A1 formulas
    /// and ODS `[.B5]` references alike.
    public static func shift(_ formula: String, by rows: Int) -> String {
        let chars = Array(formula)
        var out = ""
        var i = 0
        var inString = false
        while i < chars.count {
            let c = chars[i]
            if c == "\"" { inString.toggle(); out.append(c); i += 1; continue }
            if inString || !(c.isASCII && (c.isLetter || c == "$")) { out.append(c); i += 1; continue }
            let prev: Character? = i > 0 ? chars[i - 1] : nil
            if let p = prev, p.isLetter || p.isNumber || p == "_" {
                out.append(c); i += 1; continue
            }
            // Try [$]LETTERS[$]DIGITS not followed by a letter, digit or '('.
            var j = i
            if chars[j] == "$" { j += 1 }
            let lettersStart = j
            while j < chars.count, chars[j].isASCII, chars[j].isLetter { j += 1 }
            let letters = j - lettersStart
            var absRow = false
            if j < chars.count, chars[j] == "$" { absRow = true; j += 1 }
            let digitsStart = j
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            let next: Character? = j < chars.count ? chars[j] : nil
            if (1...3).contains(letters), j > digitsStart,
               !(next.map { $0.isLetter || $0.isNumber || $0 == "(" || $0 == "_" } ?? false),
               let row = Int(String(chars[digitsStart..<j])) {
                out += String(chars[i..<digitsStart]) + String(absRow ? row : row + rows)
                i = j
            } else {
                // Not a reference: copy the word whole so its tail is not mistaken for one.
                var k = i + 1
                while k < chars.count, chars[k].isLetter || chars[k].isNumber || chars[k] == "_" { k += 1 }
                out += String(chars[i..<k])
                i = k
            }
        }
        return out
    }
}

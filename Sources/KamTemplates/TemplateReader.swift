import Foundation
import KamModel
import KamSheets

/// Reads a filled template back into a plan: finds bound cells and rows through the recorded binding (the
/// `kam_N` defined names, which move with inserted rows; the `_kam` sheet's addresses when a name was lost),
/// and sets the plan fields their tags name from what the team typed.
///
/// Computed paths (`metrics.…`, `customers`, `.current`, …) are read-only and skipped. A repeating block over a
/// plan list replaces that list with its rows in their current order (rows typed just below the block, before
/// the next blank row, count as new rows); a block with `where` or `limit` updates items by key instead.
public struct TemplateReader: Sendable {
    public init() {}

    /// What a read found.
    public struct Result: Sendable, Hashable {
        /// The plan with what the workbook says applied.
        public var plan: Plan
        public var record: BindingRecord
        /// Bound values read (cells and block cells).
        public var valuesRead: Int
        /// Rows read per plan list (`plan.risks` → 4).
        public var rowsRead: [String: Int]
        /// Bindings located through the `_kam` sheet because their defined name was missing.
        public var fallbacks: [String]
        /// Customers whose fields a `customers` block changed, or new ones typed into it (when customers were
        /// given to read against), in the order met.
        public var customers: [Customer] = []
    }

    /// Reads a filled file.
    /// - Parameter base: the plan to apply to (the store's plan with the recorded id); nil starts a new one.
    /// - Throws: `TemplateError` (`.notFilled`, `.badRecord`, `.sheets`).
    /// - Parameter customers: the store's customers, to read `customers` blocks back against (nil: not read).
    public func read(_ path: String, base: Plan?, customers: [Customer]? = nil) throws(TemplateError) -> Result {
        let wb: Workbook
        do { wb = try Workbooks.open(path).readWorkbook() } catch { throw TemplateError(.sheets(error), file: path) }
        return try read(wb, file: path, base: base, customers: customers)
    }

    /// The plan id a filled file records, if any (to look its plan up before reading).
    public static func recordedPlanID(_ path: String) throws(TemplateError) -> String? {
        let wb: Workbook
        do { wb = try Workbooks.open(path).readWorkbook() } catch { throw TemplateError(.sheets(error), file: path) }
        return try BindingRecord.read(wb, file: path)?.planID
    }

    /// Reads a filled workbook already in memory.
    public func read(_ wb: Workbook, file: String, base: Plan?, customers: [Customer]? = nil) throws(TemplateError) -> Result {
        guard let record = try BindingRecord.read(wb, file: file) else { throw TemplateError(.notFilled, file: file) }
        var plan = base ?? Plan(id: record.planID.isEmpty ? "plan" : record.planID,
                                kind: PlanKind(rawValue: record.planKind), title: "")
        // A template may show a plan field twice (the annual plan's KPI table and its year-end review; the
        // maintenance plan's [X] targets and its KPI table). A binding is applied only when it changes the plan as
        // it was before reading, so an edit in one place is not undone by an untouched copy elsewhere.
        let original = plan
        func changes(_ apply: (inout Plan) -> Bool) -> Bool {
            var probe = original
            guard apply(&probe) else { return false }
            Self.dropLiveFigures(&probe, base: base, record: record)
            return probe != original
        }
        var names: [String: String] = [:]
        for n in wb.definedNames where n.localSheet == nil { names[n.name] = n.formula }

        var result = Result(plan: plan, record: record, valuesRead: 0, rowsRead: [:], fallbacks: [])
        var people: [CustomerID: Customer] = [:]
        for c in customers ?? [] { people[c.id] = c }
        var touched: [CustomerID] = []
        // Where every binding sits now.
        var located: [(BindingRecord.Entry, String, CellRange)] = []
        for e in record.entries {
            if let f = names[e.name], let (s, r) = BindingRecord.parseFormula(f) {
                located.append((e, s, r))
            } else {
                result.fallbacks.append(e.name)
                located.append((e, e.sheet, e.range))
            }
        }
        var grids: [String: [Int: [Int: Cell]]] = [:]
        for s in wb.sheets where s.kind == .worksheet {
            var g: [Int: [Int: Cell]] = [:]
            for c in s.cells { g[c.row, default: [:]][c.column] = c }
            grids[s.name] = g
        }

        for (e, sheet, range) in located {
            let grid = grids[sheet] ?? [:]
            switch e.kind {
            case .value:
                guard let t = try? BindingParser.parseCell(e.text) else { continue }
                let cell = grid[range.start.row]?[range.start.column]
                for (tag, value) in Self.values(t, cell?.value) where !tag.path.relative {
                    guard changes({ PlanPaths.assign(tag.path, value, tag.format, to: &$0) }) else {
                        if PlanPaths.isWritable(tag.path) { result.valuesRead += 1 }
                        continue
                    }
                    if PlanPaths.assign(tag.path, value, tag.format, to: &plan) { result.valuesRead += 1 }
                }
            case .each:
                guard let t = try? BindingParser.parseCell("{{#each " + e.text + "}}"), let d = t.each else { continue }
                let firstColumn = range.start.column
                let columns = e.columns.enumerated().compactMap { i, text -> (Int, CellTemplate)? in
                    guard let ct = try? BindingParser.parseCell(text) else { return nil }
                    return (firstColumn + i, ct)
                }
                // Other bindings of the sheet, which a block's rows never run into.
                let others = located.filter { $0.1 == sheet && $0.0.name != e.name }.map(\.2)
                var rows = Array(range.start.row...range.end.row)
                var next = range.end.row + 1
                while next <= range.end.row + 10_000,
                      !others.contains(where: { $0.start.row <= next && next <= $0.end.row }),
                      columns.contains(where: { grid[next]?[$0.0]?.value.flatMap(ValueConversion.text) != nil }) {
                    rows.append(next)
                    next += 1
                }
                var rowValues: [[(ValueTag, CellValue?)]] = []
                for r in rows {
                    var vs: [(ValueTag, CellValue?)] = []
                    for (col, ct) in columns { vs += Self.values(ct, grid[r]?[col]?.value) }
                    if vs.allSatisfy({ ValueConversion.text($0.1) == nil }) { continue }
                    rowValues.append(vs)
                }
                if customers != nil, d.collection.steps.map(\.name) == ["customers"], !d.collection.relative {
                    // A new row in a `where keyAccount` table is a key account; a `limit`ed table adds no one.
                    let keyAccount = d.conditions.contains { $0.op == .truthy && $0.field.steps.map(\.name) == ["keyAccount"] }
                    let allowNew = d.limit == nil && d.conditions.allSatisfy { $0.op == .truthy && $0.field.steps.map(\.name) == ["keyAccount"] }
                    for row in rowValues {
                        if let id = CustomerRows.apply(row, to: &people, allowNew: allowNew, keyAccount: keyAccount),
                           !touched.contains(id) { touched.append(id) }
                    }
                    result.rowsRead["customers", default: 0] += rowValues.count
                    continue
                }
                let keyed = !d.conditions.isEmpty || d.limit != nil
                let changed = changes { PlanPaths.assignRows(d.collection, rowValues, keyed: keyed, to: &$0) != nil }
                var unchanged = original
                let read = changed ? PlanPaths.assignRows(d.collection, rowValues, keyed: keyed, to: &plan)
                    : PlanPaths.assignRows(d.collection, rowValues, keyed: keyed, to: &unchanged)
                if let n = read {
                    result.rowsRead[d.collection.description] = n
                    result.valuesRead += rowValues.reduce(0) { $0 + $1.count }
                }
            }
        }
        Self.dropLiveFigures(&plan, base: base, record: record)
        result.plan = plan
        result.customers = touched.compactMap { people[$0] }
        return result
    }

    /// A KPI's `actual` that is the live figure the filler wrote where the plan had none is not the team's: it
    /// is left out again (a figure the team typed over it differs and is kept).
    static func dropLiveFigures(_ plan: inout Plan, base: Plan?, record: BindingRecord) {
        guard !record.liveFigures.isEmpty else { return }
        for i in plan.kpis.indices {
            guard let key = plan.kpis[i].rowKey, let live = record.liveFigures[key], let actual = plan.kpis[i].actual
            else { continue }
            let stored = base?.kpis.first { $0.rowKey == key }?.actual
            let tolerance = max(1, abs(live)) * Decimal(sign: .plus, exponent: -6, significand: 1)
            if stored == nil, abs(actual - live) <= tolerance { plan.kpis[i].actual = nil }
        }
    }

    /// The values of a cell's tags: the cell's value for a sole tag; for text around tags, the pieces the
    /// literal text leaves (nothing when the text no longer matches the template or still holds markers).
    static func values(_ t: CellTemplate, _ value: CellValue?) -> [(ValueTag, CellValue?)] {
        if case .string(let s)? = value, s.contains("{{") { return [] }
        if let tag = t.soleTag { return [(tag, value)] }
        let tags = t.tags
        guard !tags.isEmpty, let text = value.map(\.text) else { return [] }
        var pattern = "^"
        for p in t.parts {
            switch p {
            case .literal(let l): pattern += NSRegularExpression.escapedPattern(for: l)
            case .tag: pattern += "(.*?)"
            }
        }
        pattern += "$"
        guard let re = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return [] }
        var out: [(ValueTag, CellValue?)] = []
        for (i, tag) in tags.enumerated() {
            guard let r = Range(m.range(at: i + 1), in: text) else { continue }
            let piece = text[r].trimmingCharacters(in: .whitespaces)
            out.append((tag, piece.isEmpty ? nil : .string(piece)))
        }
        return out
    }
}

/// Which plan fields a path writes.
enum PlanPaths {
    /// Whether a single-value path names a writable plan field.
    static func isWritable(_ path: ValuePath) -> Bool {
        var scratch = Plan(id: "", title: "")
        return assign(path, nil, nil, to: &scratch)
    }

    /// Sets the plan field a single-value path names; false when the path is not a writable plan field.
    static func assign(_ path: ValuePath, _ v: CellValue?, _ f: ValueFormat?, to plan: inout Plan) -> Bool {
        let s = path.steps
        guard s.count >= 2, s[0].name == "plan", s[0].key == nil else { return false }
        let field = s[1]
        if s.count == 2, field.key == nil {
            switch field.name {
            case "title": plan.title = ValueConversion.text(v) ?? ""
            case "owner": plan.owner = ValueConversion.text(v)
            case "background": plan.background = ValueConversion.text(v)
            case "periodStart": plan.periodStart = ValueConversion.date(v)
            case "periodEnd": plan.periodEnd = ValueConversion.date(v)
            case "customerId": plan.customerId = ValueConversion.text(v).map { CustomerID(rawValue: $0) }
            case "goals": plan.goals = ValueConversion.lines(ValueConversion.text(v))
            case "problems": plan.problems = ValueConversion.lines(ValueConversion.text(v))
            default: return false
            }
            return true
        }
        guard let key = field.key else { return false }
        if s.count == 2 {
            switch field.name {
            case "goals": return setText(&plan.goals, key, v)
            case "problems": return setText(&plan.problems, key, v)
            default: return false
            }
        }
        guard s.count == 3, s[2].key == nil else { return false }
        let name = s[2].name
        switch field.name {
        case "kpis":
            return setField(&plan.kpis, key, name, v, f) { k in
                var x = KPI()
                if let m = KPIMetric(rawValue: k), m != .custom { x.metric = m } else { x.metric = .custom; x.name = k }
                return x
            }
        case "strategies":
            return setField(&plan.strategies, key, name, v, f) { k in Strategy(title: nil, description: nil, segment: Segment(rawValue: k)) }
        case "phases": return setField(&plan.phases, key, name, v, f) { Phase(name: $0) }
        case "risks": return setField(&plan.risks, key, name, v, f) { Risk(risk: $0) }
        case "budget": return setField(&plan.budget, key, name, v, f) { BudgetItem(item: $0) }
        case "careProcess": return setField(&plan.careProcess, key, name, v, f) { CareStep(step: $0) }
        default: return false
        }
    }

    private static func setText(_ list: inout [String], _ key: String, _ v: CellValue?) -> Bool {
        guard let i = Int(key), i >= 0, i < 1000 else { return false }
        let t = ValueConversion.text(v)
        if i < list.count {
            if let t { list[i] = t } else { list.remove(at: i) }
        } else if let t {
            list.append(t)
        }
        return true
    }

    private static func setField<T: PlanRowItem>(_ list: inout [T], _ key: String, _ field: String, _ v: CellValue?,
                                                 _ f: ValueFormat?, make: (String) -> T) -> Bool {
        if let i = Int(key) {
            guard i >= 0, i < 1000 else { return false }
            while list.count <= i { list.append(T()) }
            list[i].set(field, v, f)
            return true
        }
        if let i = list.firstIndex(where: { $0.rowKey == key }) {
            list[i].set(field, v, f)
        } else {
            guard ValueConversion.text(v) != nil else { return true }
            var x = make(key)
            x.set(field, v, f)
            list.append(x)
        }
        return true
    }

    /// Replaces (or, `keyed`, updates by key) the plan list a block's collection names; nil when the collection is
    /// not a plan list. Returns the number of rows read.
    static func assignRows(_ c: ValuePath, _ rows: [[(ValueTag, CellValue?)]], keyed: Bool, to plan: inout Plan) -> Int? {
        guard c.steps.count == 2, c.steps[0].name == "plan", !c.relative else { return nil }
        switch c.steps[1].name {
        case "goals": return texts(rows, keyed, &plan.goals)
        case "problems": return texts(rows, keyed, &plan.problems)
        case "strategies": return items(rows, keyed, &plan.strategies)
        case "phases": return items(rows, keyed, &plan.phases)
        case "kpis": return items(rows, keyed, &plan.kpis)
        case "risks": return items(rows, keyed, &plan.risks)
        case "budget": return items(rows, keyed, &plan.budget)
        case "careProcess": return items(rows, keyed, &plan.careProcess)
        default: return nil
        }
    }

    private static func build<T: PlanRowItem>(_ row: [(ValueTag, CellValue?)]) -> T {
        var x = T()
        for (tag, v) in row where tag.path.relative && tag.path.steps.count <= 1 {
            x.set(tag.path.steps.first?.name ?? "", v, tag.format)
        }
        return x
    }

    private static func items<T: PlanRowItem>(_ rows: [[(ValueTag, CellValue?)]], _ keyed: Bool, _ list: inout [T]) -> Int {
        var out: [T] = keyed ? list : []
        var unused = Array(list.indices)
        var count = 0
        for row in rows {
            let read: T = build(row)
            guard !read.isBlank else { continue }
            count += 1
            // Start from the stored item with the same key, so fields the block does not show keep their values.
            var item: T
            let match = read.rowKey.flatMap { k in unused.first { list[$0].rowKey == k } }
            if let m = match {
                unused.removeAll { $0 == m }
                item = list[m]
                for (tag, v) in row where tag.path.relative && tag.path.steps.count <= 1 {
                    item.set(tag.path.steps.first?.name ?? "", v, tag.format)
                }
            } else {
                item = read
            }
            if keyed, let m = match, let i = out.firstIndex(where: { $0.rowKey == list[m].rowKey }) {
                out[i] = item
            } else {
                out.append(item)
            }
        }
        list = out
        return count
    }

    private static func texts(_ rows: [[(ValueTag, CellValue?)]], _ keyed: Bool, _ list: inout [String]) -> Int {
        let read = rows.compactMap { (build($0) as TextItem).value }
        if keyed { for t in read where !list.contains(t) { list.append(t) } } else { list = read }
        return read.count
    }
}

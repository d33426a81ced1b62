import Foundation
import KamModel
import KamSheets
import KamTemplates
import Testing

/// Applies editor operations to an in-memory workbook the way the editor backends do (cells move with inserted
/// rows, defined names too), so the fill → read round trip can be checked without files.
enum OperationSimulator {
    static func apply(_ ops: [EditOperation], to wb: Workbook) -> Workbook {
        var wb = wb
        func index(_ s: String) -> Int? { wb.sheets.firstIndex { $0.name == s } }
        for op in ops {
            switch op {
            case .setCell(let s, let ref, let v, let f, _):
                guard let i = index(s) else { continue }
                wb.sheets[i].cells.removeAll { $0.row == ref.row && $0.column == ref.column }
                if v != nil || f != nil { wb.sheets[i].cells.append(Cell(row: ref.row, column: ref.column, value: v, formula: f)) }
            case .insertRows(let s, let at, let n, _):
                guard let i = index(s) else { continue }
                for k in wb.sheets[i].cells.indices where wb.sheets[i].cells[k].row >= at { wb.sheets[i].cells[k].row += n }
                wb.definedNames = wb.definedNames.map { d in
                    var d = d
                    if let (sheet, r) = BindingRecord.parseFormula(d.formula), sheet == s {
                        let shift = RowColumnShift.insertRows(at: at, count: n)
                        if let m = shift.move(r) { d.formula = BindingRecord.formula(sheet: sheet, range: m) }
                    }
                    return d
                }
            case .addSheet(let n): wb.sheets.append(Sheet(name: n))
            case .setVisibility(let s, let v): if let i = index(s) { wb.sheets[i].visibility = v }
            case .setDefinedName(let n, let f, _):
                wb.definedNames.removeAll { $0.name == n }
                wb.definedNames.append(DefinedName(name: n, formula: f))
            default: continue
            }
        }
        for i in wb.sheets.indices { wb.sheets[i].cells.sort { ($0.row, $0.column) < ($1.row, $1.column) } }
        return wb
    }

    /// Inserts rows as a user would in Excel: cells and names move.
    static func userInsertsRows(_ wb: Workbook, sheet: String, at: Int, count: Int) -> Workbook {
        apply([.insertRows(sheet: sheet, at: at, count: count, styleFrom: nil)], to: wb)
    }
}

@Suite struct ReaderTests {
    func filled() throws -> Workbook {
        let r = try TemplateFiller(data: Sample.data(), templateName: "t").operations(for: Sample.template(), file: "t")
        return OperationSimulator.apply(r.operations, to: Sample.template())
    }

    func set(_ wb: inout Workbook, _ a1: String, _ v: CellValue?) {
        wb = OperationSimulator.apply([.setCell(sheet: "表", cell: CellReference(a1: a1)!, value: v, formula: nil, style: nil)], to: wb)
    }

    @Test func roundTripUnchanged() throws {
        let r = try TemplateReader().read(try filled(), file: "f", base: Sample.plan)
        #expect(r.plan == Sample.plan)
        #expect(r.rowsRead["plan.risks"] == 1)
        #expect(r.fallbacks.isEmpty)
    }

    @Test func changedTargetAndNewRiskRow() throws {
        var wb = try filled()
        // The percent cell B3 now says 95 %; a new risk typed directly below the risk block (row 10).
        set(&wb, "B3", .number(0.95))
        set(&wb, "A10", .string("核心人员流失"))
        set(&wb, "B10", .string("低"))
        set(&wb, "C10", .string("AB角制度"))
        let r = try TemplateReader().read(wb, file: "f", base: Sample.plan)
        #expect(r.plan.kpis.first { $0.metric == .satisfaction }?.target == 95)
        #expect(r.plan.risks.map(\.risk) == ["竞争对手降价", "核心人员流失"])
        #expect(r.plan.risks.last?.countermeasure == "AB角制度")
    }

    @Test func inlineTextReadsBack() throws {
        var wb = try filled()
        set(&wb, "A2", .string("满意度提升至 92% 以上"))
        set(&wb, "B3", nil)   // the percent cell emptied: the inline sentence (read first) is not overridden
        let r = try TemplateReader().read(wb, file: "f", base: Sample.plan)
        // A2 and B3 bind the same target; the later binding in the record (B3, empty) clears it.
        #expect(r.plan.kpis.first { $0.metric == .satisfaction }?.target == nil)
        set(&wb, "B3", .number(0.92))
        let again = try TemplateReader().read(wb, file: "f", base: Sample.plan)
        #expect(again.plan.kpis.first { $0.metric == .satisfaction }?.target == 92)
    }

    @Test func survivesRowsInsertedAboveAndResorting() throws {
        var wb = try filled()
        // The user inserts 3 rows at the top and puts two more risks in, then re-sorts the risk table by hand.
        wb = OperationSimulator.userInsertsRows(wb, sheet: "表", at: 0, count: 3)
        // Risk block now starts at row 12 (0-based 11).
        set(&wb, "A12", .string("B风险"))
        set(&wb, "B12", .string("高"))
        set(&wb, "A13", .string("A风险"))
        set(&wb, "A4", .string("新标题"))
        let r = try TemplateReader().read(wb, file: "f", base: Sample.plan)
        #expect(r.plan.title == "新标题")
        #expect(r.plan.risks.map(\.risk) == ["B风险", "A风险"])
        #expect(r.plan.risks[0].likelihood == "高")
        #expect(r.plan.risks[0].countermeasure == "锁定年度合同")
    }

    @Test func lostNamesFallBackToTheRecord() throws {
        var wb = try filled()
        wb.definedNames = []
        set(&wb, "A1", .string("改名后的方案"))
        let r = try TemplateReader().read(wb, file: "f", base: Sample.plan)
        #expect(r.plan.title == "改名后的方案")
        #expect(!r.fallbacks.isEmpty)
    }

    @Test func newPlanFromRecordAndKPIBlock() throws {
        // A workbook built by hand: a KPI block bound at A3:D4 by the defined name kam_1.
        let kam = Sheet(name: "_kam", cells: [
            Sample.cell("A1", .string("kam.binding/1")), Sample.cell("C1", .string("P9")), Sample.cell("D1", .string("annual")),
            Sample.cell("A3", .string("kam_1")), Sample.cell("B3", .string("each")), Sample.cell("C3", .string("计划")),
            Sample.cell("D3", .string("A3:D4")), Sample.cell("E3", .string("plan.kpis")),
            Sample.cell("F3", .string("{{#each plan.kpis}}{{.metric}}")), Sample.cell("G3", .string("{{.baseline}}")),
            Sample.cell("H3", .string("{{.target | percent}}")), Sample.cell("I3", .string("{{.dueOn}}")),
        ])
        let sheet = Sheet(name: "计划", cells: [
            Sample.cell("A5", .string("客户满意度")), Sample.cell("B5", .number(80)), Sample.cell("C5", .number(0.9)),
            Sample.cell("D5", .date(CivilDateTime(year: 2025, month: 12, day: 31))),
            Sample.cell("A6", .string("复购率")), Sample.cell("C6", .string("35%")),
            Sample.cell("A7", .string("新客户转化")), Sample.cell("C7", .number(0.1)),
        ])
        // The name moved: two rows were inserted above the block after filling.
        let wb = Workbook(sheets: [sheet, kam], definedNames: [DefinedName(name: "kam_1", formula: "'计划'!$A$5:$D$6")])
        let r = try TemplateReader().read(wb, file: "f", base: nil)
        #expect(r.plan.id == "P9")
        #expect(r.plan.kind == .annual)
        #expect(r.plan.kpis.count == 3)
        #expect(r.plan.kpis[0] == KPI(metric: .satisfaction, baseline: 80, target: 90, dueOn: LocalDate(iso: "2025-12-31")))
        #expect(r.plan.kpis[1].metric == .repurchaseRate && r.plan.kpis[1].target == 35)
        #expect(r.plan.kpis[2].metric == .custom && r.plan.kpis[2].name == "新客户转化" && r.plan.kpis[2].target == 10)
    }

    @Test func notFilled() {
        #expect(throws: TemplateError.self) { try TemplateReader().read(Sample.template(), file: "t", base: nil) }
    }
}

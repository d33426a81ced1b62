import Foundation
import KamAnalytics
import KamModel
import KamSheets
import KamTemplates
import Testing

/// Builders shared by the template tests.
enum Sample {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    static let customers: [Customer] = [
        Customer(id: "C1", name: "华光科技", owner: "王敏", keyAccount: true, annualRevenue: 500_000,
                 contacts: [Contact(name: "李雷", phone: "13800138000", primary: true)],
                 transactions: [Transaction(date: d("2025-02-01"), amount: 1000), Transaction(date: d("2025-05-01"), amount: 3000)],
                 surveys: [Survey(date: d("2025-03-01"), score: 90, recommend: 9)]),
        Customer(id: "C2", name: "远航物流", keyAccount: true, annualRevenue: 800_000,
                 transactions: [Transaction(date: d("2025-04-01"), amount: 2000)]),
        Customer(id: "C3", name: "小店", keyAccount: false, annualRevenue: 10_000),
    ]

    static let plan = Plan(
        id: "P1", kind: .summary, title: "2025 客户管理方案", owner: "王敏", goals: ["提升满意度", "降低流失"],
        kpis: [KPI(metric: .satisfaction, baseline: 80, target: 90), KPI(metric: .churnRate, target: 2)],
        risks: [Risk(risk: "竞争对手降价", likelihood: "中", impact: "高", countermeasure: "锁定年度合同")])

    static func data() -> TemplateData {
        TemplateData(customers: customers, plan: plan, period: Period.year(2025)!, today: d("2025-12-31"))
    }

    static func cell(_ a1: String, _ v: CellValue?, formula: String? = nil, style: Int = 0) -> Cell {
        let r = CellReference(a1: a1)!
        return Cell(row: r.row, column: r.column, value: v, formula: formula, style: style)
    }

    /// A template: title cell, an inline KPI sentence, a key-account block with a formula column, a risk block,
    /// and a cell below the blocks.
    static func template() -> Workbook {
        let s = Sheet(name: "表", cells: [
            cell("A1", .string("{{plan.title}}")),
            cell("A2", .string("满意度提升至 {{plan.kpis[satisfaction].target}}% 以上")),
            cell("B3", .string("{{plan.kpis[satisfaction].target | percent}}")),
            cell("A5", .string("{{#each customers where keyAccount sort -annualRevenue}}{{.id}}")),
            cell("B5", .string("{{.name}}")),
            cell("C5", .string("{{.annualRevenue | money}}"), style: 1),
            cell("D5", nil, formula: "C5/1000"),
            cell("E5", .string("万元")),
            cell("A8", .string("{{#each plan.risks}}{{.risk}}")),
            cell("B8", .string("{{.likelihood}}")),
            cell("C8", .string("{{.countermeasure}}")),
            cell("A10", .string("{{metrics.key_accounts}}")),
        ])
        return Workbook(sheets: [s], styles: [CellStyle(), CellStyle(border: .init(bottom: .init()))])
    }
}

@Suite struct FillerTests {
    func fill() throws -> TemplateFiller.Result {
        try TemplateFiller(data: Sample.data(), templateName: "t").operations(for: Sample.template(), file: "t.xlsx")
    }

    func value(_ ops: [EditOperation], _ sheet: String, _ a1: String) -> CellValue?? {
        for op in ops.reversed() {
            if case .setCell(let s, let c, let v, _, _) = op, s == sheet, c.a1 == a1 { return .some(v) }
        }
        return .none
    }

    @Test func singleValues() throws {
        let ops = try fill().operations
        #expect(value(ops, "表", "A1") == .string("2025 客户管理方案"))
        #expect(value(ops, "表", "A2") == .string("满意度提升至 90% 以上"))
        #expect(value(ops, "表", "B3") == .number(0.9))
        // key_accounts sits below the blocks; it is set before the rows above are inserted, so at its template row.
        #expect(value(ops, "表", "A10") == .number(2))
    }

    @Test func percentGetsAFormatOnlyWhenGeneral() throws {
        let ops = try fill().operations
        let b3 = ops.first { if case .setCell(_, let c, _, _, _) = $0 { c.a1 == "B3" } else { false } }
        guard case .setCell(_, _, _, _, .replace(let style)?)? = b3 else { Issue.record("no style for B3"); return }
        #expect(style.numberFormat == "0.0%")
        // C5 has a money value; its style (index 1, General) gets #,##0.00 and keeps its border.
        let c5 = ops.first { if case .setCell(_, let c, _, _, _) = $0 { c.a1 == "C5" } else { false } }
        guard case .setCell(_, _, _, _, .replace(let s5)?)? = c5 else { Issue.record("no style for C5"); return }
        #expect(s5.numberFormat == "#,##0.00" && s5.border.bottom != nil)
    }

    @Test func blocksInsertRowsInTheTemplateRowsStyle() throws {
        let ops = try fill().operations
        // Two key accounts → one row inserted after row 5 in row 5's style; one risk → no insert.
        let inserts = ops.compactMap { op -> (Int, Int, Int?)? in
            if case .insertRows(_, let at, let n, let from) = op { return (at, n, from) } else { return nil }
        }
        #expect(inserts.count == 1)
        #expect(inserts.first.map { $0.0 == 5 && $0.1 == 1 && $0.2 == 4 } == true)
        // Sorted by annual revenue, descending: C2 then C1.
        #expect(value(ops, "表", "A5") == .string("C2"))
        #expect(value(ops, "表", "A6") == .string("C1"))
        #expect(value(ops, "表", "C6") == .number(500_000))
        // The template row's formula and literal repeat, shifted.
        let d6 = ops.first { if case .setCell(_, let c, _, let f, _) = $0 { c.a1 == "D6" && f != nil } else { false } }
        if case .setCell(_, _, _, let f, _)? = d6 { #expect(f == "C6/1000") } else { Issue.record("D6 formula missing") }
        #expect(value(ops, "表", "E6") == .string("万元"))
        // The risk block is processed first (bottom-up), so it is written at its template row 8.
        #expect(value(ops, "表", "A8") == .string("竞争对手降价"))
    }

    @Test func recordsTheBindingAtFinalPositions() throws {
        let r = try fill()
        let byText = Dictionary(r.record.entries.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["{{plan.title}}"]?.range.a1 == "A1")
        #expect(byText["customers where keyAccount sort -annualRevenue"]?.range.a1 == "A5:E6")
        // Below the key-account block, which grew by one row: row 8 → 9, row 10 → 11.
        #expect(byText["plan.risks"]?.range.a1 == "A9:C9")
        #expect(byText["{{metrics.key_accounts}}"]?.range.a1 == "A11")
        let ops = r.operations
        #expect(ops.contains(.addSheet(name: "_kam")))
        #expect(ops.contains(.setVisibility(sheet: "_kam", visibility: .hidden)))
        let names = ops.compactMap { op -> String? in
            if case .setDefinedName(_, let f, _) = op { return f } else { return nil }
        }
        #expect(names.contains("'表'!$A$5:$E$6"))
        #expect(names.contains("'表'!$A$11"))
        #expect(r.record.entries.map(\.name) == (1...r.record.entries.count).map { "kam_\($0)" })
    }

    @Test func emptyBlockClearsItsRow() throws {
        var data = Sample.data()
        data.plan.risks = []
        let ops = try TemplateFiller(data: data, templateName: "t").operations(for: Sample.template(), file: "t").operations
        #expect(value(ops, "表", "A8") == .some(nil))
        #expect(value(ops, "表", "C8") == .some(nil))
    }

    @Test func refusesWorkbooksWithoutMarkersOrAlreadyFilled() {
        let plain = Workbook(sheets: [Sheet(name: "a", cells: [Sample.cell("A1", .string("hi"))])])
        #expect(throws: TemplateError.self) { try TemplateFiller(data: Sample.data(), templateName: "t").operations(for: plain, file: "x") }
        var filled = Sample.template()
        filled.sheets.append(Sheet(name: "_kam"))
        #expect(throws: TemplateError.self) { try TemplateFiller(data: Sample.data(), templateName: "t").operations(for: filled, file: "x") }
    }

    @Test func shippedTemplatesScan() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["key-accounts", "plan-summary", "annual-plan", "maintenance-plan", "management-report"] {
            for ext in ["xlsx", "ods"] {
                let path = root.appendingPathComponent("Templates/\(name).\(ext)").path
                let wb = try Workbooks.open(path).readWorkbook()
                let scan = try TemplateScan.scan(wb)
                #expect(!scan.blocks.isEmpty, "\(name).\(ext) has no repeating rows")
                // Every binding evaluates without error against sample data.
                let r = try TemplateFiller(data: Sample.data(), templateName: name).operations(for: wb, file: path)
                #expect(r.record.entries.count == scan.cells.count + scan.blocks.count)
            }
        }
    }
}

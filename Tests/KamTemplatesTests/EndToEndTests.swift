import Foundation
import KamModel
import KamSheets
import KamTemplates
import Testing

/// Fills the shipped templates with the in-place editor and reads the files back. Needs the XLSX and ODS editor
/// backends (EditorBackendsPending.swift throws until they are merged).
@Suite struct EndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["xlsx", "ods"])
    func planSummaryRoundTrip(_ ext: String) throws {
        let template = Self.root.appendingPathComponent("Templates/plan-summary.\(ext)").path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kam-e2e-\(UUID().uuidString).\(ext)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        var data = Sample.data()
        data.plan.strategies = [Strategy(title: "分层服务", description: "重要价值客户专属经理", segment: .importantValue)]
        data.plan.phases = [Phase(name: "第一阶段", start: LocalDate(iso: "2025-01-01"), end: LocalDate(iso: "2025-03-31"),
                                  tasks: ["客户分层", "建立档案"])]
        data.plan.background = "客户流失率偏高。"
        data.plan.periodStart = LocalDate(iso: "2025-01-01")
        data.plan.periodEnd = LocalDate(iso: "2025-12-31")
        let filled = try TemplateFiller(data: data, templateName: "plan-summary").fill(template: template, output: out)
        #expect(filled.rowsPerBlock.values.reduce(0, +) >= 5)

        let read = try TemplateReader().read(out, base: nil)
        #expect(read.fallbacks.isEmpty)
        #expect(read.plan.title == data.plan.title)
        #expect(read.plan.goals == data.plan.goals)
        #expect(read.plan.background == data.plan.background)
        #expect(read.plan.strategies == data.plan.strategies)
        #expect(read.plan.phases == data.plan.phases)
        #expect(read.plan.risks == data.plan.risks)
        #expect(read.plan.kpis.map(\.metric) == data.plan.kpis.map(\.metric))
        #expect(read.plan.kpis.map(\.target) == data.plan.kpis.map(\.target))
        #expect(read.plan.periodStart == data.plan.periodStart)

        // The team edits the filled copy: a changed target, a new risk row right under the risk table.
        let editor = try WorkbookEditor(path: out)
        let wb = try Workbooks.open(out).readWorkbook()
        let riskEntry = try #require(read.record.entries.first { $0.text == "plan.risks" })
        let kpiEntry = try #require(read.record.entries.first { $0.text == "plan.kpis" })
        let names = Dictionary(wb.definedNames.map { ($0.name, $0.formula) }, uniquingKeysWith: { a, _ in a })
        let (sheet, riskRange) = try #require(names[riskEntry.name].flatMap(BindingRecord.parseFormula))
        let (_, kpiRange) = try #require(names[kpiEntry.name].flatMap(BindingRecord.parseFormula))
        try editor.set(sheet, CellReference(row: riskRange.end.row + 1, column: riskRange.start.column), .string("新增风险"))
        try editor.set(sheet, CellReference(row: kpiRange.start.row, column: kpiRange.start.column + 2), .number(95))
        let edited = out + ".edited.\(ext)"
        defer { try? FileManager.default.removeItem(atPath: edited) }
        try editor.save(to: edited)
        let again = try TemplateReader().read(edited, base: nil)
        #expect(again.plan.risks.map(\.risk) == ["竞争对手降价", "新增风险"])
        #expect(again.plan.kpis.first { $0.metric == .satisfaction }?.target == 95)
    }
}

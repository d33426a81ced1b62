import Foundation
import KamAnalytics
import KamModel
import KamSheets
import KamTemplates
import Testing

/// Reading back applies what the team changed and nothing else: an untouched copy of a field does not undo an edit
/// made elsewhere, and the live figures the filler showed in place of a missing KPI actual are not stored.
@Suite struct ReadChangesTests {
    /// A sheet showing the satisfaction target twice and a KPI table with the live `actual`.
    static func template() -> Workbook {
        Workbook(sheets: [Sheet(name: "表", cells: [
            Sample.cell("A1", .string("满意度提升至 {{plan.kpis[satisfaction].target}}% 以上")),
            Sample.cell("A3", .string("{{#each plan.kpis}}{{.metric}}")),
            Sample.cell("B3", .string("{{.target}}")),
            Sample.cell("C3", .string("{{.actual}}")),
        ])])
    }

    func filled() throws -> (Workbook, TemplateFiller.Result) {
        let r = try TemplateFiller(data: Sample.data(), templateName: "t").operations(for: Self.template(), file: "t")
        return (OperationSimulator.apply(r.operations, to: Self.template()), r)
    }

    func set(_ wb: inout Workbook, _ a1: String, _ v: CellValue?) {
        wb = OperationSimulator.apply([.setCell(sheet: "表", cell: CellReference(a1: a1)!, value: v, formula: nil, style: nil)], to: wb)
    }

    @Test func liveActualIsRecordedAndNotReadBack() throws {
        let (wb, result) = try filled()
        // Sample's 2025 satisfaction is its one survey's 90; the plan has no actual, so the filler shows 90.
        #expect(result.record.liveFigures["satisfaction"] == 90)
        #expect(wb.sheet(named: "表")?.cells.first { $0.reference.a1 == "C3" }?.value == .number(90))
        let r = try TemplateReader().read(wb, file: "f", base: Sample.plan)
        #expect(r.plan == Sample.plan, "nothing typed, nothing changed")
        #expect(r.record.liveFigures == result.record.liveFigures, "the record's live figures read back")
    }

    @Test func typedActualIsKept() throws {
        var (wb, _) = try filled()
        set(&wb, "C3", .number(87))
        let r = try TemplateReader().read(wb, file: "f", base: Sample.plan)
        #expect(r.plan.kpis.first { $0.metric == .satisfaction }?.actual == 87)
    }

    @Test func untouchedCopyDoesNotUndoAnEdit() throws {
        var (wb, _) = try filled()
        // The table's target edited; the sentence above (read first) still says 90.
        set(&wb, "B3", .number(95))
        #expect(try TemplateReader().read(wb, file: "f", base: Sample.plan).plan.kpis.first?.target == 95)
        // And the other way round: the sentence edited, the table (read later) untouched.
        (wb, _) = try filled()
        set(&wb, "A1", .string("满意度提升至 93% 以上"))
        #expect(try TemplateReader().read(wb, file: "f", base: Sample.plan).plan.kpis.first?.target == 93)
    }

    @Test func importCountsFromTheLog() {
        var s = ImportRunSummary(source: "a/b.xlsx", kind: "xlsx", date: nil, customersAdded: 1, customersUpdated: 0,
                                 warnings: 0, errors: 0)
        s.takeCounts("files=1 sheets=3 rows=113 duplicateRowsMerged=2 valuesNormalised=169 valuesRejected=3 junk")
        #expect([s.rowsRead, s.duplicatesMerged, s.valuesNormalised, s.valuesRejected] == [113, 2, 169, 3])
        let root = TemplateContext.build(TemplateData(customers: [], plan: Sample.plan, period: Period.year(2025)!,
                                                      imports: [s], today: Sample.d("2025-12-31")))
        guard case .list(let runs) = root.member("imports") else { Issue.record("no imports"); return }
        #expect(runs.first?.member("file") == .text("b.xlsx"))
        #expect(runs.first?.member("rowsRead") == .number(113))
    }
}

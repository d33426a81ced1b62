import KamTemplates
import Testing

@Suite struct BindingParserTests {
    @Test func soleTagWithFormat() throws {
        let t = try #require(try BindingParser.parseCell("{{ plan.kpis[satisfaction].target | percent }}"))
        let tag = try #require(t.soleTag)
        #expect(tag.path.description == "plan.kpis[satisfaction].target")
        #expect(tag.path.steps[1] == PathStep("kpis", key: "satisfaction"))
        #expect(tag.format == .percent)
        #expect(t.each == nil)
    }

    @Test func inlineText() throws {
        let t = try #require(try BindingParser.parseCell("客户流失率每月控制在 {{plan.kpis[churn_rate].target}}% 以内"))
        #expect(t.soleTag == nil)
        #expect(t.tags.count == 1)
        #expect(t.parts.first == .literal("客户流失率每月控制在 "))
        #expect(t.parts.last == .literal("% 以内"))
    }

    @Test func eachDirective() throws {
        let t = try #require(try BindingParser.parseCell(
            "{{#each customers where keyAccount and region = '华东' and revenue >= 1000 sort -annualRevenue,name limit 20}}{{.id}}"))
        let d = try #require(t.each)
        #expect(d.collection.description == "customers")
        #expect(d.conditions.count == 3)
        #expect(d.conditions[0].op == .truthy)
        #expect(d.conditions[1].op == .equal && d.conditions[1].literal == "华东")
        #expect(d.conditions[2].op == .greaterOrEqual && d.conditions[2].literal == "1000")
        #expect(d.sort.map(\.descending) == [true, false])
        #expect(d.sort.map(\.field.description) == [".annualRevenue", ".name"])
        #expect(d.limit == 20)
        #expect(t.soleTag?.path.description == ".id")
        #expect(t.soleTag?.path.relative == true)
    }

    @Test func relativeAndRowNumber() throws {
        #expect(try BindingParser.parseCell("{{.}}")?.soleTag?.path.relative == true)
        #expect(try BindingParser.parseCell("{{@n}}")?.soleTag?.path.isRowNumber == true)
        #expect(try BindingParser.parseCell("{{#each x where !keyAccount}}")?.each?.conditions.first?.op == .falsy)
        #expect(try BindingParser.parseCell("no tags here") == nil)
    }

    @Test(arguments: ["{{plan.title", "{{plan.title | fancy}}", "{{}}", "{{a..b}}", "{{#each x limit many}}",
                      "{{#each x frobnicate}}", "{{#each a}}{{#each b}}", "{{plan.kpis[].target}}"])
    func rejects(_ text: String) {
        #expect(throws: BindingError.self) { try BindingParser.parseCell(text) }
    }

    @Test func formulaRowsShift() {
        #expect(FormulaRows.shift("B5*C5", by: 2) == "B7*C7")
        #expect(FormulaRows.shift("IF(D5=\"\",\"\",E5/$D$5)", by: 1) == "IF(D6=\"\",\"\",E6/$D$5)")
        #expect(FormulaRows.shift("SUM(A5:A9)+LOG10(C5)", by: 3) == "SUM(A8:A12)+LOG10(C8)")
        #expect(FormulaRows.shift("of:=[.B5]*[.C$5]", by: 1) == "of:=[.B6]*[.C$5]")
        #expect(FormulaRows.shift("'数据'!B2+A$1", by: 1) == "'数据'!B3+A$1")
    }
}

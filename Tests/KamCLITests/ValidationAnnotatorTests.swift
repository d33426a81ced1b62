import Foundation
import KamModel
import KamSheets
import KamTestSupport
import KamValidation
import Testing
@testable import KamCLI

@Suite struct ValidationAnnotatorTests {
    @Test("the annotated copy highlights and comments flagged cells, adds the report first, and keeps every value")
    func annotate() throws {
        let dir = TemporaryDirectory()
        let input = Fixtures.example("华东区重点客户台账.xlsx")
        let out = dir.file("校验报告.xlsx")
        let loc = SourceLocation(file: "华东区重点客户台账.xlsx", sheet: "重点客户", cell: "F11")
        let findings = [
            Finding(code: .missingKeyAccountField, location: loc, record: "KA0007", field: "owner", fieldLabel: "负责人"),
            Finding(code: .invalidEmail, location: SourceLocation(file: "华东区重点客户台账.xlsx", sheet: "重点客户", cell: "I16"),
                    record: "KA0012", field: "contacts.email", fieldLabel: "电子邮箱", value: "wang.fang#163.com"),
        ]
        try ValidationAnnotator.annotate(findings, input: input, output: out, lang: .zh) { FindingMessages.message($0, .zh) }
        let before = try Workbooks.open(input).readWorkbook()
        let after = try Workbooks.open(out).readWorkbook()
        #expect(after.sheets.first?.name == "校验报告")
        #expect(after.sheets.count == before.sheets.count + 1)
        for s in before.sheets {
            let a = try #require(after.sheet(named: s.name))
            #expect(a.cells.map(\.value) == s.cells.map(\.value), "\(s.name): values unchanged")
        }
        let report = after.sheets[0]
        #expect(report.cells.contains { $0.value == .string("重点客户!F11") && $0.formula?.hasPrefix("HYPERLINK") == true })
        #expect(report.cells.contains { $0.value == .string("invalid-email") })
        // The flagged cell got a fill, the comment exists.
        let sheet = try #require(after.sheet(named: "重点客户"))
        let styled = try #require(sheet.cells.first { $0.reference.a1 == "I16" })
        #expect(after.styles[styled.style].fill?.color.uppercased().hasSuffix("FFC7CE") == true)
    }
}

extension ValidationAnnotatorTests {
    /// LibreOffice's meta.xml counts the tables it saved; the annotated copy keeps that part as it was and has one
    /// table more. Reading must go by content.xml, never by that count.
    @Test("an annotated ODS reads back with the report sheet and every original sheet")
    func annotatedODSReadsBack() throws {
        let dir = TemporaryDirectory()
        let input = Fixtures.example("门店会员档案.ods")
        let out = dir.file("校验报告.ods")
        let first = try #require(try Workbooks.open(input).readWorkbook().sheets.first)
        let anchor = try #require(first.cells.first { $0.row > 0 })
        let findings = [Finding(code: .missingField, location: SourceLocation(file: "门店会员档案.ods", sheet: first.name,
                                                                           cell: anchor.reference.a1), field: "name")]
        try ValidationAnnotator.annotate(findings, input: input, output: out, lang: .zh) { FindingMessages.message($0, .zh) }
        let before = try Workbooks.open(input).readWorkbook()
        let reader = try Workbooks.open(out)
        #expect(reader.sheets.count == before.sheets.count + 1)
        let after = try reader.readWorkbook()
        #expect(after.sheets.first?.name == "校验报告")
        for s in before.sheets {
            let a = try #require(after.sheet(named: s.name))
            #expect(a.cells.map(\.value) == s.cells.map(\.value), "\(s.name): values unchanged")
        }
    }
}

import Foundation
import KamTestSupport
import Testing
@testable import KamSheets

@Suite struct DelimitedTextReaderTests {
    @Test("TSV fields are typed as a spreadsheet would type them; the header row stays text")
    func typing() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("t.tsv")
        try Data("编号\t日期\t金额\t电话\tok\n1\t2024-03-05\t12.5\t013800138000\tTRUE\n2\t2024-03-05 14:30:00\t\"a\tb\"\t\tx\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let sheet = try Workbooks.open(path).readSheet(0)
        let v = Dictionary(uniqueKeysWithValues: sheet.cells.map { ($0.reference.a1, $0.value) })
        #expect(v["A1"] == .string("编号"))
        #expect(v["A2"] == .number(1))
        #expect(v["B2"] == .date(CivilDateTime(year: 2024, month: 3, day: 5)))
        #expect(v["B3"] == .dateTime(CivilDateTime(year: 2024, month: 3, day: 5, hour: 14, minute: 30)))
        #expect(v["C2"] == .number(12.5))
        #expect(v["C3"] == .string("a\tb"))
        #expect(v["D2"] == .string("013800138000"))
        #expect(v["E2"] == .bool(true))
        #expect(v["D3"] == nil)
    }
}

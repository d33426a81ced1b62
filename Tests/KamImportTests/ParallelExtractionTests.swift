import Foundation
@testable import KamImport
import KamModel
import KamSheets
import KamValidation
import Testing

/// Rows read side by side in pieces are linked as if read one after another.
@Suite("Rows read in pieces")
struct ParallelExtractionTests {
    @Test("results come back in index order")
    func mapKeepsOrder() {
        let out = Parallel.map(64) { i -> Int in
            // Uneven work, so that pieces finish out of order.
            var x = 0
            for k in 0..<((64 - i) * 500) { x &+= k }
            return i + (x & 0)
        }
        #expect(out == Array(0..<64))
        #expect(Parallel.pieces(for: 10, minimum: 2_000) == 1)
        #expect(Parallel.pieces(for: 0, minimum: 2_000) == 1)
        #expect(Parallel.pieces(for: 1_000_000, minimum: 2_000) == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test("a long sheet's customers, merges, totals rows and findings keep their row order")
    func longSheetInOrder() {
        // More rows than one piece holds: on any machine with two cores the sheet is read in several pieces.
        var rows: [[CellValue?]] = [[s("客户编号"), s("客户名称"), s("成立日期"), s("微博")]]
        let count = 9_000
        for i in 0..<count {
            if i % 1_000 == 999 { rows.append([nil, s("合计"), nil, nil]); continue }
            // Every 500th row repeats an earlier customer (merged into it, not a new one); every 700th has a bad date.
            let id = i % 500 == 499 ? "C\(i - 250)" : "C\(i)"
            rows.append([s(id), s("公司\(id)"), s(i % 700 == 0 ? "不是日期\(i)" : "2020-01-02"), s("备注\(i)")])
        }
        let x = RecordExtractor().extract([WorkbookInput(file: "t.xlsx", sheets: [makeSheet("客户", rows)])])
        let report = x.sheets[0]
        #expect(report.totalsRowsSkipped == count / 1_000)
        #expect(report.rowsRead == count - count / 1_000)
        let ids = x.customers.map(\.id.rawValue)
        var expected: [String] = []
        for i in 0..<count where i % 1_000 != 999 && i % 500 != 499 { expected.append("C\(i)") }
        #expect(ids == expected)
        #expect(x.stats.duplicateRowsMerged == (0..<count).filter { $0 % 500 == 499 && $0 % 1_000 != 999 }.count)
        // A merged row fills only gaps of the customer it repeats: the first row's value stays, as a sequential read gives.
        let c249 = x.customers.first { $0.id == "C249" }
        #expect(c249?.extra["微博"] == "备注249")
        let badDates = x.findings.filter { $0.code == .invalidDate }.compactMap { $0.location?.cell }
        let expectedCells = (0..<count).filter { $0 % 700 == 0 && $0 % 1_000 != 999 }.map { "C\($0 + 2)" }
        #expect(badDates == expectedCells)
    }
}

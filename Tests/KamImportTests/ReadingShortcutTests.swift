import Foundation
@testable import KamImport
import KamMapping
import KamModel
import KamSheets
import Testing

/// The shortcuts of the import's row path give what the general path gives.
@Suite("Reading shortcuts")
struct ReadingShortcutTests {
    @Test("plain name keys equal the general folding", arguments: [
        "杭州示例科技", " 杭州 示例 科技 ", "ACME Trading Co.", "acme\ttrading", "上海ABC有限公司", "臺灣積體電路",
        "北京\u{4E2D}关村", "X", "", "  ",
    ])
    func plainKeyMatchesGeneral(_ name: String) {
        let general = CustomerKey.normalizedName(name)
        let folded = ChineseScript.simplified(TextFolding.halfWidth(TextFolding.trim(name))).lowercased()
        let expected = String(String.UnicodeScalarView(folded.unicodeScalars.filter { !TextFolding.isBlank($0) }))
        #expect(general == expected)
        #expect(CustomerKey.nameKey(name) == BytesKey(expected))
    }

    @Test("names outside ASCII and CJK ideographs take the general path")
    func plainKeyDeclines() {
        #expect(CustomerKey.plainKey("Café Ｘ") == nil)
        #expect(CustomerKey.plainKey("株式会社カナ") == nil)
        #expect(CustomerKey.plainKey("甲　乙") == nil)  // U+3000
        #expect(CustomerKey.normalizedName("甲　乙") == "甲乙")
        #expect(CustomerKey.normalizedName("ＡＢＣ公司") == "abc公司")
    }

    @Test("a column's remembered readings equal fresh ones, repeats and unique values alike")
    func memoGivesTheSameReadings() {
        // 600 rows: a tier repeated (remembered), a phone that never repeats (given up after the trial), a score.
        var rows: [[CellValue?]] = [[s("客户编号"), s("客户名称"), s("客户等级"), s("联系电话"), s("满意度")]]
        let tiers = ["重要价值客户", "一般发展客户", "重要挽留", "瞎写的等级"]
        for i in 0..<600 {
            rows.append([s("C\(i)"), s("公司\(i)"), s(tiers[i % tiers.count]), s("1380013\(String(format: "%04d", i))"),
                         i % 7 == 0 ? s("85%") : n(Double(i % 10) * 10)])
        }
        let sheet = makeSheet("客户", rows)
        let x = RecordExtractor().extract([WorkbookInput(file: "t.xlsx", sheets: [sheet])])
        let mapping = SheetMapper().map(sheet, file: "t.xlsx")
        let reader = FieldReader(monthFirst: mapping.monthFirst, vocabularies: ModelVocabularies.normalizers)
        #expect(x.customers.count == 600)
        for (i, c) in x.customers.enumerated() {
            let r = i + 1
            func fresh(_ path: String) -> Normalized<FieldValue> {
                let column = mapping.columns.first { $0.field?.path == path }!
                return reader.read(sheet.cells.first { $0.row == r && $0.column == column.column }, column: column)
            }
            if case .label(let raw)? = fresh("segment").value {
                #expect(c.segment?.rawValue == raw)
            } else {
                #expect(c.segment == nil)
            }
            #expect(fresh("contacts.phone").value == c.contacts.first?.phone.map(FieldValue.text))
            #expect(fresh("satisfaction").value == c.satisfaction.map(FieldValue.decimal))
        }
        // The unknown tier is reported on every row it appears in, remembered or not.
        #expect(x.findings.filter { $0.code == .unknownLabel }.count == 150)
    }

    @Test("a column given up on is no longer remembered, one whose values repeat is")
    func memoGivesUp() {
        var unique = ColumnMemo(), repeated = ColumnMemo()
        let reading = ColumnMemo.Reading(outcome: .empty, changed: false)
        for i in 0..<2_000 {
            let u = Cell(row: i, column: 0, value: .string("v\(i)"))
            if let k = unique.key(u), unique.reading(for: k) == nil { unique.remember(reading, for: k) }
            let r = Cell(row: i, column: 1, value: .string("v\(i % 5)"))
            if let k = repeated.key(r), repeated.reading(for: k) == nil { repeated.remember(reading, for: k) }
        }
        #expect(unique.key(Cell(row: 0, column: 0, value: .string("v1"))) == nil)
        let k = repeated.key(Cell(row: 0, column: 1, value: .string("v1")))
        #expect(k != nil)
        #expect(k.flatMap { repeated.reading(for: $0) } != nil)
    }
}

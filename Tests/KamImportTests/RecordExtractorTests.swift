import Foundation
import KamImport
import KamMapping
import KamModel
import KamSheets
import KamValidation
import Testing

/// Builds sheets from rows of values (row 1 first).
func makeSheet(_ name: String, _ rows: [[CellValue?]], merged: [CellRange] = []) -> Sheet {
    var cells: [Cell] = []
    for (r, row) in rows.enumerated() {
        for (c, v) in row.enumerated() where v != nil { cells.append(Cell(row: r, column: c, value: v)) }
    }
    return Sheet(name: name, cells: cells, mergedRanges: merged)
}

func s(_ t: String) -> CellValue { .string(t) }
func n(_ d: Double) -> CellValue { .number(d) }

@Suite("RecordExtractor")
struct RecordExtractorTests {
    static let customers = makeSheet("客户信息", [
        [s("客户台账"), nil, nil, nil, nil, nil, nil, nil],
        [s("客户编号"), s("客户名称"), s("负责人"), s("年销售额（万元）"), s("满意度"), s("联系人"), s("手机号"), s("微博")],
        [s("C1"), s("甲公司"), s("张三"), n(12.5), s("85%"), s("李四"), s("+86 138 0013 8000"), s("@甲")],
        [nil, nil, nil, nil, nil, nil, nil, nil],
        [s("C2"), s("乙公司"), nil, s("待核实"), n(120), nil, s("010-1234 5678"), nil],
        [s("合计"), nil, nil, n(12.5), nil, nil, nil, nil],
    ])
    static let transactions = makeSheet("交易记录", [
        [s("客户编号"), s("日期"), s("金额")],
        [s("C1"), .date(CivilDateTime(year: 2024, month: 3, day: 5)), n(100000)],
        [s("C2"), s("2024/3/6"), s("¥2,000.00")],
    ])

    static func extract(_ sheets: [Sheet]) -> Extraction {
        RecordExtractor().extract([WorkbookInput(file: "/tmp/x/台账.xlsx", sheets: sheets)])
    }

    @Test func readsCustomersWithUnitsContactsAndExtra() throws {
        let x = Self.extract([Self.customers])
        #expect(x.customers.map(\.id.rawValue) == ["C1", "C2"])
        let c1 = try #require(x.customers.first)
        #expect(c1.annualRevenue == 125000)
        #expect(c1.satisfaction == 85)
        #expect(c1.owner == "张三")
        #expect(c1.contacts == [Contact(name: "李四", phone: "13800138000", primary: true)])
        #expect(c1.extra["微博"] == "@甲")
        #expect(c1.provenance["contacts[0].phone"] == SourceLocation(file: "台账.xlsx", sheet: "客户信息", cell: "G3"))
        #expect(x.customers[1].contacts.first?.phone == "01012345678")
    }

    @Test func skipsBlankAndTotalsRows() {
        let x = Self.extract([Self.customers])
        #expect(x.stats.rowsRead == 2)
        #expect(x.rows.count == 2)
    }

    @Test func reportsValueProblemsAtTheirCellAndLeavesThemOut() {
        let x = Self.extract([Self.customers])
        let codes = x.findings.map { "\($0.code.rawValue)@\($0.location?.cell ?? "")" }
        #expect(codes.contains("invalid-number@D5"))
        #expect(codes.contains("out-of-range@E5"))
        #expect(codes.contains("unmapped-column@H2"))
        #expect(x.customers[1].annualRevenue == nil)
        #expect(x.customers[1].satisfaction == nil)
    }

    @Test func linksChildRowsById() {
        let x = Self.extract([Self.transactions, Self.customers])
        #expect(x.customers[0].transactions.map(\.amount) == [100000])
        #expect(x.customers[1].transactions.first?.date == LocalDate(year: 2024, month: 3, day: 6))
        #expect(x.customers[1].provenance["transactions[0].amount"]?.cell == "C3")
        #expect(x.orphans.isEmpty)
    }

    @Test func generatesStableIdsAndLinksByNameWithoutIdColumn() {
        let sheet = makeSheet("客户", [
            [s("公司名称"), s("负责人")],
            [s("丙公司"), s("王五")],
            [s("丁公司"), s("赵六")],
        ])
        let tx = makeSheet("交易", [[s("客户名称"), s("日期"), s("金额")], [s("丙公司 "), s("2024-01-02"), n(5)]])
        let a = Self.extract([sheet, tx]), b = Self.extract([sheet, tx])
        #expect(a.idsGenerated)
        #expect(a.customers.map(\.id) == b.customers.map(\.id))
        #expect(Set(a.customers.map(\.id)).count == 2)
        #expect(a.customers[0].transactions.count == 1)
    }

    @Test func mergesCustomersSpreadOverSheets() {
        let east = makeSheet("华东区", [[s("客户编号"), s("客户名称"), s("负责人")], [s("C9"), s("戊公司"), s("甲")]])
        let south = makeSheet("华南区", [[s("客户名称"), s("客户编号"), s("地区")], [s("戊公司"), s("C9"), s("广州")]])
        let x = Self.extract([east, south])
        #expect(x.customers.count == 1)
        #expect(x.customers.first?.owner == "甲")
        #expect(x.customers.first?.region == "广州")
    }

    @Test func fivePointScaleAndPercentFormat() {
        let sheet = makeSheet("客户", [[s("客户名称"), s("满意度(5分制)")], [s("己公司"), n(4.3)]])
        #expect(Self.extract([sheet]).customers.first?.satisfaction == 86)
    }

    @Test func keepsInvalidEmailAsTyped() {
        let sheet = makeSheet("客户", [[s("客户名称"), s("邮箱")], [s("庚公司"), s(" Liming@163 ")]])
        let x = Self.extract([sheet])
        #expect(x.customers.first?.contacts.first?.email == "Liming@163")
        #expect(x.findings.contains { $0.code == .invalidEmail && $0.location?.cell == "B2" })
    }

    @Test func reportsMissingColumn() {
        let sheet = makeSheet("客户", [[s("负责人"), s("地区")], [s("甲"), s("上海")]])
        let x = RecordExtractor(profile: MappingProfile(rules: [.init(kind: .customer)]))
            .extract([WorkbookInput(file: "a.xlsx", sheets: [sheet])])
        #expect(x.findings.contains { $0.code == .missingColumn })
        #expect(x.customers.isEmpty)
    }
}

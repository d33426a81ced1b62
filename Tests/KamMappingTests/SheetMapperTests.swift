import Foundation
import KamSheets
import Testing
@testable import KamMapping

/// Builds a sheet from rows of texts (nil = empty cell) and A1 merges.
func makeSheet(_ name: String, _ rows: [[CellValue?]], merges: [String] = []) -> Sheet {
    var cells: [Cell] = []
    for (r, row) in rows.enumerated() {
        for (c, v) in row.enumerated() where v != nil { cells.append(Cell(row: r, column: c, value: v)) }
    }
    return Sheet(name: name, cells: cells, mergedRanges: merges.compactMap { CellRange(a1: $0) })
}

func texts(_ items: String?...) -> [CellValue?] { items.map { $0.map(CellValue.string) } }

struct HeaderRowDetectorTests {
    @Test func titleNoteAndBlankRowAboveHeader() {
        // Like 2024年华东区客户台账: merged title, merged note, blank row, header in row 4.
        let sheet = makeSheet("客户信息", [
            texts("2024年华东区客户台账"),
            texts("制表部门：华东销售部\u{3000}\u{3000}更新日期：2024-12-31"),
            [],
            texts("客户编号", "公司名称", "所属行业", "客户经理", "年销售额（万元）", "联系人", "手机号", "微博账号"),
            [.string("C0001"), .string("苏州汇航"), .string("零售"), .string("潘艳萍"), .number(71.59), .string("龚敏"),
             .string("134 9163 3431"), .string("@汇航官微")],
        ], merges: ["A1:H1", "A2:H2"])
        let m = SheetMapper.map(sheet)
        #expect(m.headerRows == [3])
        #expect(m.firstDataRow == 4)
        #expect(m.kind == .customer)
        #expect(m.column(for: "name")?.column == 1)
        #expect(m.column(for: "owner")?.column == 3)
        #expect(m.column(for: "annualRevenue")?.unit.multiplier == 10_000)
        #expect(m.column(for: "contacts.name")?.column == 5)
        #expect(m.column(for: "contacts.phone")?.column == 6)
        #expect(m.unmappedColumns.map(\.header.text) == ["微博账号"])
        #expect(m.issues == [MappingIssue(code: .unmappedColumn, cell: CellReference(a1: "H4"), header: "微博账号")])
    }

    @Test func twoRowMergedHeader() {
        // 客户编号/客户名称 merged down over two rows; 联系人 merged across 姓名/电话/邮箱.
        let sheet = makeSheet("客户", [
            texts("客户名单"),
            texts("客户编号", "客户名称", "联系人", nil, nil, "年度销售额"),
            texts(nil, nil, "姓名", "电话", "邮箱", nil),
            [.string("C1"), .string("甲公司"), .string("张三"), .string("13800138000"), .string("a@b.cn"), .number(5)],
        ], merges: ["A1:F1", "A2:A3", "B2:B3", "C2:E2", "F2:F3"])
        let m = SheetMapper.map(sheet)
        #expect(m.headerRows == [1, 2])
        #expect(m.firstDataRow == 3)
        #expect(m.kind == .customer)
        #expect(m.column(for: "id")?.column == 0)
        #expect(m.column(for: "name")?.column == 1)
        #expect(m.column(for: "contacts.name")?.column == 2)
        #expect(m.column(for: "contacts.phone")?.column == 3)
        #expect(m.column(for: "contacts.email")?.column == 4)
        #expect(m.column(for: "annualRevenue")?.column == 5)
        #expect(m.columns.first { $0.column == 3 }?.header.parentText == "联系人")
        #expect(m.issues.isEmpty)
    }

    @Test func groupRowAboveFullHeader() {
        // A group row (基本信息 | 联系方式) over a complete header row.
        let sheet = makeSheet("Sheet1", [
            texts("基本信息", nil, "联系方式", nil),
            texts("客户名称", "行业", "姓名", "电话"),
            texts("甲公司", "零售", "张三", "13800138000"),
        ], merges: ["A1:B1", "C1:D1"])
        let m = SheetMapper.map(sheet)
        #expect(m.headerRows == [0, 1])
        #expect(m.firstDataRow == 2)
        #expect(m.column(for: "name")?.column == 0)
        #expect(m.column(for: "contacts.name")?.column == 2)
        #expect(m.column(for: "contacts.phone")?.column == 3)
    }

    @Test func traditionalHeaders() {
        let sheet = makeSheet("客戶資料", [
            texts("客戶編號", "客戶名稱", "負責人", "聯絡人", "聯絡電話", "電子郵箱", "滿意度(5分制)", "會員等級"),
        ])
        let m = SheetMapper.map(sheet)
        #expect(m.kind == .customer)
        #expect(m.mappedColumns.map { $0.path ?? "" } ==
            ["id", "name", "owner", "contacts.name", "contacts.phone", "contacts.email", "satisfaction", "membership"])
        #expect(m.column(for: "satisfaction")?.unit.scale == 5)
    }

    @Test func englishHeaders() {
        let sheet = makeSheet("Customers", [
            texts("Customer List - East China"),
            texts("Exported 2024-12-31 from CRM"),
            texts("Customer ID", "Customer Name", "Account Manager", "Segment", "Key Account", "Annual Revenue",
                  "Contact", "Phone", "Email", "Weibo", "Internal Code"),
        ], merges: ["A1:K1", "A2:K2"])
        let m = SheetMapper.map(sheet)
        #expect(m.headerRows == [2])
        #expect(m.unmappedColumns.map(\.header.text) == ["Weibo", "Internal Code"])
        #expect(m.column(for: "contacts.phone")?.column == 7)
    }

    @Test func recordKinds() {
        let tx = makeSheet("交易记录", [texts("客户编号", "交易日期", "产品", "数量", "单价", "金额(元)")])
        #expect(SheetMapper.map(tx).kind == .transaction)
        #expect(SheetMapper.map(tx).column(for: "transactions.amount")?.unit.multiplier == 1)
        let fb = makeSheet("服务反馈", [texts("客户编号", "收到时间", "类别", "严重程度", "描述", "解决时间", "状态")])
        #expect(SheetMapper.map(fb).kind == .feedback)
        let contacts = makeSheet("联系人", [texts("客户编号", "姓名", "职务", "联系电话", "电子邮箱", "微信", "生日")])
        let cm = SheetMapper.map(contacts)
        #expect(cm.kind == .contact)
        #expect(cm.column(for: "contacts.name")?.column == 1)
        let plan = makeSheet("服务计划", [texts("客户编号", "事项", "频率", "计划日期", "完成日期", "状态", "负责人")])
        #expect(SheetMapper.map(plan).kind == .serviceAction)
        #expect(SheetMapper.map(plan).column(for: "serviceActions.owner")?.column == 6)
        // Headers alone decide when the name says nothing.
        let unnamed = makeSheet("Sheet1", [texts("客户编号", "日期", "产品", "数量", "金额")])
        #expect(SheetMapper.map(unnamed).kind == .transaction)
        // Individuals: 姓名 is the customer's name when nothing else is.
        let members = makeSheet("会员名单", [texts("会员编号", "姓名", "性别", "出生日期", "手机", "会员等级", "积分")])
        let mm = SheetMapper.map(members)
        #expect(mm.kind == .customer)
        #expect(mm.column(for: "name")?.column == 1)
        #expect(mm.column(for: "contacts.phone")?.column == 4)
    }

    @Test func duplicatesAndAlternates() {
        let sheet = makeSheet("客户", [texts("客户名称", "电话", "联系电话", "手机", "城市", "省份")])
        let m = SheetMapper.map(sheet)
        // 电话 and 联系电话 both want phone: the first wins; 手机 falls back to mobile.
        #expect(m.column(for: "contacts.phone")?.column == 1)
        #expect(m.column(for: "contacts.mobile")?.column == 3)
        #expect(m.column(for: "region")?.column == 4)
        #expect(m.issues.filter { $0.code == .duplicateHeader }.map(\.header) == ["联系电话", "省份"])
        #expect(m.issues.first { $0.header == "联系电话" }?.firstCell == CellReference(a1: "B1"))
    }

    @Test func missingNameColumn() {
        let m = SheetMapper.map(makeSheet("客户", [texts("客户编号", "行业", "地区", "负责人")]))
        #expect(m.issues.contains { $0.code == .missingColumn && $0.field == "name" })
    }

    @Test func totalsRow() {
        let sheet = makeSheet("客户", [texts("客户编号", "客户名称"), texts("合计", "56家")])
        let m = SheetMapper.map(sheet)
        #expect(m.isTotalsRow(sheet.cells.filter { $0.row == 1 }))
        #expect(!m.isTotalsRow([Cell(row: 1, column: 0, value: .string("C1"))]))
    }
}

struct MappingProfileTests {
    static let yaml = """
    monthFirst: false
    synonyms:
      客户简称: name
    rules:
      - file: "销售部*.xlsx"
        sheet: "客户*"
        kind: customer
        headerRow: 3
        monthFirst: true
        columns:
          内部代码: notes
          微博: extra
    """

    @Test func parsesAndApplies() throws {
        let p = try MappingProfile.parse(yaml: Self.yaml)
        let s = p.settings(file: "/tmp/销售部客户名单.xlsx", sheet: "客户名单")
        #expect(s.kind == .customer)
        #expect(s.headerRow == 2)
        #expect(s.monthFirst)
        #expect(s.columns["内部代码"] == .field("notes"))
        #expect(s.columns["微博"] == .extra)
        let other = p.settings(file: "other.xlsx", sheet: "客户名单")
        #expect(other.kind == nil && !other.monthFirst)
    }

    @Test func pinsColumnsAndSynonyms() throws {
        let p = try MappingProfile.parse(yaml: Self.yaml)
        let sheet = makeSheet("客户名单", [
            texts("销售部客户名单"), [],
            texts("客户简称", "内部代码", "微博"),
        ], merges: ["A1:C1"])
        let m = SheetMapper(profile: p).map(sheet, file: "销售部客户名单.xlsx")
        #expect(m.headerRows == [2])
        #expect(m.column(for: "name")?.column == 0)
        #expect(m.column(for: "notes")?.column == 1)
        #expect(m.unmappedColumns.map(\.column) == [2])
        #expect(m.issues.isEmpty) // a column pinned to extra is not reported
        #expect(m.monthFirst)
    }

    @Test func rejectsUnknownPaths() {
        #expect(throws: MappingProfile.Error.self) {
            try MappingProfile.parse(yaml: "synonyms:\n  x: nonsense.field\n")
        }
        #expect(throws: MappingProfile.Error.self) { try MappingProfile.parse(yaml: "rules: 5\n") }
    }
}

struct FieldReaderTests {
    @Test func readsThroughColumnUnits() throws {
        let sheet = makeSheet("客户", [texts("客户名称", "年销售额（万元）", "满意度(5分制)", "成立时间", "手机号")])
        let m = SheetMapper.map(sheet)
        let reader = FieldReader()
        let revenue = try #require(m.column(for: "annualRevenue") as ColumnMapping?)
        #expect(reader.read(Cell(row: 1, column: 1, value: .number(12.5)), column: revenue).value == .decimal(125_000))
        if let sat = m.column(for: "satisfaction") {
            #expect(reader.read(Cell(row: 1, column: 2, value: .number(4.3)), column: sat).value == .decimal(86))
        } else { Issue.record("no satisfaction column") }
        if let phone = m.column(for: "contacts.phone") {
            #expect(reader.read(Cell(row: 1, column: 4, value: .string("138 0013 8000")), column: phone).value
                == .text("13800138000"))
        } else { Issue.record("no phone column") }
        if let founded = m.column(for: "foundedOn") {
            #expect(reader.read(Cell(row: 1, column: 3, value: .string("03/05/2024")), column: founded).findingCode
                == "ambiguous-date")
        } else { Issue.record("no founded column") }
        // A 0.85 in a percent format.
        let styles = [CellStyle(), CellStyle(numberFormat: "0%")]
        if let sat = m.column(for: "satisfaction") {
            var plain = sat
            plain.unit = HeaderUnit()
            #expect(reader.read(Cell(row: 1, column: 2, value: .number(0.85), style: 1), column: plain, styles: styles)
                .value == .decimal(85))
        }
    }
}

import Foundation
import KamImport
import KamModel
import KamSheets
@testable import KamValidation
import Testing

/// Each rule on small extracted sheets: the code, and the cell a person fixes.
@Suite("Validation rules")
struct RuleTests {
    static func findings(_ sheets: [Sheet], rule: any Rule, settings: ValidationSettings = ValidationSettings())
        -> [Finding] {
        let x = RecordExtractor().extract([WorkbookInput(file: "t.xlsx", sheets: sheets)])
        return rule.check(ValidationInput(customers: x.customers, rows: x.rows), settings: settings)
    }

    static func cells(_ f: [Finding]) -> [String] { f.map { "\($0.code.rawValue)@\($0.location?.cell ?? "-")" } }

    static let header: [CellValue?] = [s("客户编号"), s("客户名称"), s("负责人"), s("重点客户"), s("联系电话"), s("邮箱"),
                                       s("年度销售额")]

    @Test func missingField() {
        let sheet = makeSheet("客户", [Self.header, [s("C1"), nil, s("甲"), nil, nil, nil, nil]])
        #expect(Self.cells(Self.findings([sheet], rule: MissingFieldRule())) == ["missing-field@B2"])
    }

    @Test func missingKeyAccountField() {
        let sheet = makeSheet("客户", [Self.header, [s("C1"), s("甲公司"), nil, s("是"), nil, nil, nil]])
        #expect(Self.cells(Self.findings([sheet], rule: MissingKeyAccountFieldRule()))
            == ["missing-key-account-field@C2", "missing-key-account-field@E2"])
    }

    @Test func duplicateIDOnOneSheet() {
        let sheet = makeSheet("客户", [Self.header, [s("C1"), s("甲公司"), s("张"), nil, nil, nil, nil],
                                      [s("C1"), s("甲公司"), s("李"), nil, nil, nil, nil]])
        let f = Self.findings([sheet], rule: DuplicateIDRule())
        #expect(Self.cells(f) == ["duplicate-id@A3"])
        #expect(f.first?.related.first?.location?.cell == "A2")
        // Identical rows are not reported.
        let same = makeSheet("客户", [Self.header, [s("C1"), s("甲公司")], [s("C1"), s("甲公司")]])
        #expect(Self.findings([same], rule: DuplicateIDRule()).isEmpty)
    }

    @Test func conflictingValueAcrossSheets() {
        let a = makeSheet("A", [Self.header, [s("C1"), s("甲公司"), s("张")]])
        let b = makeSheet("B", [[s("客户名称"), s("客户编号"), s("负责人")], [s("甲公司"), s("C1"), s("李")]])
        let f = Self.findings([a, b], rule: ConflictingValueRule())
        #expect(f.map { "\($0.location?.sheet ?? "")!\($0.location?.cell ?? "")" } == ["B!C2"])
        #expect(f.first?.related.first?.location?.cell == "C2")
        #expect(Self.findings([a, b], rule: DuplicateIDRule()).isEmpty)
    }

    @Test func conflictingValueWithStore() {
        let a = makeSheet("A", [Self.header, [s("C1"), s("甲公司"), s("张")]])
        let x = RecordExtractor().extract([WorkbookInput(file: "t.xlsx", sheets: [a])])
        let store = [Customer(id: "C1", name: "甲公司", owner: "王")]
        let f = ConflictingValueRule().check(ValidationInput(customers: x.customers, rows: x.rows, storeCustomers: store),
                                             settings: ValidationSettings())
        #expect(Self.cells(f) == ["conflicting-value@C2"])
        #expect(f.first?.related.first?.value == "王")
    }

    @Test func probableDuplicateAndSharedContact() {
        let sheet = makeSheet("客户", [Self.header,
                                      [s("C1"), s("甲公司"), nil, nil, s("13800138000")],
                                      [s("C2"), s("乙公司"), nil, nil, s("138 0013 8000")],
                                      [s("C3"), s("甲 公司")]])
        #expect(Self.cells(Self.findings([sheet], rule: ProbableDuplicateRule())) == ["probable-duplicate@B4"])
        #expect(Self.cells(Self.findings([sheet], rule: SharedContactRule())) == ["shared-contact@E3"])
    }

    @Test func dateOrderAndSLA() {
        let customers = makeSheet("客户", [[s("客户编号"), s("客户名称")], [s("C1"), s("甲公司")]])
        let fb = makeSheet("服务反馈", [
            [s("客户编号"), s("收到时间"), s("首次响应时间"), s("解决时间")],
            [s("C1"), s("2024-03-05 10:00"), s("2024-03-07 10:00"), s("2024-03-04 10:00")],
        ])
        #expect(Self.cells(Self.findings([customers, fb], rule: DateOrderRule())) == ["date-order@D2"])
        #expect(Self.cells(Self.findings([customers, fb], rule: SLABreachRule())) == ["sla-breach@C2"])
        #expect(Self.findings([customers, fb], rule: SLABreachRule(), settings: ValidationSettings(slaHours: 72)).isEmpty)
    }

    @Test func totalMismatch() {
        let customers = makeSheet("客户", [[s("客户编号"), s("客户名称"), s("年度销售额")],
                                          [s("C1"), s("甲公司"), n(1000)], [s("C2"), s("乙公司"), n(1005)]])
        let tx = makeSheet("交易记录", [[s("客户编号"), s("日期"), s("金额")],
                                       [s("C1"), s("2024-01-01"), n(500)], [s("C2"), s("2024-01-01"), n(1000)],
                                       [s("C2"), s("2023-01-01"), n(999)]])
        #expect(Self.cells(Self.findings([customers, tx], rule: TotalMismatchRule())) == ["total-mismatch@C2"])
    }

    @Test func validatorSortsAndOverridesSeverity() {
        let sheet = makeSheet("客户", [Self.header, [s("C1"), nil], [s("C2"), nil]])
        let x = RecordExtractor().extract([WorkbookInput(file: "t.xlsx", sheets: [sheet])])
        let v = Validator(settings: ValidationSettings(severities: [.missingField: .warning]))
        let f = v.validate(ValidationInput(customers: x.customers, rows: x.rows), extra: x.findings)
        #expect(f.filter { $0.code == .missingField }.map { $0.location?.cell } == ["B2", "B3"])
        #expect(f.filter { $0.code == .missingField }.allSatisfy { $0.severity == .warning })
    }
}

@Suite("Match keys")
struct MatchKeyTests {
    @Test("the short path for ASCII and CJK text gives exactly the Unicode path's key")
    func plainAgreesWithUnicode() {
        let samples = ["华东机电有限公司", "Acme Corp.", "  ACME corp ", "138-0013-8000", "(021) 6888 1234",
                       "li.si@Example.COM", "张_三", "", " ", "a\tb\nc", "上海（集团）有限公司", "Ｗｉｄｅ",
                       "Straße", "İstanbul", "東方貿易", "ﬁne", "株式会社\u{3000}東京", "x·y", "e\u{301}"]
        for text in samples {
            if let plain = MatchKey.plainKey(text) {
                #expect((plain.isEmpty ? nil : plain) == MatchKey.unicodeKey(text), "\(text)")
            }
            #expect(MatchKey.of(text) == MatchKey.unicodeKey(text), "\(text)")
        }
        #expect(MatchKey.plainKey("Ｗｉｄｅ") == nil)
        #expect(MatchKey.plainKey("Acme Corp.") == "acmecorp")
    }
}

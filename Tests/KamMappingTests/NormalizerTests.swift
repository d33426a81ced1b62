import Foundation
import KamModel
import KamSheets
import Testing
@testable import KamMapping

struct DateNormalizerTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: CellValue
        var format: String? = nil
        var monthFirst = false
        var expected: String? // ISO date, or nil
        var code: String? = nil
        var description: String { input.text }
    }

    static let cases: [Case] = [
        Case(input: .string("2024-03-05"), expected: "2024-03-05"),
        Case(input: .string("2024/3/5"), expected: "2024-03-05"),
        Case(input: .string("2024.3.5"), expected: "2024-03-05"),
        Case(input: .string("2024年3月5日"), expected: "2024-03-05"),
        Case(input: .string("２０２４年３月５日"), expected: "2024-03-05"),
        Case(input: .string("20240305"), expected: "2024-03-05"),
        Case(input: .number(20240305), expected: "2024-03-05"),
        Case(input: .string(" 2024-03-05 14:30 "), expected: "2024-03-05"),
        Case(input: .string("03/05/2024"), expected: nil, code: "ambiguous-date"),
        Case(input: .string("03/05/2024"), monthFirst: true, expected: "2024-03-05"),
        Case(input: .string("3/18/2024"), expected: "2024-03-18"),
        Case(input: .string("18/3/2024"), expected: "2024-03-18"),
        Case(input: .string("5/5/2024"), expected: "2024-05-05"),
        Case(input: .string("2024-13-45"), expected: nil, code: "invalid-date"),
        Case(input: .string("2023-02-29"), expected: nil, code: "invalid-date"),
        Case(input: .string("待定"), expected: nil, code: "invalid-date"),
        Case(input: .string("24/3/5"), expected: nil, code: "invalid-date"),
        Case(input: .date(CivilDateTime(year: 2012, month: 9, day: 19)), expected: "2012-09-19"),
        Case(input: .dateTime(CivilDateTime(year: 2024, month: 2, day: 2, hour: 11, minute: 45)),
             expected: "2024-02-02"),
        Case(input: .number(45356), format: "yyyy-mm-dd", expected: "2024-03-05"),
        Case(input: .number(45356), format: "General", expected: nil, code: "invalid-date"),
        Case(input: .bool(true), expected: nil, code: "invalid-date"),
    ]

    @Test(arguments: cases)
    func reads(_ c: Case) {
        let r = DateNormalizer(monthFirst: c.monthFirst).date(c.input, numberFormat: c.format)
        #expect(r.value?.iso == c.expected)
        #expect(r.findingCode == c.code)
    }

    @Test func ambiguousKeepsBothReadings() {
        guard case .ambiguous(let readings, _) = DateNormalizer().date(.string("03/05/2024")) else {
            Issue.record("not ambiguous"); return
        }
        #expect(readings.map(\.iso) == ["2024-03-05", "2024-05-03"])
    }

    @Test func dateTimes() {
        let n = DateNormalizer()
        #expect(n.dateTime(.string("2024-03-05 14:30")).value?.iso == "2024-03-05T14:30:00")
        #expect(n.dateTime(.string("2024/3/5 9:05:07")).value?.iso == "2024-03-05T09:05:07")
        #expect(n.dateTime(.string("2024年3月5日 下午2点30分")).value?.iso == "2024-03-05T14:30:00")
        #expect(n.dateTime(.dateTime(CivilDateTime(year: 2024, month: 2, day: 2, hour: 11, minute: 45))).value?.iso
            == "2024-02-02T11:45:00")
        #expect(n.dateTime(.number(45356.5), numberFormat: "yyyy-mm-dd hh:mm").value?.iso == "2024-03-05T12:00:00")
        #expect(n.dateTime(.string("2024-03-05 25:00")).findingCode == "invalid-date")
        #expect(n.dateTime(nil) == .empty)
    }
}

struct AmountNormalizerTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: CellValue
        var multiplier: Decimal? = nil
        var expected: Decimal?
        var code: String? = nil
        var description: String { input.text }
    }

    static let cases: [Case] = [
        Case(input: .string("12.5万"), expected: 125_000),
        Case(input: .string("1703.25万"), expected: 17_032_500),
        Case(input: .string("3亿"), expected: 300_000_000),
        Case(input: .string("¥1,234,567.00"), expected: 1_234_567),
        Case(input: .string("￥18,160,000.00"), expected: 18_160_000),
        Case(input: .string("RMB 5,000"), expected: 5000),
        Case(input: .string("5000元"), expected: 5000),
        Case(input: .string("１２３４"), expected: 1234),
        Case(input: .number(71.59), multiplier: 10_000, expected: 715_900),
        Case(input: .number(8.75), multiplier: 10_000, expected: 87_500),
        Case(input: .string("71.59"), multiplier: 10_000, expected: 715_900),
        Case(input: .string("12.5万"), multiplier: 10_000, expected: 125_000), // the cell's own unit wins
        Case(input: .number(1250.555), expected: Decimal(string: "1250.56")),
        Case(input: .number(6001200), expected: 6_001_200),
        Case(input: .string("待核实"), expected: nil, code: "invalid-number"),
        Case(input: .string("12abc"), expected: nil, code: "invalid-number"),
        Case(input: .string("1.2.3"), expected: nil, code: "invalid-number"),
        Case(input: .number(-5), expected: nil, code: "out-of-range"),
    ]

    @Test(arguments: cases)
    func reads(_ c: Case) {
        let r = AmountNormalizer.amount(c.input, multiplier: c.multiplier)
        #expect(r.value == c.expected)
        #expect(r.findingCode == c.code)
    }
}

struct PercentNormalizerTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: CellValue
        var target: PercentNormalizer.Target = .hundred
        var format: String? = nil
        var unit = HeaderUnit()
        var expected: Decimal?
        var code: String? = nil
        var description: String { "\(input.text) \(target)" }
    }

    static let cases: [Case] = [
        Case(input: .string("85%"), expected: 85),
        Case(input: .string("85％"), expected: 85),
        Case(input: .string("85%"), target: .fraction, expected: 0.85),
        Case(input: .number(0.85), format: "0%", expected: 85),
        Case(input: .number(0.85), target: .fraction, format: "0%", expected: 0.85),
        Case(input: .number(0.85), target: .fraction, expected: 0.85),
        Case(input: .number(85), target: .fraction, expected: 0.85),
        Case(input: .number(85), expected: 85),
        Case(input: .number(4.3), unit: HeaderUnit(scale: 5), expected: 86),
        Case(input: .string("4.5分"), unit: HeaderUnit(scale: 5), expected: 90),
        Case(input: .number(8), unit: HeaderUnit(scale: 10), expected: 80),
        Case(input: .number(6), unit: HeaderUnit(scale: 5), expected: nil, code: "out-of-range"),
        Case(input: .number(120), expected: nil, code: "out-of-range"),
        Case(input: .string("很满意"), expected: nil, code: "invalid-number"),
    ]

    @Test(arguments: cases)
    func reads(_ c: Case) {
        let r = PercentNormalizer.percent(c.input, target: c.target, numberFormat: c.format, unit: c.unit)
        #expect(r.value == c.expected)
        #expect(r.findingCode == c.code)
    }

    @Test func outOfRangeKeepsTheValue() {
        #expect(PercentNormalizer.percent(.number(120), target: .hundred) ==
            .outOfRange(120, ValueIssue(.outOfRange, original: "120", reason: "outside 0…100 %")))
    }
}

struct PhoneEmailTests {
    static let phones: [(CellValue, String?)] = [
        (.string("138 0013 8000"), "13800138000"),
        (.string("010-1234 5678"), "01012345678"),
        (.string("+86-13743244126"), "13743244126"),
        (.string("+86 194 6290 3269"), "19462903269"),
        (.string("+8615833760988"), "15833760988"),
        (.string("8613800138000"), "13800138000"),
        (.string("170-7838-2041"), "17078382041"),
        (.string("0755-44499770"), "075544499770"),
        (.string("(021) 7473 0025"), "02174730025"),
        (.string("+86 10 6644 1270"), "01066441270"),
        (.string("+1 415 555 0100"), "+14155550100"),
        (.string("１３８００１３８０００"), "13800138000"),
        (.number(19735735923), "19735735923"),
        (.string("1380013800"), nil),
        (.string("138-0013-8000 转 12"), nil),
        (.string("无"), nil),
    ]

    @Test func phones() {
        for (input, expected) in Self.phones {
            let r = PhoneNormalizer.phone(input)
            #expect(r.value == expected, "\(input.text)")
            #expect(r.findingCode == (expected == nil ? "invalid-phone" : nil), "\(input.text)")
        }
        #expect(PhoneNormalizer.phone(.string("  ")) == .empty)
    }

    static let emails: [(String, String?)] = [
        ("1299789031@qq.Com ", "1299789031@qq.com"),
        (" Yu.LUO@163.com ", "yu.luo@163.com"),
        ("ａｂｃ＠１６３．ｃｏｍ", "abc@163.com"),
        ("first.last+tag@corp-mail.cn", "first.last+tag@corp-mail.cn"),
        ("hr@xinyuan", nil),
        ("liming@163", nil),
        ("chen.jing@@163.com", nil),
        ("no-at-sign.com", nil),
        ("a..b@163.com", nil),
    ]

    @Test func emails() {
        for (input, expected) in Self.emails {
            let r = EmailNormalizer.email(.string(input))
            #expect(r.value == expected, "\(input)")
            if expected == nil {
                #expect(r.issue?.code == .invalidEmail)
                #expect(r.issue?.original == TextFolding.trim(input)) // kept as typed
            }
        }
    }
}

struct BoolLabelTextTests {
    @Test func bools() {
        for t in ["是", "Y", "y", "Yes", "✓", "√", "1", "TRUE", "Ｙ"] { #expect(BoolNormalizer.bool(.string(t)) == .value(true), "\(t)") }
        for t in ["否", "N", "No", "0", "FALSE"] { #expect(BoolNormalizer.bool(.string(t)) == .value(false), "\(t)") }
        #expect(BoolNormalizer.bool(.bool(true)) == .value(true))
        #expect(BoolNormalizer.bool(.number(0)) == .value(false))
        #expect(BoolNormalizer.bool(nil) == .empty)
        #expect(BoolNormalizer.bool(.string("也许")).findingCode == "unknown-label")
    }

    static let segments: [(rawValue: String, labels: [String])] = [
        ("important_value", ["重要价值客户", "重要價值客戶", "Important value"]),
        ("important_development", ["重要发展客户", "重要發展客戶", "Important development"]),
        ("general_value", ["一般价值客户", "一般價值客戶", "General value"]),
        ("low_value", ["低价值客户", "低價值客戶", "Low value"]),
        ("important_retention", ["重要保持客户"]),
        ("general_development", ["一般发展客户"]),
    ]

    @Test func labels() {
        let n = LabelNormalizer(.segment, vocabulary: Self.segments)
        let cases: [(String, String?)] = [
            ("重要价值客户", "important_value"), ("重要價值客戶", "important_value"), ("VIP客户", "important_value"),
            ("普通客户", "general_value"), ("General value", "general_value"), ("general VALUE", "general_value"),
            (" 低价值客户 ", "low_value"), ("important_development", "important_development"),
            ("重要发展", "important_development"), ("一般发展客户", "general_development"),
            ("超级客户", nil), ("Strategic", nil), ("战略客户", nil),
        ]
        for (text, raw) in cases {
            let r = n.label(.string(text))
            #expect(r.value == raw, "\(text)")
            if raw == nil { #expect(r.findingCode == "unknown-label") }
        }
        #expect(n.label(.string("")) == .empty)
    }

    @Test func texts() {
        #expect(TextNormalizer.text(.string("\u{3000} 苏州汇航 \u{3000}")) == .value("苏州汇航"))
        #expect(TextNormalizer.text(.string(" 新任采购总监\n需重新建立关系 ")) == .value("新任采购总监\n需重新建立关系"))
        #expect(TextNormalizer.text(.string("a\r\nb")) == .value("a\nb"))
        #expect(TextNormalizer.text(.number(1181369264)) == .value("1181369264"))
        #expect(TextNormalizer.text(.string("\u{3000}")) == .empty)
        #expect(TextNormalizer.list(.string("交期稳定；价格敏感、重视售后")) == .value(["交期稳定", "价格敏感", "重视售后"]))
    }
}

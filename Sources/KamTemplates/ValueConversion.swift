import Foundation
import KamModel
import KamSheets

/// Turning template values into cell values (filling) and cell values back into model values (reading).
public enum ValueConversion {
    /// The cell value of a sole tag and the number format the cell needs when its own is `General`.
    public static func cellValue(_ v: TemplateValue, _ format: ValueFormat?) -> (CellValue?, String?) {
        switch (format, v) {
        case (_, .null): return (nil, nil)
        case (.percent?, .number(let n)): return (.number(double(n / 100)), "0.0%")
        case (.money?, .number(let n)): return (.number(double(n.rounded(scale: 2))), "#,##0.00")
        case (.int?, .number(let n)): return (.number(double(n.rounded(scale: 0))), "0")
        case (.number?, .number(let n)): return (.number(double(n)), nil)
        case (.code?, .vocab(let code, _)): return (.string(code), nil)
        case (.lines?, .list(let l)): return (.string(l.map(\.text).joined(separator: "\n")), nil)
        case (.text?, _), (.code?, _), (.lines?, _): return (.string(v.text), nil)
        case (_, .number(let n)): return (.number(double(n)), nil)
        case (_, .date(let d)): return (.date(CivilDateTime(year: d.year, month: d.month, day: d.day)), "yyyy-mm-dd")
        case (_, .dateTime(let d)):
            return (.dateTime(CivilDateTime(year: d.date.year, month: d.date.month, day: d.date.day, hour: d.hour,
                                            minute: d.minute, second: d.second)), "yyyy-mm-dd hh:mm")
        default:
            let t = v.text
            return (t.isEmpty ? nil : .string(t), nil)
        }
    }

    /// The text of a tag inside other text.
    public static func inlineText(_ v: TemplateValue, _ format: ValueFormat?) -> String {
        switch (format, v) {
        case (.percent?, .number(let n)): return (n.rounded(scale: 1).jsonNumberText() ?? "") + "%"
        case (.money?, .number(let n)): return grouped(n.rounded(scale: 2))
        case (.int?, .number(let n)): return n.rounded(scale: 0).jsonNumberText() ?? ""
        case (.code?, .vocab(let code, _)): return code
        case (.lines?, .list(let l)): return l.map(\.text).joined(separator: "\n")
        default: return v.text
        }
    }

    static func grouped(_ n: Decimal) -> String {
        let f = NumberFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.numberStyle = .decimal
        f.minimumFractionDigits = 2
        f.maximumFractionDigits = 2
        f.usesGroupingSeparator = true
        f.groupingSeparator = ","
        f.groupingSize = 3
        return f.string(from: NSDecimalNumber(decimal: n)) ?? (n.jsonNumberText() ?? "")
    }

    static func double(_ d: Decimal) -> Double { NSDecimalNumber(decimal: d).doubleValue }

    // MARK: Reading back

    /// A number typed into a bound cell: a number cell, or text such as `90%`, `¥1,200`, `12.5万`. Percent-format
    /// bindings give percent points (a cell holding 0.9 reads 90).
    public static func decimal(_ c: CellValue?, _ format: ValueFormat?) -> Decimal? {
        switch c {
        case .number(let d)?:
            let x = Decimal(string: NumberText.format(d), locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(d)
            return format == .percent ? (x * 100).rounded(scale: 10) : x
        case .string(let s)?: return decimal(text: s)
        case .bool(let b)?: return b ? 1 : 0
        default: return nil
        }
    }

    /// A number in text: `90%` → 90, `¥1,200.5` → 1200.5, `12.5万` → 125000.
    public static func decimal(text s: String) -> Decimal? {
        var t = s.trimmingCharacters(in: .whitespaces)
        var factor: Decimal = 1
        for sym in ["¥", "￥", "RMB", "元", ",", "，", " ", "%", "％", "小时", "个月", "月", "天", "分"] {
            t = t.replacingOccurrences(of: sym, with: "")
        }
        if t.hasSuffix("万") { factor = 10_000; t.removeLast() }
        if t.hasSuffix("亿") { factor = 100_000_000; t.removeLast() }
        return Decimal(exactText: t).map { $0 * factor }
    }

    /// A date typed into a bound cell: a date cell, or text `2025-03-05`, `2025/3/5`, `2025.3.5`, `2025年3月5日`.
    public static func date(_ c: CellValue?) -> LocalDate? {
        switch c {
        case .date(let d)?, .dateTime(let d)?: return LocalDate(year: d.year, month: d.month, day: d.day)
        case .string(let s)?: return date(text: s)
        default: return nil
        }
    }

    public static func date(text s: String) -> LocalDate? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let d = LocalDate(iso: t) { return d }
        let nums = t.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
        guard nums.count == 3, nums[0] > 999 else { return nil }
        return LocalDate(year: nums[0], month: nums[1], day: nums[2])
    }

    /// Text typed into a bound cell (numbers without `.0`, dates ISO), nil when empty.
    public static func text(_ c: CellValue?) -> String? {
        guard let c else { return nil }
        let t = c.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// A vocabulary value typed as its code or any of its labels.
    public static func vocab<V: Vocabulary>(_ s: String?, _ type: V.Type) -> V? {
        guard let s = s?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        return V(rawValue: s) ?? V.value(forLabel: s)
    }

    /// Text split into lines (for `| lines` and multi-line cells), empty lines dropped.
    public static func lines(_ s: String?) -> [String] {
        (s ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

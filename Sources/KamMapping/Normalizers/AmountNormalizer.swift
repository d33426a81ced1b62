import Foundation
import KamSheets

/// Reads money (MODEL.md): numbers, or text with `¥` `￥` `RMB` `元`, thousands separators and the units `万`
/// (×10,000) and `亿` (×10^8); `12.5万` → 125000. A header multiplier (`年销售额（万元）`) applies to values that
/// state no unit of their own; a unit in the cell wins over the header's. Rounded to 2 decimals.
public enum AmountNormalizer {
    /// An amount; negative ones are `outOfRange` unless `allowNegative`.
    public static func amount(_ value: CellValue?, multiplier: Decimal? = nil,
                              allowNegative: Bool = false) -> Normalized<Decimal> {
        guard let value else { return .empty }
        let original = value.text
        let number: Decimal
        switch value {
        case .number(let d):
            guard let n = DecimalMath.decimal(d) else { return invalid(original) }
            number = multiplier.map { n * $0 } ?? n
        case .string(let s):
            if TextFolding.trim(s).isEmpty { return .empty }
            guard let p = NumberTextParser.parse(s), !p.isPercent else { return invalid(original) }
            number = p.multiplier.map { p.number * $0 } ?? p.number * (multiplier ?? 1)
        case .bool, .date, .dateTime, .time, .duration, .error:
            return invalid(original)
        }
        let v = DecimalMath.rounded(number, scale: 2)
        if v < 0, !allowNegative {
            return .outOfRange(v, ValueIssue(.outOfRange, original: original, reason: "negative"))
        }
        return .value(v)
    }

    private static func invalid(_ original: String) -> Normalized<Decimal> {
        .invalid(ValueIssue(.invalidNumber, original: original, reason: "not an amount"))
    }
}

/// Reads plain numbers (quantity, points, recommend), with an optional range and integer requirement.
public enum NumberNormalizer {
    /// A number; outside `range` → `outOfRange`; a fraction where `integer` → `invalid`.
    public static func number(_ value: CellValue?, range: ClosedRange<Decimal>? = nil, integer: Bool = false,
                              multiplier: Decimal? = nil) -> Normalized<Decimal> {
        guard let value else { return .empty }
        let original = value.text
        var n: Decimal
        switch value {
        case .number(let d):
            guard let x = DecimalMath.decimal(d) else { return invalid(original) }
            n = multiplier.map { x * $0 } ?? x
        case .string(let s):
            if TextFolding.trim(s).isEmpty { return .empty }
            guard let p = NumberTextParser.parse(s), !p.isPercent else { return invalid(original) }
            n = p.multiplier.map { p.number * $0 } ?? p.number * (multiplier ?? 1)
        case .bool, .date, .dateTime, .time, .duration, .error:
            return invalid(original)
        }
        if integer {
            guard DecimalMath.rounded(n, scale: 0) == n else {
                return .invalid(ValueIssue(.invalidNumber, original: original, reason: "not a whole number"))
            }
        } else {
            n = DecimalMath.rounded(n, scale: 6)
        }
        if let r = range, !r.contains(n) {
            return .outOfRange(n, ValueIssue(.outOfRange, original: original, reason: "outside \(r)"))
        }
        return .value(n)
    }

    private static func invalid(_ original: String) -> Normalized<Decimal> {
        .invalid(ValueIssue(.invalidNumber, original: original, reason: "not a number"))
    }
}

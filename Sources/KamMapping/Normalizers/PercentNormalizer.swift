import Foundation
import KamSheets

/// Reads percentages and scores (MODEL.md): `85%` → 85 for 0…100 fields and 0.85 for 0…1 fields; a 0.85 cell in
/// a `0%` format is 85 %; under a `(5分制)` / `(10分制)` header an answer is ×20 / ×10.
public enum PercentNormalizer {
    /// The field's range.
    public enum Target: Sendable, Hashable {
        /// 0…100 (satisfaction, survey score).
        case hundred
        /// 0…1 (revenue share).
        case fraction
    }

    /// A percentage for a field of `target`; values past the range (or past the scale) are `outOfRange`.
    public static func percent(_ value: CellValue?, target: Target, numberFormat: String? = nil,
                               unit: HeaderUnit = HeaderUnit()) -> Normalized<Decimal> {
        guard let value else { return .empty }
        let original = value.text
        // `points`: the value in percentage points (85 for 85 %).
        var points: Decimal
        switch value {
        case .number(let d):
            guard let n = DecimalMath.decimal(d) else { return invalid(original) }
            if let f = numberFormat, NumberFormats.isPercent(f) {
                points = n * 100
            } else {
                guard let p = fromPlain(n, target: target, unit: unit, original: original) else {
                    return scaleOverflow(n, unit: unit, target: target, original: original)
                }
                points = p
            }
        case .string(let s):
            if TextFolding.trim(s).isEmpty { return .empty }
            var text = s
            // `4.5分`: a score with its unit word.
            if let r = text.range(of: "分", options: .backwards), r.upperBound == text.endIndex { text.removeSubrange(r) }
            guard let p = NumberTextParser.parse(text), p.multiplier == nil else { return invalid(original) }
            if p.isPercent {
                points = p.number
            } else {
                guard let x = fromPlain(p.number, target: target, unit: unit, original: original) else {
                    return scaleOverflow(p.number, unit: unit, target: target, original: original)
                }
                points = x
            }
        case .bool, .date, .dateTime, .time, .duration, .error:
            return invalid(original)
        }
        let result: Decimal
        switch target {
        case .hundred: result = DecimalMath.rounded(points, scale: 2)
        case .fraction: result = DecimalMath.rounded(points / 100, scale: 4)
        }
        if points < 0 || points > 100 {
            return .outOfRange(result, ValueIssue(.outOfRange, original: original, reason: "outside 0…100 %"))
        }
        return .value(result)
    }

    /// Percentage points of a plain number, or nil when it exceeds the header's scale.
    private static func fromPlain(_ n: Decimal, target: Target, unit: HeaderUnit, original: String) -> Decimal? {
        if let scale = unit.scale {
            guard n <= Decimal(scale) else { return nil }
            return n * 100 / Decimal(scale)
        }
        if unit.isPercent { return n }
        switch target {
        case .hundred: return n
        // A 0…1 field: 0.85 is a fraction; 85 can only be percentage points.
        case .fraction: return n > 1 ? n : n * 100
        }
    }

    private static func scaleOverflow(_ n: Decimal, unit: HeaderUnit, target: Target,
                                      original: String) -> Normalized<Decimal> {
        let points = n * 100 / Decimal(unit.scale ?? 100)
        let v = target == .hundred ? DecimalMath.rounded(points, scale: 2) : DecimalMath.rounded(points / 100, scale: 4)
        return .outOfRange(v, ValueIssue(.outOfRange, original: original, reason: "above the scale's top"))
    }

    private static func invalid(_ original: String) -> Normalized<Decimal> {
        .invalid(ValueIssue(.invalidNumber, original: original, reason: "not a percentage"))
    }
}

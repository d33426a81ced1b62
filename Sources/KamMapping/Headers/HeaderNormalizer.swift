import Foundation

/// What a header says about the unit of its column's values, e.g. `年销售额（万元）` or `满意度(5分制)`.
public struct HeaderUnit: Sendable, Hashable {
    /// Factor that turns a stated number into the field's unit: 万/万元 → 10,000, 亿 → 10^8, 元 → 1.
    public var multiplier: Decimal?
    /// The header says the values are percentages (`%`, `百分比`, `百分制`).
    public var isPercent: Bool
    /// The values are answers on a 1…`scale` scale (`5分制`, `(1-5)`, `10分制`): stored ×(100 ÷ scale).
    public var scale: Int?

    public init(multiplier: Decimal? = nil, isPercent: Bool = false, scale: Int? = nil) {
        self.multiplier = multiplier
        self.isPercent = isPercent
        self.scale = scale
    }

    /// Whether the header stated nothing about units.
    public var isEmpty: Bool { multiplier == nil && !isPercent && scale == nil }

    /// Combines two statements, `self` winning where both say something.
    func merged(with other: HeaderUnit) -> HeaderUnit {
        HeaderUnit(multiplier: multiplier ?? other.multiplier, isPercent: isPercent || other.isPercent,
                   scale: scale ?? other.scale)
    }
}

/// A header text brought to the form labels are compared in, with what its brackets said.
public struct NormalizedHeader: Sendable, Hashable {
    /// The header as typed (trimmed).
    public var original: String
    /// The comparison key: half-width, no spaces or `:` `*`, no bracketed parts, case-folded, Simplified Chinese.
    public var key: String
    /// The unit or scale the header states, if any.
    public var unit: HeaderUnit
    /// Bracketed parts that were not units (e.g. `必填`, `yyyy-mm-dd`), normalised, for diagnostics.
    public var notes: [String]

    public init(original: String, key: String, unit: HeaderUnit = HeaderUnit(), notes: [String] = []) {
        self.original = original
        self.key = key
        self.unit = unit
        self.notes = notes
    }
}

/// Normalises header texts (MODEL.md "Recognising headers"): trim; full-width → half-width; drop spaces, `:` `：`
/// `*` and bracketed parts (reporting units and scales they state); case-fold; Traditional → Simplified.
public enum HeaderNormalizer {
    /// Normalises one header text.
    public static func normalize(_ text: String) -> NormalizedHeader {
        let original = TextFolding.trim(text)
        let folded = ChineseScript.simplified(TextFolding.halfWidth(original)).lowercased()
        var unit = HeaderUnit()
        var notes: [String] = []
        // Split off bracketed parts; what is left is the label.
        var label = ""
        var bracket: String?
        var depth = 0
        for ch in folded {
            if ch == "(" || ch == "[" {
                if depth == 0 { bracket = "" } else { bracket?.append(ch) }
                depth += 1
            } else if (ch == ")" || ch == "]") && depth > 0 {
                depth -= 1
                if depth == 0, let b = bracket {
                    absorb(b, into: &unit, notes: &notes)
                    bracket = nil
                } else {
                    bracket?.append(ch)
                }
            } else if depth > 0 {
                bracket?.append(ch)
            } else {
                label.append(ch)
            }
        }
        // An unclosed bracket runs to the end (`年销售额(万元`).
        if let b = bracket { absorb(b, into: &unit, notes: &notes) }
        var key = strip(label)
        // `销售额/万元`, `revenue_rmb10k`: a unit after a slash or underscore.
        for separator in ["/", "_"] where key.utf8.contains(separator.utf8[separator.utf8.startIndex]) {
            if let range = key.range(of: separator, options: .backwards) {
                let tail = String(key[range.upperBound...])
                if let u = classifyUnit(tail) {
                    unit = unit.merged(with: u)
                    key = String(key[..<range.lowerBound])
                    break
                }
            }
        }
        if key.utf8.contains(0x5F) { key = key.replacingOccurrences(of: "_", with: "") }
        return NormalizedHeader(original: original, key: key, unit: unit, notes: notes)
    }

    /// The comparison key alone (the same folding as headers, for labels, synonyms and vocabulary values).
    public static func key(_ text: String) -> String { normalize(text).key }

    /// Removes the characters MODEL.md says to drop, plus other separators that never tell labels apart.
    static func strip(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if TextFolding.isBlank(u) { continue }
            switch u {
            case ":", "*", "-", ".", "'", "\"", "?", "？", "：", "·", "•", "#", "、", "。", "!": continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    private static func absorb(_ bracket: String, into unit: inout HeaderUnit, notes: inout [String]) {
        if let u = classifyUnit(bracket) {
            unit = unit.merged(with: u)
        } else {
            let n = strip(bracket)
            if !n.isEmpty { notes.append(n) }
        }
    }

    /// Reads a unit statement (`万元`, `元`, `%`, `5分制`, `1-5`, `rmb 10k`, `单位：万元`); nil when the text is
    /// something else.
    public static func classifyUnit(_ raw: String) -> HeaderUnit? {
        var s = ChineseScript.simplified(TextFolding.halfWidth(raw)).lowercased()
        s = String(s.unicodeScalars.filter { !TextFolding.isBlank($0) }.map(Character.init))
        for prefix in ["单位:", "单位", "unit:", "unit", "in"] where s.hasPrefix(prefix) && s.count > prefix.count {
            s.removeFirst(prefix.count)
            break
        }
        if s.isEmpty { return nil }
        if ["%", "百分比", "百分数", "percent", "pct", "百分制"].contains(s) { return HeaderUnit(isPercent: true) }
        if let scale = scaleOf(s) {
            return scale == 100 ? HeaderUnit(isPercent: true) : HeaderUnit(scale: scale)
        }
        // Money: currency words, then what multiplier is left.
        var rest = s
        var sawCurrency = false
        for word in ["人民币", "rmb", "cny", "yuan", "¥", "元"] where rest.contains(word) {
            rest = rest.replacingOccurrences(of: word, with: "")
            sawCurrency = true
        }
        rest = rest.replacingOccurrences(of: ",", with: "")
        let multipliers: [String: Decimal] = [
            "": 1, "万": 10_000, "w": 10_000, "10k": 10_000, "10000": 10_000, "十万": 100_000,
            "百万": 1_000_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "millions": 1_000_000,
            "千万": 10_000_000, "亿": 100_000_000, "千": 1_000, "k": 1_000, "thousand": 1_000, "thousands": 1_000,
        ]
        guard let m = multipliers[rest] else { return nil }
        // A bare `m` or `k` without a currency word is too weak a signal (`(m)` could be metres).
        if !sawCurrency, rest.isEmpty || ["m", "k", "w"].contains(rest) { return nil }
        return HeaderUnit(multiplier: m)
    }

    /// `5分制` `五分制` `1-5` `1~5` `满分5分` `5分` `5point` `5-point scale` `outof5` `/5` → 5 (also 10, 100).
    private static func scaleOf(_ s: String) -> Int? {
        let words: [String: Int] = ["五": 5, "十": 10, "百": 100]
        var t = s
        for (w, v) in words { t = t.replacingOccurrences(of: w + "分", with: "\(v)分") }
        let digits = t.split { !$0.isNumber }.compactMap { Int($0) }
        guard let top = digits.max(), [5, 10, 100].contains(top) else { return nil }
        let markers = ["分制", "满分", "point", "scale", "outof", "分", "/"]
        let isRange = t.allSatisfy { $0.isNumber || $0 == "-" || $0 == "~" || $0 == "～" || $0 == "至" || $0 == "分" }
            && digits.count == 2 && digits[0] <= 1
        if isRange || markers.contains(where: { t.contains($0) }) { return top }
        return nil
    }
}

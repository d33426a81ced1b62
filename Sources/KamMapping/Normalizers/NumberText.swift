import Foundation
import KamSheets
import KamModel

/// A number read from text such as `¥1,234,567.00`, `12.5万`, `RMB 3亿`, `85%`, `(1,200)`.
public struct ParsedNumber: Sendable, Hashable {
    /// The number as written, before its own unit is applied.
    public var number: Decimal
    /// The unit written in the text itself (`万` → 10,000), if any.
    public var multiplier: Decimal?
    /// The text ended in `%`.
    public var isPercent: Bool
    /// The text carried a currency mark (`¥`, `RMB`, `元`).
    public var hadCurrency: Bool

    /// The number with its own unit applied.
    public var scaled: Decimal { number * (multiplier ?? 1) }
}

/// Decimal helpers shared by the numeric normalisers.
public enum DecimalMath {
    /// A Double as the Decimal of its shortest decimal text (so 71.59 stays 71.59, not 71.5899999…).
    public static func decimal(_ d: Double) -> Decimal? {
        guard d.isFinite else { return nil }
        // Plain digits (almost every cell) are built from their digits; exponent forms take Foundation's parser.
        return Decimal(exactText: "\(d)")
    }

    /// Rounded half away from zero to `scale` decimals.
    public static func rounded(_ d: Decimal, scale: Int) -> Decimal {
        var input = d, result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }
}

/// Reads numbers written as text, the way people type them in sheets.
public enum NumberTextParser {
    private static let currencyWords = ["人民币", "rmb", "cny", "yuan", "¥", "元", "$", "usd"]
    private static let unitWords: [(String, Decimal)] = [
        ("千万元", 10_000_000), ("百万元", 1_000_000), ("千万", 10_000_000), ("百万", 1_000_000), ("亿元", 100_000_000),
        ("万元", 10_000), ("千元", 1_000), ("亿", 100_000_000), ("万", 10_000), ("千", 1_000), ("w", 10_000), ("k", 1_000),
    ]

    /// Parses number text; nil when it is not a number (`待核实`, `12abc`, `1.2.3`).
    public static func parse(_ text: String) -> ParsedNumber? {
        var s = TextFolding.halfWidth(TextFolding.trim(text)).lowercased()
        s = String(s.unicodeScalars.filter { !TextFolding.isBlank($0) && $0 != "," && $0 != "'" }.map(Character.init))
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.hasPrefix("(") && s.hasSuffix(")") && s.count > 2 { negative = true; s = String(s.dropFirst().dropLast()) }
        var hadCurrency = false
        // Currency marks may sit before or after the number, and before or after a sign.
        for _ in 0..<2 {
            if s.hasPrefix("-") { negative.toggle(); s.removeFirst() } else if s.hasPrefix("+") { s.removeFirst() }
            for w in currencyWords where s.hasPrefix(w) { s.removeFirst(w.count); hadCurrency = true }
        }
        var isPercent = false
        if s.hasSuffix("%") { isPercent = true; s.removeLast() }
        var multiplier: Decimal?
        for _ in 0..<2 {
            for w in currencyWords where s.hasSuffix(w) && s.count > w.count {
                s.removeLast(w.count); hadCurrency = true
            }
            if multiplier == nil, !isPercent {
                for (w, m) in unitWords where s.hasSuffix(w) && s.count > w.count {
                    s.removeLast(w.count)
                    multiplier = m
                    if w.hasSuffix("元") { hadCurrency = true }
                    break
                }
            }
        }
        if s.hasSuffix("-") && !negative { negative = true; s.removeLast() }
        // Only digits and one decimal point are left in a number.
        var dots = 0, digits = 0
        for ch in s {
            if ch == "." { dots += 1 } else if ch.isASCII && ch.isNumber { digits += 1 } else { return nil }
        }
        guard digits > 0, dots <= 1,
              var n = Decimal(string: s.hasPrefix(".") ? "0" + s : s, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        if negative { n.negate() }
        return ParsedNumber(number: n, multiplier: multiplier, isPercent: isPercent, hadCurrency: hadCurrency)
    }
}

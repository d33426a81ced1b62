import Foundation

/// An amount of money: exact decimal, never binary floating point (ARCHITECTURE.md house rule 10).
public typealias Money = Decimal

extension Decimal {
    /// The number of decimal places money carries in the workspace document (MODEL.md § Document).
    public static let moneyScale = 2

    /// This value rounded half away from zero to `scale` decimal places.
    public func rounded(scale: Int) -> Decimal {
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// This value as JSON number text: plain digits, no exponent, no trailing zeros after the point,
    /// integral values without `.0`. Nil for NaN, which JSON cannot express.
    ///
    /// - Parameter scale: when given, the value is first rounded to that many decimal places.
    public func jsonNumberText(scale: Int? = nil) -> String? {
        guard !isNaN else { return nil }
        // Rounding is the identity when the value has no more places than `scale` (the usual case); skip it.
        let value = scale.map { exponent >= -$0 ? self : rounded(scale: $0) } ?? self
        if let text = value.plainTextOfSmallValue() { return text }
        var text = value.description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }

    /// The JSON number text of a value whose digits fit 64 bits and whose exponent is modest (nearly every amount),
    /// built from those digits: `Decimal.description` costs more than a store write per value. Nil otherwise.
    private func plainTextOfSmallValue() -> String? {
        let e = exponent
        guard e >= -20, e <= 20 else { return nil }
        let significand = self.significand
        let digits = NSDecimalNumber(decimal: significand).uint64Value
        // The conversion is checked, not trusted: a significand past 64 bits takes the slow path.
        guard Decimal(digits) == significand else { return nil }
        if digits == 0 { return "0" }
        var text = isSignMinus ? "-" : ""
        var body = String(digits)
        if e >= 0 {
            body += String(repeating: "0", count: e)
        } else {
            let places = -e
            if body.utf8.count <= places { body = String(repeating: "0", count: places - body.utf8.count + 1) + body }
            body.insert(".", at: body.index(body.endIndex, offsetBy: -places))
            while body.hasSuffix("0") { body.removeLast() }
            if body.hasSuffix(".") { body.removeLast() }
        }
        text += body
        return text
    }

    /// Parses JSON-number or plain decimal text exactly (no binary rounding); nil when it is not a number.
    public init?(exactText text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty,
              t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN
        else { return nil }
        self = d
    }
}

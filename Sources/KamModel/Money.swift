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

    /// `-?digits(.digits)?` of at most 18 significant digits, built from its digits (the store's own text, read
    /// back for every amount of every customer); nil for anything else, which takes the general parser.
    static func plainDecimal(_ text: String) -> Decimal? {
        var utf8 = text.utf8[...]
        guard !utf8.isEmpty, utf8.count <= 40 else { return nil }
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        var digits: UInt64 = 0, count = 0, places = 0, seenPoint = false, any = false
        for b in utf8 {
            if b == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            any = true
            if seenPoint { places += 1 }
            if digits == 0, b == UInt8(ascii: "0") { continue }
            count += 1
            guard count <= 18 else { return nil }
            digits = digits * 10 + UInt64(b - UInt8(ascii: "0"))
        }
        guard any, utf8.last != UInt8(ascii: ".") else { return nil }
        // Trailing zeros of the fraction carry no value; dropping them keeps the same form Decimal(string:) gives.
        while places > 0, digits % 10 == 0, digits != 0 { digits /= 10; places -= 1 }
        if digits == 0 { return Decimal(0) }
        return Decimal(sign: negative ? .minus : .plus, exponent: -places, significand: Decimal(digits))
    }

    /// Parses JSON-number or plain decimal text exactly (no binary rounding); nil when it is not a number.
    public init?(exactText text: String) {
        if let d = Decimal.plainDecimal(text) { self = d; return }
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty,
              t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN
        else { return nil }
        self = d
    }
}

import Foundation
import KamMapping
import KamSheets
import Testing

/// Doubles from cells become the Decimal of their shortest text, as Foundation's parser gives it.
@Suite("Decimal from doubles")
struct DecimalShortcutTests {
    static let samples: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.2, 71.59, 12.5, 1234567.89, 99999999.99, 1e-7, 1.5e-5, 123456789012345678,
        1e15, 1e16, 1e21, 1.7976931348623157e308, 5e-324, -42.4242, 3.0000000000000004, 100, 85, 0.85,
    ]

    @Test("the same Decimal as Decimal(string:) of the shortest text")
    func matchesFoundation() {
        var values = Self.samples
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            values.append(Double(Int.random(in: -10_000_000...10_000_000, using: &g)) / 100)
            values.append(Double.random(in: -1e9...1e9, using: &g))
        }
        for d in values {
            let expected = Decimal(string: "\(d)", locale: Locale(identifier: "en_US_POSIX"))
            #expect(DecimalMath.decimal(d) == expected, "\(d)")
        }
        #expect(DecimalMath.decimal(.nan) == nil)
        #expect(DecimalMath.decimal(.infinity) == nil)
    }

    @Test("amounts from number cells keep their value, with and without a header unit")
    func amounts() {
        #expect(AmountNormalizer.amount(.number(12.5)).value == Decimal(string: "12.5"))
        #expect(AmountNormalizer.amount(.number(12.5), multiplier: 10_000).value == 125_000)
        #expect(AmountNormalizer.amount(.number(0.005)).value == Decimal(string: "0.01"))
    }
}

import Foundation
import KamModel
import Testing

@Suite("Extra fields and money")
struct ExtraFieldsTests {
    @Test("extra keeps insertion order, compares as a map, and writes sorted keys")
    func extraOrder() {
        var e = ExtraFields([("乙", "2"), ("甲", "1")])
        e["丙"] = "3"
        e["乙"] = "two"
        #expect(e.keys == ["乙", "甲", "丙"])
        #expect(e == ExtraFields([("甲", "1"), ("丙", "3"), ("乙", "two")]))
        e["甲"] = nil
        #expect(e.keys == ["乙", "丙"])
        let json = Customer(id: "C1", name: "x", extra: ["b": "2", "a": "1"]).canonicalJSON
        guard case .object(let pairs) = json, case .object(let extra)? = pairs.last?.1 else {
            Issue.record("no extra object"); return
        }
        #expect(extra.map(\.0) == ["a", "b"])
    }

    @Test("decimal JSON text is exact and canonical", arguments: [
        ("125000", nil, "125000"), ("12.50", nil, "12.5"), ("1234567.891", 2, "1234567.89"),
        ("0.005", 2, "0.01"), ("-3.10", nil, "-3.1"), ("0.000001", nil, "0.000001"), ("100.00", 2, "100"),
    ] as [(String, Int?, String)])
    func decimalText(_ input: String, _ scale: Int?, _ expected: String) throws {
        let d = try #require(Decimal(exactText: input))
        #expect(d.jsonNumberText(scale: scale) == expected)
    }

    @Test("decimal JSON text: the short path for 64-bit digits agrees with Decimal's own text everywhere")
    func decimalTextPaths() throws {
        func reference(_ d: Decimal) -> String {
            var t = d.description
            if t.contains(".") {
                while t.hasSuffix("0") { t.removeLast() }
                if t.hasSuffix(".") { t.removeLast() }
            }
            return t == "-0" ? "0" : t
        }
        var values = ["0", "-0", "1e5", "0.001", "-0.5", "12345678901234567890123", "18446744073709551615",
                      "18446744073709551616", "0.00000000000000000001", "1e-25", "-7e21", "99999.99990"]
            .compactMap { Decimal(exactText: $0) }
        for i in 0..<500 {
            values.append(Decimal(i) * Decimal(string: "1.37")! - 300)
            values.append(Decimal(Double(i) * 12.3457))
        }
        for v in values { #expect(v.jsonNumberText() == reference(v), "\(v)") }
    }

    @Test("text that is not a number is refused")
    func notANumber() {
        #expect(Decimal(exactText: "12万") == nil)
        #expect(Decimal(exactText: "") == nil)
        #expect(Decimal(exactText: "abc") == nil)
    }
}

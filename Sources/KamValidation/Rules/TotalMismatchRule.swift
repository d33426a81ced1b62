import Foundation
import KamModel

/// `total-mismatch`: a stated annual revenue differs from the sum of that customer's transactions in the year
/// they fall in (the year most of them fall in; ties: the later) by more than the tolerance. Customers without
/// dated transactions are not compared.
public struct TotalMismatchRule: Rule {
    public var codes: [FindingCode] { [.totalMismatch] }
    public init() {}

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var out: [Finding] = []
        for c in input.customers {
            guard let stated = c.annualRevenue else { continue }
            var perYear: [Int: Int] = [:]
            for t in c.transactions { if let d = t.date, t.amount != nil { perYear[d.year, default: 0] += 1 } }
            guard let year = perYear.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key })?.key
            else { continue }
            let sum = c.transactions.filter { $0.date?.year == year }.compactMap(\.amount).reduce(Decimal(0), +)
            let s = NSDecimalNumber(decimal: stated).doubleValue, t = NSDecimalNumber(decimal: sum).doubleValue
            let base = max(abs(s), abs(t))
            guard base > 0, abs(s - t) > settings.totalTolerance * base else { continue }
            out.append(Finding(code: .totalMismatch, location: c.provenance["annualRevenue"], record: c.id.rawValue,
                               field: "annualRevenue", value: stated.jsonNumberText(scale: 2),
                               expected: "\(year): \(sum.jsonNumberText(scale: 2) ?? "")"))
        }
        return out
    }
}

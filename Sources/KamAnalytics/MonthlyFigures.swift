import Foundation
import KamModel

/// One calendar month of a period: the sales trend the annual plan and the management report chart.
public struct MonthFigures: Sendable, Hashable {
    /// The month's days within the period (a period starting or ending mid-month cuts its first or last month).
    public var period: Period
    /// Revenue of the transactions dated in the month.
    public var revenue: Decimal
    /// Transactions dated in the month.
    public var transactions: Int
    /// Customers with a transaction in the month.
    public var customers: Int

    /// `2024-03`.
    public var month: String {
        String(format: "%04d-%02d", period.start.year, period.start.month)
    }

    /// The months of `period`, in order, each with its figures (months without sales included, at zero).
    public static func months(_ list: [Customer], in period: Period) -> [MonthFigures] {
        var out: [MonthFigures] = []
        var y = period.start.year, m = period.start.month
        while let whole = Period.month(y, m), whole.start <= period.end, out.count < 1200 {
            let part = Period(start: max(whole.start, period.start), end: min(whole.end, period.end)) ?? whole
            let buyers = list.filter { !Metrics.dated($0.transactions, part).isEmpty }
            let ts = list.flatMap { Metrics.dated($0.transactions, part) }
            out.append(MonthFigures(period: part, revenue: ts.compactMap(\.amount).reduce(0, +), transactions: ts.count,
                                    customers: buyers.count))
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return out
    }
}

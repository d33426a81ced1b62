import Foundation
import KamModel

/// The computed segment of MODEL.md § Metrics: the four-class scheme (M and F ranked 1…3) or the 8-class RFM
/// scheme (R, F, M compared with the mean), on the transactions of a window ending on `asOf`.
public enum Segmentation {
    /// One customer's R, F, M over the window.
    public struct Scores: Sendable, Hashable {
        /// Days from the last transaction to `asOf`.
        public var recencyDays: Int
        /// Number of transactions.
        public var frequency: Int
        /// Sum of amounts.
        public var monetary: Decimal
    }

    /// The computed segment of every customer with a transaction in the window (others get none).
    public static func compute(_ customers: [Customer], asOf: LocalDate,
                               configuration c: MetricsConfiguration = .default) -> [CustomerID: Segment] {
        let window = Period(start: asOf.addingMonths(-c.segmentWindowMonths).adding(days: 1), end: asOf)
        var scores: [CustomerID: Scores] = [:]
        for customer in customers {
            guard let window else { break }
            let ts = Metrics.dated(customer.transactions, window)
            guard let last = ts.compactMap(\.date).max() else { continue }
            scores[customer.id] = Scores(recencyDays: asOf.dayNumber - last.dayNumber, frequency: ts.count,
                                         monetary: ts.compactMap(\.amount).reduce(0, +))
        }
        switch c.segmentScheme {
        case .fourClass: return fourClass(scores, ranking: c.segmentRanking)
        case .rfmEightClass: return rfm(scores)
        }
    }

    /// The four-class scheme over precomputed scores.
    public static func fourClass(_ scores: [CustomerID: Scores],
                                 ranking: MetricsConfiguration.SegmentRanking) -> [CustomerID: Segment] {
        let ms = scores.values.map(\.monetary), fs = scores.values.map { Decimal($0.frequency) }
        var out: [CustomerID: Segment] = [:]
        for (id, s) in scores {
            let m: Int, f: Int
            switch ranking {
            case .terciles:
                m = tercile(s.monetary, among: ms)
                f = tercile(Decimal(s.frequency), among: fs)
            case .fixed(let revenue, let frequency):
                m = 1 + min(2, revenue.filter { s.monetary >= $0 }.count)
                f = 1 + min(2, frequency.filter { s.frequency >= $0 }.count)
            }
            out[id] = fourClass(m: m, f: f)
        }
        return out
    }

    /// M = 3 and F = 3 → important_value; one of them 3 → important_development; both 1 → low_value; else
    /// general_value.
    public static func fourClass(m: Int, f: Int) -> Segment {
        if m == 3 && f == 3 { return .importantValue }
        if m == 3 || f == 3 { return .importantDevelopment }
        if m == 1 && f == 1 { return .lowValue }
        return .generalValue
    }

    /// The tercile (1 low … 3 high) of `value` among `values`: 1 + ⌊3 × (values strictly below) ÷ count⌋, so equal
    /// values share a tercile.
    public static func tercile(_ value: Decimal, among values: [Decimal]) -> Int {
        guard !values.isEmpty else { return 1 }
        let below = values.filter { $0 < value }.count
        return min(3, 1 + (3 * below) / values.count)
    }

    /// The 8-class RFM scheme: R is "up" when the days since the last transaction are fewer than the mean, F and M
    /// when above the mean.
    public static func rfm(_ scores: [CustomerID: Scores]) -> [CustomerID: Segment] {
        guard !scores.isEmpty else { return [:] }
        let n = Decimal(scores.count)
        let meanR = scores.values.reduce(Decimal(0)) { $0 + Decimal($1.recencyDays) } / n
        let meanF = scores.values.reduce(Decimal(0)) { $0 + Decimal($1.frequency) } / n
        let meanM = scores.values.reduce(Decimal(0)) { $0 + $1.monetary } / n
        return scores.mapValues { s in
            rfm(r: Decimal(s.recencyDays) < meanR, f: Decimal(s.frequency) > meanF, m: s.monetary > meanM)
        }
    }

    /// The RFM class of three up/down flags.
    public static func rfm(r: Bool, f: Bool, m: Bool) -> Segment {
        switch (r, f, m) {
        case (true, true, true): return .importantValue
        case (true, false, true): return .importantDevelopment
        case (false, true, true): return .importantRetention
        case (false, false, true): return .importantRecovery
        case (true, true, false): return .generalValue
        case (true, false, false): return .generalDevelopment
        case (false, true, false): return .generalRetention
        case (false, false, false): return .generalRecovery
        }
    }
}

import Foundation
import KamModel

/// The metrics of MODEL.md § Metrics as pure functions over customers and a period.
///
/// Rates and shares are percentages (0…100) like the KPI units of MODEL.md § Plan (客户满意度 %, 复购率 %, …);
/// nps is in points (−100…100); amounts in the transactions' money; nil when a figure has nothing to be computed
/// from (no surveys, no transactions, …). Values are exact `Decimal`s, not rounded; callers round for display.
public enum Metrics {
    // MARK: Satisfaction

    /// satisfaction: the mean survey score (0…100) of answers dated in the period.
    public static func satisfaction(_ customers: [Customer], in period: Period) -> Decimal? {
        mean(surveys(customers, period).compactMap(\.score))
    }

    /// csat: the percentage of survey answers in the period scoring at least `threshold` [80].
    public static func csat(_ customers: [Customer], in period: Period, threshold: Decimal = 80) -> Decimal? {
        let scores = surveys(customers, period).compactMap(\.score)
        return percent(scores.filter { $0 >= threshold }.count, of: scores.count)
    }

    // MARK: Loyalty

    /// repurchase_rate: customers with ≥ 2 transactions in the period ÷ customers with ≥ 1, in %.
    public static func repurchaseRate(_ customers: [Customer], in period: Period) -> Decimal? {
        let counts = customers.map { dated($0.transactions, period).count }.filter { $0 > 0 }
        return percent(counts.filter { $0 >= 2 }.count, of: counts.count)
    }

    /// referral_rate: the percentage of survey answers in the period with recommend ≥ 9.
    public static func referralRate(_ customers: [Customer], in period: Period) -> Decimal? {
        let r = surveys(customers, period).compactMap(\.recommend)
        return percent(r.filter { $0 >= 9 }.count, of: r.count)
    }

    /// nps: % of answers recommending 9–10 − % recommending 0–6, in points.
    public static func nps(_ customers: [Customer], in period: Period) -> Decimal? {
        let r = surveys(customers, period).compactMap(\.recommend)
        guard let promoters = percent(r.filter { $0 >= 9 }.count, of: r.count),
              let detractors = percent(r.filter { $0 <= 6 }.count, of: r.count) else { return nil }
        return promoters - detractors
    }

    /// churn_rate and retention_rate (MODEL.md): of the customers with a transaction in the 12 months before the
    /// period starts, those with none in the last `windowDays` days of the period have churned.
    public static func churn(_ customers: [Customer], in period: Period, windowDays: Int = 180) -> ChurnFigures? {
        guard let before = Period(start: period.start.addingMonths(-12), end: period.start.adding(days: -1)),
              let window = Period(start: period.end.adding(days: -(windowDays - 1)), end: period.end) else { return nil }
        let base = customers.filter { !dated($0.transactions, before).isEmpty }
        guard !base.isEmpty else { return nil }
        let churned = base.filter { dated($0.transactions, window).isEmpty }.count
        let share = Decimal(churned) * 100 / Decimal(base.count)
        return ChurnFigures(base: base.count, churned: churned, share: share, monthlyRate: share / period.months,
                            retentionRate: 100 - share)
    }

    // MARK: Service

    /// first_response_hours: the median hours from receivedAt to firstResponseAt of feedback received in the period.
    public static func firstResponseHours(_ customers: [Customer], in period: Period) -> Decimal? {
        median(feedback(customers, period).compactMap(responseHours))
    }

    /// Hours from a feedback's receipt to its first response, or nil when either is missing or they are reversed.
    public static func responseHours(_ f: Feedback) -> Decimal? {
        guard let a = f.receivedAt, let b = f.firstResponseAt, b >= a else { return nil }
        return Decimal(b.secondsSinceEpoch - a.secondsSinceEpoch) / 3600
    }

    // MARK: Value

    /// Revenue: the sum of transaction amounts dated in the period.
    public static func revenue(_ customers: [Customer], in period: Period) -> Decimal {
        customers.reduce(Decimal(0)) { $0 + revenue($1, in: period) }
    }

    /// One customer's revenue in the period.
    public static func revenue(_ customer: Customer, in period: Period) -> Decimal {
        dated(customer.transactions, period).compactMap(\.amount).reduce(0, +)
    }

    /// sales_growth: revenue in the period against the period of the same length before it, in %.
    public static func salesGrowth(_ customers: [Customer], in period: Period) -> Decimal? {
        let now = revenue(customers, in: period), before = revenue(customers, in: period.previous)
        guard before != 0 else { return nil }
        return (now - before) * 100 / before
    }

    /// clv of one customer: mean transaction amount × transactions a year × lifetime × margin, from the
    /// transactions dated in the period (a year's count is the period's count ÷ its years).
    public static func clv(_ customer: Customer, in period: Period, lifetimeYears: Decimal = 3,
                           margin: Decimal = 1) -> Decimal? {
        let amounts = dated(customer.transactions, period).compactMap(\.amount)
        guard let m = mean(amounts), period.years > 0 else { return nil }
        return m * (Decimal(amounts.count) / period.years) * lifetimeYears * margin
    }

    /// clv over customers: the mean CLV of those with a transaction in the period.
    public static func clv(_ customers: [Customer], in period: Period, lifetimeYears: Decimal = 3,
                           margin: Decimal = 1) -> Decimal? {
        mean(customers.compactMap { clv($0, in: period, lifetimeYears: lifetimeYears, margin: margin) })
    }

    // MARK: Lifecycle

    /// The computed lifecycle on `asOf` (MODEL.md): no transaction → prospect; first within `newDays` → new;
    /// one within `activeDays` → active; else churned. Transactions after `asOf` are not seen.
    public static func lifecycle(_ customer: Customer, asOf: LocalDate, newDays: Int = 90,
                                 activeDays: Int = 180) -> Lifecycle {
        let dates = customer.transactions.compactMap(\.date).filter { $0 <= asOf }
        guard let first = dates.min(), let last = dates.max() else { return .prospect }
        if asOf.dayNumber - first.dayNumber <= newDays { return .new }
        if asOf.dayNumber - last.dayNumber <= activeDays { return .active }
        return .churned
    }

    // MARK: Helpers

    /// The transactions dated in the period (undated ones are left out).
    public static func dated(_ ts: [Transaction], _ p: Period) -> [Transaction] {
        ts.filter { $0.date.map(p.contains) ?? false }
    }

    static func surveys(_ customers: [Customer], _ p: Period) -> [Survey] {
        customers.flatMap(\.surveys).filter { $0.date.map(p.contains) ?? false }
    }

    static func feedback(_ customers: [Customer], _ p: Period) -> [Feedback] {
        customers.flatMap(\.feedback).filter { $0.receivedAt.map { p.contains($0.date) } ?? false }
    }

    /// The arithmetic mean, or nil for no values.
    public static func mean(_ xs: [Decimal]) -> Decimal? {
        xs.isEmpty ? nil : xs.reduce(0, +) / Decimal(xs.count)
    }

    /// The median (the mean of the middle two for an even count), or nil for no values.
    public static func median(_ xs: [Decimal]) -> Decimal? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    static func percent(_ part: Int, of whole: Int) -> Decimal? {
        whole == 0 ? nil : Decimal(part) * 100 / Decimal(whole)
    }
}

/// churn_rate's figures for a period.
public struct ChurnFigures: Sendable, Hashable, Codable {
    /// Customers with a transaction in the 12 months before the period.
    public var base: Int
    /// Of those, the ones with none in the last window days of the period.
    public var churned: Int
    /// churned ÷ base, in %.
    public var share: Decimal
    /// share ÷ months in the period, in % a month (a linear approximation).
    public var monthlyRate: Decimal
    /// 100 − share.
    public var retentionRate: Decimal
}

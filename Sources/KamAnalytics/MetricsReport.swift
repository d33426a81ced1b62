import Foundation
import KamModel

/// Every metric of MODEL.md for one period, computed once: what `kam metrics` prints and templates bind to
/// (`metrics.churn_rate`, `metrics.segments[important_value].count`, …).
public struct MetricsReport: Sendable, Hashable {
    public var period: Period
    /// Customers in the store.
    public var customers: Int
    /// Customers marked key accounts.
    public var keyAccounts: Int
    /// Customers with a transaction in the period.
    public var activeCustomers: Int
    public var revenue: Decimal
    public var salesGrowth: Decimal?
    public var satisfaction: Decimal?
    public var csat: Decimal?
    public var repurchaseRate: Decimal?
    public var churn: ChurnFigures?
    public var referralRate: Decimal?
    public var nps: Decimal?
    public var firstResponseHours: Decimal?
    public var clv: Decimal?
    /// Figures per computed segment, in the scheme's order (every class, even when empty).
    public var segments: [SegmentFigures]
    /// Figures per computed lifecycle stage (prospect, new, active, churned).
    public var lifecycles: [LifecycleFigures]
    /// Figures per customer, in the order given.
    public var perCustomer: [CustomerFigures]

    /// churn_rate in % a month.
    public var churnRate: Decimal? { churn?.monthlyRate }
    /// retention_rate in %.
    public var retentionRate: Decimal? { churn?.retentionRate }

    /// Computes the report.
    public init(customers list: [Customer], period: Period, configuration c: MetricsConfiguration = .default) {
        self.period = period
        customers = list.count
        keyAccounts = list.filter { $0.keyAccount == true }.count
        activeCustomers = list.filter { !Metrics.dated($0.transactions, period).isEmpty }.count
        revenue = Metrics.revenue(list, in: period)
        salesGrowth = Metrics.salesGrowth(list, in: period)
        satisfaction = Metrics.satisfaction(list, in: period)
        csat = Metrics.csat(list, in: period, threshold: c.csatThreshold)
        repurchaseRate = Metrics.repurchaseRate(list, in: period)
        churn = Metrics.churn(list, in: period, windowDays: c.churnWindowDays)
        referralRate = Metrics.referralRate(list, in: period)
        nps = Metrics.nps(list, in: period)
        firstResponseHours = Metrics.firstResponseHours(list, in: period)
        clv = Metrics.clv(list, in: period, lifetimeYears: c.clvLifetimeYears, margin: c.clvMargin)

        let segmentOf = Segmentation.compute(list, asOf: period.end, configuration: c)
        let rows = list.map { CustomerFigures(customer: $0, period: period, segment: segmentOf[$0.id], configuration: c) }
        perCustomer = rows
        let classes = c.segmentScheme == .fourClass ? Segment.fourClass : Segment.rfmEightClass
        let total = rows.reduce(Decimal(0)) { $0 + $1.revenue }
        segments = classes.map { seg in
            let members = rows.filter { $0.segment == seg }
            let rev = members.reduce(Decimal(0)) { $0 + $1.revenue }
            return SegmentFigures(segment: seg, customers: members.count, revenue: rev,
                                  revenueShare: total == 0 ? nil : rev * 100 / total,
                                  customerShare: rows.isEmpty ? nil : Decimal(members.count) * 100 / Decimal(rows.count),
                                  clv: Metrics.mean(members.compactMap(\.clv)))
        }
        lifecycles = Lifecycle.allCases.map { stage in
            let n = rows.filter { $0.lifecycle == stage }.count
            return LifecycleFigures(stage: stage, customers: n,
                                    share: rows.isEmpty ? nil : Decimal(n) * 100 / Decimal(rows.count))
        }
    }

    /// The value of a KPI metric (MODEL.md § Plan) in the KPI's unit, or nil when it cannot be computed.
    public func value(of metric: KPIMetric) -> Decimal? {
        switch metric {
        case .satisfaction: satisfaction
        case .salesGrowth: salesGrowth
        case .revenue: revenue
        case .retentionRate: retentionRate
        case .churnRate: churnRate
        case .repurchaseRate: repurchaseRate
        case .referralRate: referralRate
        case .nps: nps
        case .csat: csat
        case .firstResponseHours: firstResponseHours
        case .clv: clv
        case .keyAccounts: Decimal(keyAccounts)
        case .custom: nil
        }
    }
}

/// One segment's share of the customers.
public struct SegmentFigures: Sendable, Hashable {
    public var segment: Segment
    public var customers: Int
    /// Revenue in the period of the segment's customers.
    public var revenue: Decimal
    /// Share of the period's revenue, in %.
    public var revenueShare: Decimal?
    /// Share of all customers, in %.
    public var customerShare: Decimal?
    /// Mean CLV of the segment's customers.
    public var clv: Decimal?
}

/// One lifecycle stage's share of the customers.
public struct LifecycleFigures: Sendable, Hashable {
    public var stage: Lifecycle
    public var customers: Int
    /// In % of all customers.
    public var share: Decimal?
}

/// The figures of one customer for a period (the key-account table's 绩效评估 sheet, the at-risk list, …).
public struct CustomerFigures: Sendable, Hashable {
    public var id: CustomerID
    /// Revenue in the period.
    public var revenue: Decimal
    /// Transactions in the period.
    public var transactions: Int
    /// First and last transaction ever (up to the period's end).
    public var firstPurchase: LocalDate?
    public var lastPurchase: LocalDate?
    /// Days from the last transaction to the period's end.
    public var daysSinceLastPurchase: Int?
    /// Mean survey score in the period, else the stated satisfaction.
    public var satisfaction: Decimal?
    /// Whether the customer bought at least twice in the period.
    public var repurchased: Bool
    /// Feedback received in the period, and the median hours to a first response.
    public var complaints: Int
    public var firstResponseHours: Decimal?
    /// Service actions due in the period, and of those, done.
    public var serviceActionsPlanned: Int
    public var serviceActionsDone: Int
    public var clv: Decimal?
    /// The computed segment (nil without a transaction in the segment window).
    public var segment: Segment?
    /// The computed lifecycle at the period's end.
    public var lifecycle: Lifecycle
    /// Transactions in the previous period of the same length (falling frequency shows at-risk customers).
    public var previousTransactions: Int
    /// The nearest follow-up date of the customer's interactions on or after the period's end, else the latest.
    public var nextFollowUp: LocalDate?

    /// Computes one customer's figures.
    public init(customer c: Customer, period p: Period, segment: Segment?, configuration k: MetricsConfiguration = .default) {
        id = c.id
        let inPeriod = Metrics.dated(c.transactions, p)
        revenue = inPeriod.compactMap(\.amount).reduce(0, +)
        transactions = inPeriod.count
        let upTo = c.transactions.compactMap(\.date).filter { $0 <= p.end }
        firstPurchase = upTo.min()
        lastPurchase = upTo.max()
        daysSinceLastPurchase = lastPurchase.map { p.end.dayNumber - $0.dayNumber }
        satisfaction = Metrics.satisfaction([c], in: p) ?? c.satisfaction
        repurchased = inPeriod.count >= 2
        let fb = Metrics.feedback([c], p)
        complaints = fb.count
        firstResponseHours = Metrics.median(fb.compactMap(Metrics.responseHours))
        let due = c.serviceActions.filter { $0.dueOn.map(p.contains) ?? false }
        serviceActionsPlanned = due.count
        serviceActionsDone = due.filter { $0.status == .done || $0.doneOn != nil }.count
        clv = Metrics.clv(c, in: p, lifetimeYears: k.clvLifetimeYears, margin: k.clvMargin)
        self.segment = segment
        lifecycle = Metrics.lifecycle(c, asOf: p.end, newDays: k.lifecycleNewDays, activeDays: k.lifecycleActiveDays)
        previousTransactions = Metrics.dated(c.transactions, p.previous).count
        let next = c.interactions.compactMap(\.nextDate)
        nextFollowUp = next.filter { $0 >= p.end }.min() ?? next.max()
    }
}

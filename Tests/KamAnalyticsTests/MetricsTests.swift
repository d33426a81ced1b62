import Foundation
import KamAnalytics
import KamModel
import Testing

private func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
private func t(_ s: String, _ amount: Decimal) -> Transaction { Transaction(date: d(s), amount: amount) }
private func dt(_ s: String) -> LocalDateTime { LocalDateTime(iso: s)! }
private let y2025 = Period.year(2025)!

@Suite struct PeriodTests {
    @Test(arguments: [
        ("2025", "2025-01-01", "2025-12-31"),
        ("2025Q3", "2025-07-01", "2025-09-30"),
        ("2025-q1", "2025-01-01", "2025-03-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-03-15", "2025-03-15", "2025-03-15"),
        ("2024..2025Q2", "2024-01-01", "2025-06-30"),
        ("2025-01-10..2025-02-09", "2025-01-10", "2025-02-09"),
    ])
    func parses(_ text: String, _ start: String, _ end: String) throws {
        let p = try Period.parse(text)
        #expect(p.start.iso == start)
        #expect(p.end.iso == end)
    }

    @Test(arguments: ["", "25", "2025Q5", "2025-13", "2025..", "2026..2025", "二〇二五"])
    func rejects(_ text: String) {
        #expect(throws: PeriodError.self) { try Period.parse(text) }
    }

    @Test func monthsAndPrevious() throws {
        #expect(try Period.parse("2025Q3").months == 3)
        #expect(try Period.parse("2025").years == 1)
        #expect(try Period.parse("2025Q1").previous.description == "2024-10-01..2024-12-31")
        #expect(try Period.parse("2025-01-10..2025-01-19").previous.description == "2024-12-31..2025-01-09")
    }
}

@Suite struct MetricsTests {
    /// A: 3 transactions in 2025 (1000, 2000, 3000), surveys 80 / 9 and 100 / 10.
    /// B: 1 transaction in 2025 (600), a survey 60 / 6, one in 2024 (ignored).
    /// C: transactions only in 2024 (churned by 2025), a complaint answered in 4 h and one in 10 h.
    /// D: no transactions (prospect).
    static let customers: [Customer] = [
        Customer(id: "A", name: "甲", keyAccount: true,
                 transactions: [t("2024-11-01", 500), t("2025-02-01", 1000), t("2025-06-01", 2000), t("2025-11-01", 3000)],
                 feedback: [Feedback(receivedAt: dt("2025-03-01T09:00:00"), firstResponseAt: dt("2025-03-01T11:00:00"))],
                 surveys: [Survey(date: d("2025-03-01"), score: 80, recommend: 9), Survey(date: d("2025-09-01"), score: 100, recommend: 10)]),
        Customer(id: "B", name: "乙", keyAccount: true,
                 transactions: [t("2024-12-01", 800), t("2025-10-15", 600)],
                 surveys: [Survey(date: d("2025-05-01"), score: 60, recommend: 6), Survey(date: d("2024-05-01"), score: 0, recommend: 0)]),
        Customer(id: "C", name: "丙",
                 transactions: [t("2024-03-01", 100), t("2024-04-01", 100)],
                 feedback: [Feedback(receivedAt: dt("2025-04-01T08:00:00"), firstResponseAt: dt("2025-04-01T12:00:00")),
                            Feedback(receivedAt: dt("2025-05-01T08:00:00"), firstResponseAt: dt("2025-05-01T18:00:00"))]),
        Customer(id: "D", name: "丁"),
    ]

    @Test func satisfactionAndCsat() {
        // (80 + 100 + 60) / 3 = 80; 2 of 3 answers ≥ 80.
        #expect(Metrics.satisfaction(Self.customers, in: y2025) == 80)
        let csat = Metrics.csat(Self.customers, in: y2025)!
        #expect(abs(NSDecimalNumber(decimal: csat).doubleValue - 66.6667) < 0.001)
        #expect(Metrics.satisfaction(Self.customers, in: Period.year(2023)!) == nil)
    }

    @Test func repurchaseReferralNps() {
        // Buyers in 2025: A (3), B (1) → 1 of 2 = 50 %.
        #expect(Metrics.repurchaseRate(Self.customers, in: y2025) == 50)
        // recommend 9, 10, 6: 2 of 3 promoters; 1 detractor → nps = 66.67 − 33.33 = 33.33.
        let nps = NSDecimalNumber(decimal: Metrics.nps(Self.customers, in: y2025)!).doubleValue
        #expect(abs(nps - 100.0 / 3) < 0.001)
        let ref = NSDecimalNumber(decimal: Metrics.referralRate(Self.customers, in: y2025)!).doubleValue
        #expect(abs(ref - 200.0 / 3) < 0.001)
    }

    @Test func churnAndRetention() throws {
        // Base: customers with a transaction in 2024 → A, B, C. Last 180 days of 2025 (2025-07-05…12-31):
        // A (11-01) and B (10-15) bought, C did not → 1 of 3 churned: 33.3 %, ÷ 12 months.
        let c = try #require(Metrics.churn(Self.customers, in: y2025))
        #expect(c.base == 3)
        #expect(c.churned == 1)
        #expect(abs(NSDecimalNumber(decimal: c.share).doubleValue - 100.0 / 3) < 0.001)
        #expect(abs(NSDecimalNumber(decimal: c.monthlyRate).doubleValue - 100.0 / 36) < 0.001)
        #expect(abs(NSDecimalNumber(decimal: c.retentionRate).doubleValue - 200.0 / 3) < 0.001)
        // A window of 30 days (December): nobody bought then, so all three have churned.
        let short = try #require(Metrics.churn(Self.customers, in: y2025, windowDays: 30))
        #expect(short.churned == 3)
    }

    @Test func firstResponseMedian() {
        // 2 h, 4 h, 10 h → median 4.
        #expect(Metrics.firstResponseHours(Self.customers, in: y2025) == 4)
        // Even count: 2025-03…04 holds 2 h and 4 h → 3.
        #expect(Metrics.firstResponseHours(Self.customers, in: try! Period.parse("2025-03..2025-04")) == 3)
    }

    @Test func clvAndRevenue() throws {
        // A in 2025: mean 2000 × 3 a year × 3 years × margin 1 = 18,000; B: 600 × 1 × 3 = 1,800.
        #expect(Metrics.clv(Self.customers[0], in: y2025) == 18_000)
        #expect(Metrics.clv(Self.customers[1], in: y2025) == 1_800)
        #expect(Metrics.clv(Self.customers, in: y2025) == 9_900)
        // Margin 0.5, lifetime 2 years: 2000 × 3 × 2 × 0.5 = 6,000.
        #expect(Metrics.clv(Self.customers[0], in: y2025, lifetimeYears: 2, margin: Decimal(string: "0.5")!) == 6_000)
        // A quarter: Q2 holds A's 2000 only → 2000 × (1 ÷ 0.25) × 3 = 24,000.
        #expect(Metrics.clv(Self.customers[0], in: try Period.parse("2025Q2")) == 24_000)
        #expect(Metrics.revenue(Self.customers, in: y2025) == 6_600)
        // 2024: 500 + 800 + 200 = 1,500 → growth (6600 − 1500) ÷ 1500 = 340 %.
        #expect(Metrics.salesGrowth(Self.customers, in: y2025) == 340)
    }

    @Test(arguments: [
        ("2025-12-31", Lifecycle.active),   // A last bought 2025-11-01: 60 days
        ("2024-12-15", Lifecycle.new),      // A's first (2024-11-01) is 44 days back
        ("2024-10-31", Lifecycle.prospect), // before A's first transaction
        ("2026-08-01", Lifecycle.churned),  // 273 days after the last
    ])
    func lifecycle(_ asOf: String, _ expected: Lifecycle) {
        #expect(Metrics.lifecycle(Self.customers[0], asOf: d(asOf)) == expected)
    }

    @Test func report() {
        let r = MetricsReport(customers: Self.customers, period: y2025)
        #expect(r.keyAccounts == 2)
        #expect(r.activeCustomers == 2)
        #expect(r.value(of: .keyAccounts) == 2)
        #expect(r.value(of: .satisfaction) == 80)
        #expect(r.lifecycles.map(\.customers) == [1, 0, 2, 1]) // D prospect; A, B active; C churned
        let a = r.perCustomer[0]
        #expect(a.transactions == 3 && a.revenue == 6000 && a.repurchased)
        #expect(a.daysSinceLastPurchase == 60)
        #expect(a.complaints == 1 && a.firstResponseHours == 2)
    }
}

@Suite struct SegmentationTests {
    @Test(arguments: [(3, 3, Segment.importantValue), (3, 1, .importantDevelopment), (2, 3, .importantDevelopment),
                      (1, 1, .lowValue), (2, 2, .generalValue), (1, 2, .generalValue)])
    func fourClassRule(_ m: Int, _ f: Int, _ s: Segment) {
        #expect(Segmentation.fourClass(m: m, f: f) == s)
    }

    @Test func terciles() {
        let v: [Decimal] = [10, 20, 30, 40, 50, 60]
        #expect(v.map { Segmentation.tercile($0, among: v) } == [1, 1, 2, 2, 3, 3])
        // Ties share the tercile of their first position.
        let tied: [Decimal] = [5, 5, 5, 9]
        #expect(tied.map { Segmentation.tercile($0, among: tied) } == [1, 1, 1, 3])
    }

    /// Six customers over 2025: revenue (M) and transaction counts (F) chosen so each class shows.
    static let six: [Customer] = [
        ("1", [9000, 9000, 9000]), ("2", [8000, 100]), ("3", [50, 50, 50, 50]),
        ("4", [500]), ("5", [300, 300]), ("6", [10]),
    ].map { id, amounts in
        Customer(id: CustomerID(id), name: id, transactions: amounts.enumerated().map { i, a in
            t("2025-0\(i + 1)-10", Decimal(a)) })
    } + [Customer(id: "7", name: "none")]

    @Test func fourClassTerciles() {
        // M: 6=10 4=500 3=200 5=600 2=8100 1=27000 → sorted 10,200,500,600,8100,27000 → M: 6:1 3:1 4:2 5:2 2:3 1:3.
        // F: 4 and 6 → 1, 2 and 5 → 2, 1 → 3 (3 below), 3 → 3 (5 below) → F: 4:1 6:1 2:2 5:2 1:3 3:3.
        let s = Segmentation.compute(Self.six, asOf: d("2025-12-31"))
        #expect(s["1"] == .importantValue)
        #expect(s["2"] == .importantDevelopment)
        #expect(s["3"] == .importantDevelopment)
        #expect(s["4"] == .generalValue)
        #expect(s["5"] == .generalValue)
        #expect(s["6"] == .lowValue)
        #expect(s["7"] == nil)
    }

    @Test func fixedThresholds() {
        var c = MetricsConfiguration()
        c.segmentRanking = .fixed(revenue: [1000, 10_000], frequency: [2, 3])
        let s = Segmentation.compute(Self.six, asOf: d("2025-12-31"), configuration: c)
        #expect(s["1"] == .importantValue)      // 27000 → 3, 3 transactions → 3
        #expect(s["2"] == .generalValue)        // 8100 → 2, 2 → 2
        #expect(s["6"] == .lowValue)
    }

    @Test func rfm() {
        var c = MetricsConfiguration()
        c.segmentScheme = .rfmEightClass
        // Last purchases: 1 → 03-10, 2 → 02-10, 3 → 04-10, 4 → 01-10, 5 → 02-10, 6 → 01-10 (days to 12-31:
        // 296, 324, 265, 355, 324, 355; mean 319.8). F mean 13/6 ≈ 2.17; M mean 36410/6 ≈ 6068.
        let s = Segmentation.compute(Self.six, asOf: d("2025-12-31"), configuration: c)
        #expect(s["1"] == .importantValue)
        #expect(s["2"] == .importantRecovery)   // R↓ 324, F 2 ↓, M 8100 ↑
        #expect(s["3"] == .generalValue)        // R↑, F 4 ↑, M ↓
        #expect(s["4"] == .generalRecovery)
        #expect(s["5"] == .generalRecovery)
    }
}

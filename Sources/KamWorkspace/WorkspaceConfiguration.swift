import Foundation
import KamModel
import Yams

/// A workspace's settings, read from `kam.yaml`: where the store is, and the defaults of MODEL.md § Metrics
/// and CONTRACTS.md's validation rules. Every key is optional; a missing key takes its default.
public struct WorkspaceConfiguration: Sendable, Hashable, Codable {
    /// The format tag of kam.yaml.
    public static let format = "kam.config/1"

    /// The store file, relative to the workspace folder.
    public var store: String = ".kam/store.sqlite"
    public var metrics = Metrics()
    public var validation = Validation()

    public init() {}

    /// The configuration `kam init` writes.
    public static let `default` = WorkspaceConfiguration()

    /// Metric settings (MODEL.md § Metrics; defaults in brackets there).
    public struct Metrics: Sendable, Hashable, Codable {
        /// churn_rate: a customer with no transaction in the last this-many days of the period has churned.
        public var churnWindowDays = 180
        /// Computed lifecycle: first transaction within this many days → new.
        public var lifecycleNewDays = 90
        /// Computed lifecycle: a transaction within this many days → active, else churned.
        public var lifecycleActiveDays = 180
        /// clv: expected customer lifetime in years.
        public var clvLifetimeYears: Decimal = 3
        /// clv: margin applied to revenue.
        public var clvMargin: Decimal = 1
        /// csat: the score (0…100) from which an answer counts as satisfied.
        public var csatThreshold: Decimal = 80
        /// Segment scheme: `four-class` or `rfm-8`.
        public var segmentScheme = SegmentScheme.fourClass
        /// How M and F are ranked in the four-class scheme: `terciles`, or `fixed` with the thresholds below.
        public var segmentThresholds = SegmentThresholds.terciles
        /// Fixed thresholds (used when `segmentThresholds` is `fixed`): revenue for M = 2 and M = 3.
        public var segmentRevenueBreaks: [Decimal] = []
        /// Fixed thresholds: transaction counts for F = 2 and F = 3.
        public var segmentFrequencyBreaks: [Int] = []
        /// The window the segment is computed on, in months.
        public var segmentWindowMonths = 12

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Metrics()
            churnWindowDays = try c.decodeIfPresent(Int.self, forKey: .churnWindowDays) ?? d.churnWindowDays
            lifecycleNewDays = try c.decodeIfPresent(Int.self, forKey: .lifecycleNewDays) ?? d.lifecycleNewDays
            lifecycleActiveDays = try c.decodeIfPresent(Int.self, forKey: .lifecycleActiveDays) ?? d.lifecycleActiveDays
            clvLifetimeYears = try c.decodeIfPresent(Decimal.self, forKey: .clvLifetimeYears) ?? d.clvLifetimeYears
            clvMargin = try c.decodeIfPresent(Decimal.self, forKey: .clvMargin) ?? d.clvMargin
            csatThreshold = try c.decodeIfPresent(Decimal.self, forKey: .csatThreshold) ?? d.csatThreshold
            segmentScheme = try c.decodeIfPresent(SegmentScheme.self, forKey: .segmentScheme) ?? d.segmentScheme
            segmentThresholds = try c.decodeIfPresent(SegmentThresholds.self, forKey: .segmentThresholds)
                ?? d.segmentThresholds
            segmentRevenueBreaks = try c.decodeIfPresent([Decimal].self, forKey: .segmentRevenueBreaks) ?? []
            segmentFrequencyBreaks = try c.decodeIfPresent([Int].self, forKey: .segmentFrequencyBreaks) ?? []
            segmentWindowMonths = try c.decodeIfPresent(Int.self, forKey: .segmentWindowMonths) ?? d.segmentWindowMonths
        }
    }

    /// Which segment scheme the analytics compute.
    public enum SegmentScheme: String, Sendable, Hashable, Codable, CaseIterable {
        case fourClass = "four-class"
        case rfmEightClass = "rfm-8"
    }

    /// How the four-class scheme ranks M and F.
    public enum SegmentThresholds: String, Sendable, Hashable, Codable, CaseIterable {
        case terciles
        case fixed
    }

    /// Validation settings (CONTRACTS.md § validate; defaults in brackets there).
    public struct Validation: Sendable, Hashable, Codable {
        /// sla-breach: hours allowed to a complaint's first response.
        public var slaHours = 24
        /// total-mismatch: allowed relative difference between stated revenue and the year's transactions.
        public var totalMismatchTolerance: Decimal = Decimal(string: "0.01") ?? 0
        /// missing-field: required fields per record kind (field names as in the workspace JSON).
        public var requiredFields: [String: [String]] = Validation.defaultRequiredFields
        /// missing-key-account-field: what a key account must have.
        public var keyAccountRequires: [String] = ["owner", "primaryContact.phoneOrEmail"]
        /// missing-plan-field: what a plan should have (warnings).
        public var planShouldHave: [String] = ["period", "kpis.target"]

        /// MODEL.md's required fields.
        public static let defaultRequiredFields: [String: [String]] = [
            "customer": ["name"], "transaction": ["date", "amount"], "feedback": ["receivedAt"], "plan": ["title"],
        ]

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Validation()
            slaHours = try c.decodeIfPresent(Int.self, forKey: .slaHours) ?? d.slaHours
            totalMismatchTolerance = try c.decodeIfPresent(Decimal.self, forKey: .totalMismatchTolerance)
                ?? d.totalMismatchTolerance
            requiredFields = try c.decodeIfPresent([String: [String]].self, forKey: .requiredFields) ?? d.requiredFields
            keyAccountRequires = try c.decodeIfPresent([String].self, forKey: .keyAccountRequires)
                ?? d.keyAccountRequires
            planShouldHave = try c.decodeIfPresent([String].self, forKey: .planShouldHave) ?? d.planShouldHave
        }
    }

    private enum CodingKeys: String, CodingKey {
        case format, store, metrics, validation
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let f = try c.decodeIfPresent(String.self, forKey: .format), f != Self.format {
            throw DecodingError.dataCorruptedError(forKey: .format, in: c,
                                                   debugDescription: "unknown format \(f), expected \(Self.format)")
        }
        store = try c.decodeIfPresent(String.self, forKey: .store) ?? ".kam/store.sqlite"
        metrics = try c.decodeIfPresent(Metrics.self, forKey: .metrics) ?? Metrics()
        validation = try c.decodeIfPresent(Validation.self, forKey: .validation) ?? Validation()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.format, forKey: .format)
        try c.encode(store, forKey: .store)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(validation, forKey: .validation)
    }

    /// Parses kam.yaml text.
    /// - Throws: `WorkspaceError` `.invalidConfiguration` with Yams' explanation.
    public static func parse(_ yaml: String, file: String) throws -> WorkspaceConfiguration {
        do {
            if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return WorkspaceConfiguration() }
            return try YAMLDecoder().decode(WorkspaceConfiguration.self, from: yaml)
        } catch {
            throw WorkspaceError(.invalidConfiguration(String(describing: error)), path: file)
        }
    }

    /// The kam.yaml `kam init` writes: the defaults, with comments saying what each key does.
    public static let defaultYAML = """
        # kam workspace configuration. Every key is optional; a missing key takes the default shown here.
        format: kam.config/1
        # The customer store, relative to this folder.
        store: .kam/store.sqlite

        # MODEL.md § Metrics
        metrics:
          churnWindowDays: 180        # churned: no transaction in the last N days of the period
          lifecycleNewDays: 90        # computed lifecycle: first transaction within N days → new
          lifecycleActiveDays: 180    # a transaction within N days → active, else churned
          clvLifetimeYears: 3         # CLV = mean amount × transactions a year × lifetime × margin
          clvMargin: 1.0
          csatThreshold: 80           # csat: share of answers scoring at least this (0…100)
          segmentScheme: four-class   # four-class | rfm-8
          segmentThresholds: terciles # terciles | fixed (then set the two break lists)
          segmentRevenueBreaks: []    # fixed: revenue for M = 2 and M = 3
          segmentFrequencyBreaks: []  # fixed: transactions for F = 2 and F = 3
          segmentWindowMonths: 12

        # CONTRACTS.md § validate
        validation:
          slaHours: 24                    # sla-breach: hours to a complaint's first response
          totalMismatchTolerance: 0.01    # total-mismatch: 1 %
          requiredFields:                 # missing-field
            customer: [name]
            transaction: [date, amount]
            feedback: [receivedAt]
            plan: [title]
          keyAccountRequires: [owner, primaryContact.phoneOrEmail]   # missing-key-account-field
          planShouldHave: [period, kpis.target]                      # missing-plan-field (warnings)

        """
}

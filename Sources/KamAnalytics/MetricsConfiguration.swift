import Foundation

/// The settings of MODEL.md § Metrics (defaults in brackets there). The CLI maps a workspace's kam.yaml onto
/// this; the library knows nothing of workspaces.
public struct MetricsConfiguration: Sendable, Hashable {
    /// churn_rate: a customer with no transaction in the last this-many days of the period has churned [180].
    public var churnWindowDays = 180
    /// Computed lifecycle: first transaction within this many days → new [90].
    public var lifecycleNewDays = 90
    /// Computed lifecycle: a transaction within this many days → active, else churned [180].
    public var lifecycleActiveDays = 180
    /// clv: expected lifetime in years [3].
    public var clvLifetimeYears: Decimal = 3
    /// clv: margin applied to revenue [1.0].
    public var clvMargin: Decimal = 1
    /// csat: the score (0…100) from which an answer counts as satisfied [80].
    public var csatThreshold: Decimal = 80
    /// Which segment scheme to compute.
    public var segmentScheme = SegmentScheme.fourClass
    /// How the four-class scheme ranks M and F.
    public var segmentRanking = SegmentRanking.terciles
    /// The window segments are computed on, in months, ending on the period's last day [12].
    public var segmentWindowMonths = 12

    public init() {}

    /// The defaults of MODEL.md.
    public static let `default` = MetricsConfiguration()

    /// The segment schemes of MODEL.md § Metrics.
    public enum SegmentScheme: String, Sendable, Hashable, Codable {
        /// Four classes from M and F terciles (or fixed thresholds).
        case fourClass = "four-class"
        /// The 8-class RFM scheme, each of R, F, M compared with the mean.
        case rfmEightClass = "rfm-8"
    }

    /// How M and F become 1…3 in the four-class scheme.
    public enum SegmentRanking: Sendable, Hashable {
        /// Terciles over all customers with a transaction in the window.
        case terciles
        /// Fixed thresholds: revenue from which M is 2 and 3; transaction counts from which F is 2 and 3.
        case fixed(revenue: [Decimal], frequency: [Int])
    }
}

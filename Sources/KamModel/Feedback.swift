import Foundation

/// Service feedback or a complaint (服务反馈 / 投诉). `receivedAt` is required: validation reports its absence.
public struct Feedback: Sendable, Hashable, Codable {
    /// 收到时间.
    public var receivedAt: LocalDateTime?
    public var category: FeedbackCategory?
    public var severity: Severity?
    public var description: String?
    /// 首次响应时间.
    public var firstResponseAt: LocalDateTime?
    /// 解决时间.
    public var resolvedAt: LocalDateTime?
    /// 处理结果.
    public var resolution: String?
    public var status: FeedbackStatus?
    /// 处理后满意度, 0…100.
    public var satisfactionAfter: Decimal?

    public init(receivedAt: LocalDateTime? = nil, category: FeedbackCategory? = nil, severity: Severity? = nil,
                description: String? = nil, firstResponseAt: LocalDateTime? = nil, resolvedAt: LocalDateTime? = nil,
                resolution: String? = nil, status: FeedbackStatus? = nil, satisfactionAfter: Decimal? = nil) {
        self.receivedAt = receivedAt
        self.category = category
        self.severity = severity
        self.description = description
        self.firstResponseAt = firstResponseAt
        self.resolvedAt = resolvedAt
        self.resolution = resolution
        self.status = status
        self.satisfactionAfter = satisfactionAfter
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(receivedAt: try c.opt(.receivedAt), category: try c.opt(.category), severity: try c.opt(.severity),
                  description: try c.opt(.description), firstResponseAt: try c.opt(.firstResponseAt),
                  resolvedAt: try c.opt(.resolvedAt), resolution: try c.opt(.resolution), status: try c.opt(.status),
                  satisfactionAfter: try c.opt(.satisfactionAfter))
    }
}

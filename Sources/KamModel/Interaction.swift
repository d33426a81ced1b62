import Foundation

/// A contact with a customer (互动记录): a call, a visit, a complaint taken, ….
public struct Interaction: Sendable, Hashable, Codable {
    public var date: LocalDate?
    /// 方式.
    public var channel: Channel?
    /// 类型.
    public var kind: InteractionKind?
    /// 内容.
    public var summary: String?
    public var owner: String?
    /// 下一步.
    public var nextStep: String?
    /// 下次跟进日期.
    public var nextDate: LocalDate?

    public init(date: LocalDate? = nil, channel: Channel? = nil, kind: InteractionKind? = nil,
                summary: String? = nil, owner: String? = nil, nextStep: String? = nil, nextDate: LocalDate? = nil) {
        self.date = date
        self.channel = channel
        self.kind = kind
        self.summary = summary
        self.owner = owner
        self.nextStep = nextStep
        self.nextDate = nextDate
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(date: try c.opt(.date), channel: try c.opt(.channel), kind: try c.opt(.kind),
                  summary: try c.opt(.summary), owner: try c.opt(.owner), nextStep: try c.opt(.nextStep),
                  nextDate: try c.opt(.nextDate))
    }
}

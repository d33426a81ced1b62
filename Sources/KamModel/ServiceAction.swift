import Foundation

/// A planned service item and how it went (服务计划与实施情况).
public struct ServiceAction: Sendable, Hashable, Codable {
    /// 事项.
    public var title: String?
    /// 频率.
    public var cadence: Cadence?
    /// 计划日期.
    public var dueOn: LocalDate?
    /// 完成日期.
    public var doneOn: LocalDate?
    public var status: ServiceStatus?
    public var owner: String?
    public var channel: Channel?

    public init(title: String? = nil, cadence: Cadence? = nil, dueOn: LocalDate? = nil, doneOn: LocalDate? = nil,
                status: ServiceStatus? = nil, owner: String? = nil, channel: Channel? = nil) {
        self.title = title
        self.cadence = cadence
        self.dueOn = dueOn
        self.doneOn = doneOn
        self.status = status
        self.owner = owner
        self.channel = channel
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.opt(.title), cadence: try c.opt(.cadence), dueOn: try c.opt(.dueOn),
                  doneOn: try c.opt(.doneOn), status: try c.opt(.status), owner: try c.opt(.owner),
                  channel: try c.opt(.channel))
    }
}

import Foundation

/// A contract with a customer (合同).
public struct Contract: Sendable, Hashable, Codable {
    /// 合同编号.
    public var number: String?
    /// 合作项目.
    public var title: String?
    public var signedOn: LocalDate?
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    /// 合同金额.
    public var value: Money?

    public init(number: String? = nil, title: String? = nil, signedOn: LocalDate? = nil,
                startsOn: LocalDate? = nil, endsOn: LocalDate? = nil, value: Money? = nil) {
        self.number = number
        self.title = title
        self.signedOn = signedOn
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(number: try c.opt(.number), title: try c.opt(.title), signedOn: try c.opt(.signedOn),
                  startsOn: try c.opt(.startsOn), endsOn: try c.opt(.endsOn), value: try c.opt(.value))
    }
}

import Foundation

/// A person at a customer (联系人).
public struct Contact: Sendable, Hashable, Codable {
    public var name: String?
    /// 职务.
    public var title: String?
    /// 联系电话: digits only (MODEL.md § Normalising values).
    public var phone: String?
    public var mobile: String?
    /// 电子邮箱: trimmed and lower-cased; an invalid one kept as typed.
    public var email: String?
    public var wechat: String?
    /// 沟通偏好.
    public var preferredChannel: Channel?
    public var birthday: LocalDate?
    /// True for the contact taken from the customer's own row.
    public var primary: Bool

    public init(name: String? = nil, title: String? = nil, phone: String? = nil, mobile: String? = nil,
                email: String? = nil, wechat: String? = nil, preferredChannel: Channel? = nil,
                birthday: LocalDate? = nil, primary: Bool = false) {
        self.name = name
        self.title = title
        self.phone = phone
        self.mobile = mobile
        self.email = email
        self.wechat = wechat
        self.preferredChannel = preferredChannel
        self.birthday = birthday
        self.primary = primary
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.opt(.name), title: try c.opt(.title), phone: try c.opt(.phone),
                  mobile: try c.opt(.mobile), email: try c.opt(.email), wechat: try c.opt(.wechat),
                  preferredChannel: try c.opt(.preferredChannel), birthday: try c.opt(.birthday),
                  primary: try c.flag(.primary))
    }
}

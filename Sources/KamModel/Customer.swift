import Foundation

/// A customer (客户): the center of the model (MODEL.md § Customer).
///
/// Every field but `id` and `name` may be absent; absent and empty values are left out of the
/// workspace JSON. `provenance` records where fields were read from; the store keeps it, the JSON does not.
public struct Customer: Sendable, Hashable, Codable, Identifiable {
    /// 客户编号: the key.
    public var id: CustomerID
    /// 客户名称 (required; may be empty in a draft that validation reports).
    public var name: String
    public var kind: CustomerKind?
    public var industry: String?
    public var region: String?
    public var address: String?
    public var foundedOn: LocalDate?
    public var mainBusiness: String?
    /// 负责人: the account manager.
    public var owner: String?
    public var segment: Segment?
    /// 重点客户: nil when no sheet states it (read as false).
    public var keyAccount: Bool?
    public var lifecycle: Lifecycle?
    public var membership: Membership?
    public var points: Int?
    /// 年度销售额: the sheet's stated figure.
    public var annualRevenue: Money?
    /// 销售贡献占比, 0…1.
    public var revenueShare: Decimal?
    /// 满意度, 0…100: the latest stated score.
    public var satisfaction: Decimal?
    public var gender: Gender?
    public var birthDate: LocalDate?
    public var occupation: String?
    /// 喜好与需求.
    public var preferences: [String]
    public var purchaseHabits: String?
    public var notes: String?
    /// 联系人; a contact taken from the customer's own row comes first with `primary == true`.
    public var contacts: [Contact]
    public var transactions: [Transaction]
    public var contracts: [Contract]
    public var interactions: [Interaction]
    public var feedback: [Feedback]
    public var surveys: [Survey]
    public var serviceActions: [ServiceAction]
    /// Every unmapped column of the team's sheet, by header text.
    public var extra: ExtraFields
    /// Where fields came from (field path → cell); stored, not part of the workspace JSON.
    public var provenance: Provenance

    public init(
        id: CustomerID, name: String, kind: CustomerKind? = nil, industry: String? = nil,
        region: String? = nil, address: String? = nil, foundedOn: LocalDate? = nil,
        mainBusiness: String? = nil, owner: String? = nil, segment: Segment? = nil,
        keyAccount: Bool? = nil, lifecycle: Lifecycle? = nil, membership: Membership? = nil,
        points: Int? = nil, annualRevenue: Money? = nil, revenueShare: Decimal? = nil,
        satisfaction: Decimal? = nil, gender: Gender? = nil, birthDate: LocalDate? = nil,
        occupation: String? = nil, preferences: [String] = [], purchaseHabits: String? = nil,
        notes: String? = nil, contacts: [Contact] = [], transactions: [Transaction] = [],
        contracts: [Contract] = [], interactions: [Interaction] = [], feedback: [Feedback] = [],
        surveys: [Survey] = [], serviceActions: [ServiceAction] = [], extra: ExtraFields = [:],
        provenance: Provenance = [:]
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.industry = industry
        self.region = region
        self.address = address
        self.foundedOn = foundedOn
        self.mainBusiness = mainBusiness
        self.owner = owner
        self.segment = segment
        self.keyAccount = keyAccount
        self.lifecycle = lifecycle
        self.membership = membership
        self.points = points
        self.annualRevenue = annualRevenue
        self.revenueShare = revenueShare
        self.satisfaction = satisfaction
        self.gender = gender
        self.birthDate = birthDate
        self.occupation = occupation
        self.preferences = preferences
        self.purchaseHabits = purchaseHabits
        self.notes = notes
        self.contacts = contacts
        self.transactions = transactions
        self.contracts = contracts
        self.interactions = interactions
        self.feedback = feedback
        self.surveys = surveys
        self.serviceActions = serviceActions
        self.extra = extra
        self.provenance = provenance
    }

    /// The JSON keys, in MODEL.md's table order; `provenance` is deliberately not among them.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, kind, industry, region, address, foundedOn, mainBusiness, owner, segment
        case keyAccount, lifecycle, membership, points, annualRevenue, revenueShare, satisfaction
        case gender, birthDate, occupation, preferences, purchaseHabits, notes, contacts, transactions
        case contracts, interactions, feedback, surveys, serviceActions, extra
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(CustomerID.self, forKey: .id), name: try c.text(.name),
            kind: try c.opt(.kind), industry: try c.opt(.industry), region: try c.opt(.region),
            address: try c.opt(.address), foundedOn: try c.opt(.foundedOn),
            mainBusiness: try c.opt(.mainBusiness), owner: try c.opt(.owner), segment: try c.opt(.segment),
            keyAccount: try c.opt(.keyAccount), lifecycle: try c.opt(.lifecycle),
            membership: try c.opt(.membership), points: try c.opt(.points),
            annualRevenue: try c.opt(.annualRevenue), revenueShare: try c.opt(.revenueShare),
            satisfaction: try c.opt(.satisfaction), gender: try c.opt(.gender),
            birthDate: try c.opt(.birthDate), occupation: try c.opt(.occupation),
            preferences: try c.list(.preferences), purchaseHabits: try c.opt(.purchaseHabits),
            notes: try c.opt(.notes), contacts: try c.list(.contacts), transactions: try c.list(.transactions),
            contracts: try c.list(.contracts), interactions: try c.list(.interactions),
            feedback: try c.list(.feedback), surveys: try c.list(.surveys),
            serviceActions: try c.list(.serviceActions),
            extra: try c.decodeIfPresent(ExtraFields.self, forKey: .extra) ?? [:])
    }

    /// The primary contact: the first with `primary`, else the first.
    public var primaryContact: Contact? { contacts.first { $0.primary } ?? contacts.first }
}

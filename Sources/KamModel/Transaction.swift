import Foundation

/// A sale (交易记录). `date` and `amount` are required: validation reports drafts lacking them.
public struct Transaction: Sendable, Hashable, Codable {
    public var date: LocalDate?
    public var product: String?
    /// 品类.
    public var category: String?
    public var quantity: Decimal?
    public var unitPrice: Money?
    public var amount: Money?
    /// 币种; nil means the default, CNY.
    public var currency: String?
    /// 合同编号.
    public var contractNo: String?

    /// The currency a transaction without one is in.
    public static let defaultCurrency = "CNY"

    public init(date: LocalDate? = nil, product: String? = nil, category: String? = nil,
                quantity: Decimal? = nil, unitPrice: Money? = nil, amount: Money? = nil,
                currency: String? = nil, contractNo: String? = nil) {
        self.date = date
        self.product = product
        self.category = category
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
        self.currency = currency
        self.contractNo = contractNo
    }

    /// The currency, defaulting to CNY.
    public var effectiveCurrency: String { currency ?? Self.defaultCurrency }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(date: try c.opt(.date), product: try c.opt(.product), category: try c.opt(.category),
                  quantity: try c.opt(.quantity), unitPrice: try c.opt(.unitPrice), amount: try c.opt(.amount),
                  currency: try c.opt(.currency), contractNo: try c.opt(.contractNo))
    }
}

/// The kinds of records of MODEL.md, and so the kinds of rows a sheet can hold.
public enum RecordKind: String, Sendable, Hashable, CaseIterable, Codable {
    case customer
    case contact
    case transaction
    case contract
    case interaction
    case feedback
    case survey
    case serviceAction

    /// The customer's list field holding records of this kind (`contacts`, `transactions`, …); nil for customers.
    public var collection: String? {
        switch self {
        case .customer: return nil
        case .contact: return "contacts"
        case .transaction: return "transactions"
        case .contract: return "contracts"
        case .interaction: return "interactions"
        case .feedback: return "feedback"
        case .survey: return "surveys"
        case .serviceAction: return "serviceActions"
        }
    }
}

/// The vocabularies of MODEL.md whose values a field takes (their labels live with KamModel's enums).
public enum VocabularyName: String, Sendable, Hashable, CaseIterable, Codable {
    case customerKind, segment, lifecycle, membership, gender, channel
    case interactionKind, feedbackCategory, severity, feedbackStatus, surveyMethod, cadence, serviceStatus
}

/// What a field's values are, which picks the normaliser that reads them.
public enum FieldValueType: Sendable, Hashable {
    case text
    /// A list of short texts in one cell (`preferences`).
    case textList
    case date
    case dateTime
    /// Money: Decimal with 2 decimals, header multipliers apply.
    case amount
    case number
    case integer
    /// A 0…100 figure (satisfaction, survey score); `85%` → 85, scales ×20 / ×10.
    case percent
    /// A 0…1 figure (revenue share); `85%` → 0.85.
    case fraction
    /// A 0…10 figure (recommend).
    case score10
    case bool
    case label(VocabularyName)
    case phone
    case email
}

/// One field of the model that a column can map to.
public struct FieldDefinition: Sendable, Hashable {
    /// The record the field belongs to.
    public var record: RecordKind
    /// The JSON name within its record, e.g. `phone`.
    public var name: String
    public var type: FieldValueType
    /// Canonical header labels (MODEL.md, TEMPLATES.md §1).
    public var zhHans: String
    public var zhHant: String
    public var en: String
    /// Other headers teams use for it.
    public var synonyms: [String]

    public init(record: RecordKind, name: String, type: FieldValueType, zhHans: String, zhHant: String, en: String,
                synonyms: [String] = []) {
        self.record = record
        self.name = name
        self.type = type
        self.zhHans = zhHans
        self.zhHant = zhHant
        self.en = en
        self.synonyms = synonyms
    }

    /// The path of the field from the customer: `name`, `contacts.phone`, `transactions.amount`.
    public var path: String { record.collection.map { "\($0).\(name)" } ?? name }

    /// Every label and synonym.
    public var allLabels: [String] { [zhHans, zhHant, en] + synonyms }
}

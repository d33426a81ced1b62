/// The three canonical labels of a vocabulary value (MODEL.md § Vocabularies).
///
/// These are the words exported sheets and reports use. Recognising the many variants teams type
/// (synonyms, Traditional script, VIP客户 and the like) is KamMapping's job, not the model's.
public struct VocabularyLabels: Sendable, Hashable {
    /// Simplified Chinese.
    public var zhHans: String
    /// Traditional Chinese.
    public var zhHant: String
    /// English.
    public var en: String

    public init(_ zhHans: String, _ zhHant: String, _ en: String) {
        self.zhHans = zhHans
        self.zhHant = zhHant
        self.en = en
    }
}

/// A closed set of values whose JSON form is a fixed lower-snake-case string (MODEL.md).
public protocol Vocabulary: RawRepresentable, CaseIterable, Sendable, Hashable, Codable
where RawValue == String {
    /// The canonical zh-Hans / zh-Hant / en labels of this value.
    var labels: VocabularyLabels { get }
}

extension Vocabulary {
    /// The value whose JSON string is `raw`, or nil.
    public init?(json raw: String) { self.init(rawValue: raw) }

    /// The value whose canonical label (in any of the three languages) is exactly `label`.
    ///
    /// Exact match only; normalising and synonyms belong to KamMapping.
    public static func value(forLabel label: String) -> Self? {
        allCases.first { $0.labels.zhHans == label || $0.labels.zhHant == label || $0.labels.en == label }
    }
}

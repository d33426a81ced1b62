/// A customer's class: the four classes teams use plus the other classes of the 8-class RFM scheme
/// (MODEL.md § Vocabularies, § Metrics).
public enum Segment: String, Vocabulary {
    case importantValue = "important_value"
    case importantDevelopment = "important_development"
    case generalValue = "general_value"
    case lowValue = "low_value"
    case importantRetention = "important_retention"
    case importantRecovery = "important_recovery"
    case generalDevelopment = "general_development"
    case generalRetention = "general_retention"
    case generalRecovery = "general_recovery"

    /// The four classes of the default scheme.
    public static let fourClass: [Segment] = [.importantValue, .importantDevelopment, .generalValue, .lowValue]
    /// The eight classes of the RFM scheme.
    public static let rfmEightClass: [Segment] = [
        .importantValue, .importantDevelopment, .importantRetention, .importantRecovery,
        .generalValue, .generalDevelopment, .generalRetention, .generalRecovery,
    ]

    public var labels: VocabularyLabels {
        switch self {
        case .importantValue: VocabularyLabels("重要价值客户", "重要價值客戶", "Important value")
        case .importantDevelopment: VocabularyLabels("重要发展客户", "重要發展客戶", "Important development")
        case .generalValue: VocabularyLabels("一般价值客户", "一般價值客戶", "General value")
        case .lowValue: VocabularyLabels("低价值客户", "低價值客戶", "Low value")
        case .importantRetention: VocabularyLabels("重要保持客户", "重要保持客戶", "Important retention")
        case .importantRecovery: VocabularyLabels("重要挽留客户", "重要挽留客戶", "Important recovery")
        case .generalDevelopment: VocabularyLabels("一般发展客户", "一般發展客戶", "General development")
        case .generalRetention: VocabularyLabels("一般保持客户", "一般保持客戶", "General retention")
        case .generalRecovery: VocabularyLabels("一般挽留客户", "一般挽留客戶", "General recovery")
        }
    }
}

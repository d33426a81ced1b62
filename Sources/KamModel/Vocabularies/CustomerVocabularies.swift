/// Whether a customer is an organisation or a person.
public enum CustomerKind: String, Vocabulary {
    case company
    case individual

    public var labels: VocabularyLabels {
        switch self {
        case .company: VocabularyLabels("企业客户", "企業客戶", "Company")
        case .individual: VocabularyLabels("个人客户", "個人客戶", "Individual")
        }
    }
}

/// A person's gender as a sheet states it.
public enum Gender: String, Vocabulary {
    case female
    case male
    case other

    public var labels: VocabularyLabels {
        switch self {
        case .female: VocabularyLabels("女", "女", "Female")
        case .male: VocabularyLabels("男", "男", "Male")
        case .other: VocabularyLabels("其他", "其他", "Other")
        }
    }
}

/// A customer's lifecycle stage (stated, or computed as MODEL.md § Metrics says).
public enum Lifecycle: String, Vocabulary {
    case prospect
    case new
    case active
    case churned

    public var labels: VocabularyLabels {
        switch self {
        case .prospect: VocabularyLabels("潜在客户", "潛在客戶", "Prospect")
        case .new: VocabularyLabels("新客户", "新客戶", "New")
        case .active: VocabularyLabels("活跃客户", "活躍客戶", "Active")
        case .churned: VocabularyLabels("流失客户", "流失客戶", "Churned")
        }
    }
}

/// A member's level.
public enum Membership: String, Vocabulary {
    case regular
    case silver
    case gold
    case platinum

    public var labels: VocabularyLabels {
        switch self {
        case .regular: VocabularyLabels("普通会员", "普通會員", "Regular")
        case .silver: VocabularyLabels("银卡会员", "銀卡會員", "Silver")
        case .gold: VocabularyLabels("金卡会员", "金卡會員", "Gold")
        case .platinum: VocabularyLabels("白金会员", "白金會員", "Platinum")
        }
    }
}

/// What a piece of feedback or a complaint concerns.
public enum FeedbackCategory: String, Vocabulary {
    case productQuality = "product_quality"
    case serviceAttitude = "service_attitude"
    case delivery
    case price
    case other

    public var labels: VocabularyLabels {
        switch self {
        case .productQuality: VocabularyLabels("产品质量", "產品質量", "Product quality")
        case .serviceAttitude: VocabularyLabels("服务态度", "服務態度", "Service attitude")
        case .delivery: VocabularyLabels("交付", "交付", "Delivery")
        case .price: VocabularyLabels("价格", "價格", "Price")
        case .other: VocabularyLabels("其他", "其他", "Other")
        }
    }
}

/// How serious a complaint is.
public enum Severity: String, Vocabulary {
    case low
    case medium
    case high
    case critical

    public var labels: VocabularyLabels {
        switch self {
        case .low: VocabularyLabels("低", "低", "Low")
        case .medium: VocabularyLabels("中", "中", "Medium")
        case .high: VocabularyLabels("高", "高", "High")
        case .critical: VocabularyLabels("紧急", "緊急", "Critical")
        }
    }
}

/// Where the handling of a piece of feedback stands.
public enum FeedbackStatus: String, Vocabulary {
    case open
    case inProgress = "in_progress"
    case resolved
    case closed

    public var labels: VocabularyLabels {
        switch self {
        case .open: VocabularyLabels("待处理", "待處理", "Open")
        case .inProgress: VocabularyLabels("处理中", "處理中", "In progress")
        case .resolved: VocabularyLabels("已解决", "已解決", "Resolved")
        case .closed: VocabularyLabels("已关闭", "已關閉", "Closed")
        }
    }
}

/// How a satisfaction survey was taken.
public enum SurveyMethod: String, Vocabulary {
    case questionnaire
    case phone
    case interview
    case online

    public var labels: VocabularyLabels {
        switch self {
        case .questionnaire: VocabularyLabels("问卷", "問卷", "Questionnaire")
        case .phone: VocabularyLabels("电话", "電話", "Phone")
        case .interview: VocabularyLabels("面谈", "面談", "Interview")
        case .online: VocabularyLabels("在线", "在線", "Online")
        }
    }
}

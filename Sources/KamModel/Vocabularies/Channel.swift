/// A way of reaching a customer: a contact's preference, an interaction's or a service action's channel.
public enum Channel: String, Vocabulary {
    case phone
    case email
    case wechat
    case social
    case visit
    case meeting
    case sms
    case other

    public var labels: VocabularyLabels {
        switch self {
        case .phone: VocabularyLabels("电话", "電話", "Phone")
        case .email: VocabularyLabels("邮件", "郵件", "Email")
        case .wechat: VocabularyLabels("微信", "微信", "WeChat")
        case .social: VocabularyLabels("社交媒体", "社交媒體", "Social media")
        case .visit: VocabularyLabels("拜访/面谈", "拜訪/面談", "Visit")
        case .meeting: VocabularyLabels("会议", "會議", "Meeting")
        // 短信 also in zh-Hant: the header recogniser folds Hant→Hans by script, and 簡訊 would not fold to it.
        case .sms: VocabularyLabels("短信", "短信", "SMS")
        case .other: VocabularyLabels("其他", "其他", "Other")
        }
    }
}

/// What an interaction was about.
public enum InteractionKind: String, Vocabulary {
    case consultation
    case complaint
    case feedback
    case visit
    case callback
    case care
    case meeting

    public var labels: VocabularyLabels {
        switch self {
        case .consultation: VocabularyLabels("咨询", "諮詢", "Consultation")
        case .complaint: VocabularyLabels("投诉", "投訴", "Complaint")
        case .feedback: VocabularyLabels("反馈", "反饋", "Feedback")
        case .visit: VocabularyLabels("拜访", "拜訪", "Visit")
        case .callback: VocabularyLabels("回访", "回訪", "Follow-up call")
        case .care: VocabularyLabels("关怀", "關懷", "Care")
        case .meeting: VocabularyLabels("会议", "會議", "Meeting")
        }
    }
}

/// How often a service action recurs.
public enum Cadence: String, Vocabulary {
    case once
    case weekly
    case monthly
    case quarterly
    case yearly

    public var labels: VocabularyLabels {
        switch self {
        case .once: VocabularyLabels("一次", "一次", "Once")
        case .weekly: VocabularyLabels("每周", "每週", "Weekly")
        case .monthly: VocabularyLabels("每月", "每月", "Monthly")
        case .quarterly: VocabularyLabels("每季度", "每季度", "Quarterly")
        case .yearly: VocabularyLabels("每年", "每年", "Yearly")
        }
    }
}

/// Where a planned service action stands.
public enum ServiceStatus: String, Vocabulary {
    case planned
    case done
    case overdue
    case cancelled

    public var labels: VocabularyLabels {
        switch self {
        case .planned: VocabularyLabels("计划中", "計劃中", "Planned")
        case .done: VocabularyLabels("已完成", "已完成", "Done")
        case .overdue: VocabularyLabels("已逾期", "已逾期", "Overdue")
        case .cancelled: VocabularyLabels("已取消", "已取消", "Cancelled")
        }
    }
}

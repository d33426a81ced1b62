/// Which of the five plan templates a plan follows (MODEL.md § Plan, TEMPLATES.md).
public enum PlanKind: String, Vocabulary {
    case summary
    case annual
    case maintenance
    case report
    case keyAccount = "key_account"

    public var labels: VocabularyLabels {
        switch self {
        case .summary: VocabularyLabels("客户管理方案小结", "客戶管理方案小結", "Customer management summary")
        case .annual: VocabularyLabels("客户年度管理计划", "客戶年度管理計劃", "Annual customer management plan")
        case .maintenance: VocabularyLabels("客户关系维护方案", "客戶關係維護方案", "Customer relationship maintenance plan")
        case .report: VocabularyLabels("客户管理汇报", "客戶管理匯報", "Customer management report")
        case .keyAccount: VocabularyLabels("重点客户管理细则", "重點客戶管理細則", "Key account management rules")
        }
    }
}

/// What a plan's KPI measures (MODEL.md § Plan, § Metrics); `custom` carries its own name.
public enum KPIMetric: String, Vocabulary {
    case satisfaction
    case salesGrowth = "sales_growth"
    case revenue
    case retentionRate = "retention_rate"
    case churnRate = "churn_rate"
    case repurchaseRate = "repurchase_rate"
    case referralRate = "referral_rate"
    case nps
    case csat
    case firstResponseHours = "first_response_hours"
    case clv
    case keyAccounts = "key_accounts"
    case custom

    public var labels: VocabularyLabels {
        switch self {
        case .satisfaction: VocabularyLabels("客户满意度", "客戶滿意度", "Customer satisfaction")
        case .salesGrowth: VocabularyLabels("销售额增长", "銷售額增長", "Sales growth")
        case .revenue: VocabularyLabels("销售额", "銷售額", "Revenue")
        case .retentionRate: VocabularyLabels("客户留存率", "客戶留存率", "Retention rate")
        case .churnRate: VocabularyLabels("客户流失率", "客戶流失率", "Churn rate")
        case .repurchaseRate: VocabularyLabels("复购率", "複購率", "Repurchase rate")
        case .referralRate: VocabularyLabels("推荐率", "推薦率", "Referral rate")
        case .nps: VocabularyLabels("净推荐值", "淨推薦值", "Net promoter score")
        case .csat: VocabularyLabels("满意客户占比", "滿意客戶佔比", "Satisfied customers (CSAT)")
        case .firstResponseHours: VocabularyLabels("投诉首次响应时长", "投訴首次響應時長", "First response time")
        case .clv: VocabularyLabels("客户终身价值", "客戶終身價值", "Customer lifetime value")
        case .keyAccounts: VocabularyLabels("重点客户数", "重點客戶數", "Key accounts")
        case .custom: VocabularyLabels("自定义指标", "自定義指標", "Custom")
        }
    }

    /// The unit MODEL.md gives the metric: "%", "% a month", "hours", or nil for plain figures.
    public var unit: String? {
        switch self {
        case .satisfaction, .salesGrowth, .retentionRate, .repurchaseRate, .referralRate, .csat: "%"
        case .churnRate: "% a month"
        case .firstResponseHours: "hours"
        case .revenue, .nps, .clv, .keyAccounts, .custom: nil
        }
    }
}

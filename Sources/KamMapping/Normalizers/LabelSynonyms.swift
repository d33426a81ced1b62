/// Labels teams use for vocabulary values beyond the canonical zh-Hans/zh-Hant/en labels (those live with
/// KamModel's enums): `label → raw value`, per vocabulary. Compared after header folding, so Traditional and
/// full-width forms need no entries of their own.
public enum LabelSynonyms {
    public static let extra: [VocabularyName: [String: String]] = [
        .segment: [
            "VIP客户": "important_value", "VIP": "important_value", "重要价值": "important_value",
            "普通客户": "general_value", "普通": "general_value", "一般客户": "general_value",
            "重要发展": "important_development", "一般价值": "general_value", "低价值": "low_value",
            "重要保持": "important_retention", "重要挽留": "important_recovery", "一般发展": "general_development",
            "一般保持": "general_retention", "一般挽留": "general_recovery",
            "important value customer": "important_value", "important development customer": "important_development",
            "general value customer": "general_value", "low value customer": "low_value",
            "important retention": "important_retention", "important recovery": "important_recovery",
            "general development": "general_development", "general retention": "general_retention",
            "general recovery": "general_recovery",
        ],
        .customerKind: [
            "企业": "company", "公司": "company", "单位": "company", "企业客户": "company", "公司客户": "company",
            "法人": "company", "机构": "company", "business": "company", "corporate": "company", "b2b": "company",
            "个人": "individual", "个人客户": "individual", "自然人": "individual", "person": "individual",
            "personal": "individual", "consumer": "individual", "b2c": "individual",
        ],
        .gender: [
            "男": "male", "男性": "male", "先生": "male", "m": "male", "man": "male",
            "女": "female", "女性": "female", "女士": "female", "f": "female", "woman": "female",
            "其他": "other", "其它": "other",
        ],
        .lifecycle: [
            "潜在": "prospect", "意向客户": "prospect", "意向": "prospect", "lead": "prospect",
            "新": "new", "新签": "new", "新签客户": "new", "新增客户": "new",
            "活跃": "active", "老客户": "active", "成熟客户": "active", "稳定客户": "active",
            "流失": "churned", "已流失": "churned", "沉睡客户": "churned", "lost": "churned", "inactive": "churned",
        ],
        .membership: [
            "普通": "regular", "普卡": "regular", "普通卡": "regular", "普通会员卡": "regular", "basic": "regular",
            "银卡": "silver", "银": "silver", "银卡会员卡": "silver",
            "金卡": "gold", "金": "gold", "黄金会员": "gold",
            "白金": "platinum", "白金卡": "platinum", "铂金": "platinum", "铂金会员": "platinum", "钻石会员": "platinum",
        ],
        .channel: [
            "电话沟通": "phone", "致电": "phone", "电话回访": "phone", "call": "phone", "phone call": "phone",
            "电子邮件": "email", "邮箱": "email", "e-mail": "email", "mail": "email",
            "微信沟通": "wechat", "企业微信": "wechat", "weixin": "wechat",
            "微博": "social", "社交": "social", "social media": "social",
            "拜访": "visit", "面谈": "visit", "上门": "visit", "上门拜访": "visit", "实地拜访": "visit", "in person": "visit",
            "视频会议": "meeting", "线上会议": "meeting", "会议": "meeting",
            "短信": "sms", "text": "sms", "其它": "other",
        ],
        .interactionKind: [
            "咨询": "consultation", "询价": "consultation", "inquiry": "consultation",
            "投诉": "complaint", "反馈": "feedback", "拜访": "visit", "回访": "callback", "关怀": "care",
            "节日问候": "care", "生日关怀": "care", "会议": "meeting",
        ],
        .feedbackCategory: [
            "质量": "product_quality", "质量问题": "product_quality", "产品问题": "product_quality", "quality": "product_quality",
            "服务": "service_attitude", "态度": "service_attitude", "服务问题": "service_attitude",
            "物流": "delivery", "发货": "delivery", "配送": "delivery", "交货": "delivery", "交期": "delivery",
            "价格问题": "price", "费用": "price", "其它": "other",
        ],
        .severity: [
            "轻微": "low", "一般": "medium", "中等": "medium", "普通": "medium", "严重": "high", "较高": "high",
            "非常紧急": "critical", "特急": "critical", "严重紧急": "critical", "urgent": "critical",
        ],
        .feedbackStatus: [
            "未处理": "open", "新建": "open", "待跟进": "open", "new": "open", "pending": "open",
            "跟进中": "in_progress", "进行中": "in_progress", "处理中": "in_progress", "in progress": "in_progress",
            "已处理": "resolved", "已完成": "resolved", "完成": "resolved", "fixed": "resolved",
            "关闭": "closed", "已结案": "closed", "结案": "closed",
        ],
        .surveyMethod: [
            "问卷调查": "questionnaire", "纸质问卷": "questionnaire", "survey": "questionnaire",
            "电话回访": "phone", "电话调查": "phone", "访谈": "interview", "面访": "interview",
            "网络": "online", "线上": "online", "网上": "online", "在线问卷": "online", "web": "online",
        ],
        .cadence: [
            "单次": "once", "一次性": "once", "周": "weekly", "每星期": "weekly", "每月一次": "monthly", "月度": "monthly",
            "月": "monthly", "季度": "quarterly", "每季": "quarterly", "每季度一次": "quarterly", "年度": "yearly",
            "每年一次": "yearly", "年": "yearly", "annually": "yearly", "annual": "yearly",
        ],
        .serviceStatus: [
            "未开始": "planned", "待办": "planned", "计划": "planned", "待执行": "planned", "pending": "planned",
            "完成": "done", "已执行": "done", "completed": "done", "逾期": "overdue", "超期": "overdue", "延期": "overdue",
            "取消": "cancelled", "已作废": "cancelled", "canceled": "cancelled",
        ],
    ]
}

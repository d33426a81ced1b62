/// Every field of MODEL.md a sheet column can map to, with its canonical labels and the synonyms teams use
/// (`HeaderSynonyms`). Order matters: when one header names two fields of a record (手机 → phone, else mobile),
/// the earlier field is preferred.
public enum FieldCatalog {
    /// All fields, customers first, then the kinds in MODEL.md order.
    public static let all: [FieldDefinition] =
        customer + contact + transaction + contract + interaction + feedback + survey + serviceAction

    /// The fields of one record kind.
    public static func fields(of kind: RecordKind) -> [FieldDefinition] { all.filter { $0.record == kind } }

    /// The field with this path (`name`, `contacts.phone`).
    public static func field(path: String) -> FieldDefinition? { byPath[path] }

    private static let byPath: [String: FieldDefinition] = {
        var d: [String: FieldDefinition] = [:]
        for f in all where d[f.path] == nil { d[f.path] = f }
        return d
    }()

    private static func f(_ r: RecordKind, _ name: String, _ type: FieldValueType, _ hans: String, _ hant: String,
                          _ en: String, _ synonyms: [String] = []) -> FieldDefinition {
        FieldDefinition(record: r, name: name, type: type, zhHans: hans, zhHant: hant, en: en, synonyms: synonyms)
    }

    static let customer: [FieldDefinition] = [
        f(.customer, "id", .text, "客户编号", "客戶編號", "Customer ID", [
            "客户编码", "客户代码", "客户号", "客户ID", "客户id号", "客户序号", "编号", "客户档案号", "会员编号", "会员号",
            "会员卡号", "会员ID", "customer no", "customer number", "customer code", "client id", "client no",
            "account id", "account no", "cust id", "cust no", "member id", "member no", "id"]),
        f(.customer, "name", .text, "客户名称", "客戶名稱", "Customer Name", [
            "公司名称", "单位名称", "客户", "客户名", "企业名称", "公司", "公司名", "单位", "名称", "客户全称", "公司全称",
            "企业", "企业全称", "单位全称", "机构名称", "客户单位", "客户公司", "会员姓名", "客户姓名", "姓名", "会员名称",
            "company", "company name", "client", "client name", "customer", "account", "account name",
            "organization", "organisation", "name", "member name", "full name"]),
        f(.customer, "kind", .label(.customerKind), "客户类型", "客戶類型", "Customer Type", [
            "客户性质", "客户种类", "类型", "性质", "customer kind", "type"]),
        f(.customer, "industry", .text, "行业", "行業", "Industry", [
            "所属行业", "行业类别", "行业分类", "行业类型", "sector", "vertical"]),
        f(.customer, "region", .text, "地区", "地區", "Region", [
            "区域", "所在地区", "所在区域", "所属地区", "所属区域", "所在地", "省市", "地域", "城市", "所在城市", "省份",
            "area", "city", "location", "territory", "province"]),
        f(.customer, "address", .text, "地址", "地址", "Address", [
            "公司地址", "详细地址", "通讯地址", "办公地址", "联系地址", "注册地址", "经营地址", "住址", "家庭住址"]),
        f(.customer, "foundedOn", .date, "成立时间", "成立時間", "Founded", [
            "成立日期", "注册时间", "注册日期", "创立时间", "创立日期", "成立年月", "founded on", "founding date",
            "established", "date founded", "date established", "incorporation date", "founded date"]),
        f(.customer, "mainBusiness", .text, "主营业务", "主營業務", "Main Business", [
            "主营产品", "主要业务", "经营范围", "主营", "业务范围", "main products", "core business", "business"]),
        f(.customer, "owner", .text, "负责人", "負責人", "Account Manager", [
            "客户经理", "销售", "跟进人", "销售代表", "业务员", "销售人员", "销售经理", "归属销售", "所属销售", "客户负责人",
            "跟进销售", "跟进人员", "业务负责人", "责任销售", "大客户经理", "客户主管", "owner", "account owner",
            "sales rep", "salesperson", "sales person", "sales representative", "sales", "key account manager", "kam",
            "am", "responsible", "manager"]),
        f(.customer, "segment", .label(.segment), "客户分类", "客戶分類", "Segment", [
            "等级", "客户级别", "客户分层", "客户等级", "级别", "分类", "客户类别", "价值分类", "客户价值分类", "客户价值",
            "rfm分类", "分层", "客户分级", "分级", "customer segment", "customer level", "customer tier", "customer class",
            "tier", "level", "class", "grade", "rating"]),
        f(.customer, "keyAccount", .bool, "重点客户", "重點客戶", "Key Account", [
            "是否重点客户", "重点", "大客户", "是否大客户", "重要客户", "是否重要客户", "重点客户标识", "ka", "key customer",
            "is key account", "key"]),
        f(.customer, "lifecycle", .label(.lifecycle), "生命周期阶段", "生命週期階段", "Lifecycle Stage", [
            "生命周期", "客户阶段", "阶段", "客户生命周期", "lifecycle", "stage", "customer stage"]),
        f(.customer, "membership", .label(.membership), "会员等级", "會員等級", "Membership Level", [
            "会员级别", "会员类型", "会员卡等级", "卡等级", "卡类型", "会员卡类型", "vip等级", "membership", "member level",
            "membership tier", "member tier"]),
        f(.customer, "points", .integer, "积分", "積分", "Points", [
            "会员积分", "当前积分", "积分余额", "可用积分", "累计积分", "loyalty points", "point balance"]),
        f(.customer, "annualRevenue", .amount, "年度销售额", "年度銷售額", "Annual Revenue", [
            "年销售额", "销售额", "年营业额", "营业额", "年度营收", "营收", "年收入", "年销售收入", "年度销售收入", "年度交易额",
            "年交易额", "交易额", "年度采购额", "年采购额", "采购额", "年度消费额", "年消费额", "消费金额", "年度销售金额",
            "年度业绩", "业绩", "revenue", "annual sales", "yearly revenue", "sales revenue", "turnover",
            "annual turnover", "sales amount", "annual revenue"]),
        f(.customer, "revenueShare", .fraction, "销售贡献占比", "銷售貢獻佔比", "Revenue Share", [
            "贡献占比", "销售占比", "占比", "销售额占比", "收入占比", "贡献度", "销售贡献", "贡献率", "share",
            "share of revenue", "revenue contribution", "contribution"]),
        f(.customer, "satisfaction", .percent, "满意度", "滿意度", "Satisfaction", [
            "客户满意度", "满意度评分", "满意度得分", "满意分", "满意度分数", "csat", "satisfaction score",
            "customer satisfaction"]),
        f(.customer, "gender", .label(.gender), "性别", "性別", "Gender", ["sex"]),
        f(.customer, "birthDate", .date, "出生日期", "出生日期", "Birth Date", [
            "出生年月日", "生日", "出生年月", "date of birth", "dob", "birthday", "birthdate"]),
        f(.customer, "occupation", .text, "职业", "職業", "Occupation", ["工作", "profession", "job"]),
        f(.customer, "preferences", .textList, "喜好与需求", "喜好與需求", "Preferences & Needs", [
            "喜好", "需求", "偏好", "爱好", "兴趣爱好", "客户需求", "需求偏好", "喜好需求", "喜好和需求", "preferences",
            "needs", "interests", "preferences and needs"]),
        f(.customer, "purchaseHabits", .text, "采购习惯", "採購習慣", "Purchase Habits", [
            "购买习惯", "消费习惯", "采购方式", "采购周期", "购买偏好", "buying habits", "purchase pattern",
            "purchasing habits"]),
        f(.customer, "notes", .text, "备注", "備註", "Notes", [
            "备注信息", "说明", "附注", "其他说明", "备注说明", "remark", "remarks", "note", "memo"]),
    ]

    static let contact: [FieldDefinition] = [
        f(.contact, "name", .text, "姓名", "姓名", "Contact Name", [
            "联系人", "联系人姓名", "联系人名称", "对接人", "联络人", "联系人员", "主要联系人", "首要联系人", "客户联系人",
            "contact", "contact person", "primary contact", "name"]),
        f(.contact, "title", .text, "职务", "職務", "Title", [
            "职位", "岗位", "头衔", "联系人职务", "联系人职位", "position", "job title", "role", "designation"]),
        f(.contact, "phone", .phone, "联系电话", "聯絡電話", "Phone", [
            "电话", "手机号", "联系方式", "电话号码", "手机号码", "联系电话号码", "联络电话", "联系手机", "手机", "座机",
            "办公电话", "固定电话", "联系人电话", "联系人手机", "tel", "telephone", "phone number", "contact number",
            "contact phone", "phone no", "mobile", "mobile phone", "cell", "cellphone"]),
        f(.contact, "mobile", .phone, "手机", "手機", "Mobile", [
            "手机号", "手机号码", "移动电话", "mobile phone", "mobile no", "cell", "cellphone", "cell phone"]),
        f(.contact, "email", .email, "电子邮箱", "電子郵箱", "Email", [
            "邮箱", "e-mail", "电子邮件", "邮件地址", "邮箱地址", "电邮", "联系人邮箱", "email address", "mail", "e-mail address"]),
        f(.contact, "wechat", .text, "微信", "微信", "WeChat", [
            "微信号", "微信账号", "微信id", "联系人微信", "wechat id", "weixin", "wx"]),
        f(.contact, "preferredChannel", .label(.channel), "沟通偏好", "溝通偏好", "Preferred Channel", [
            "偏好渠道", "联系偏好", "首选沟通方式", "偏好沟通方式", "preferred contact method", "preferred channel"]),
        f(.contact, "birthday", .date, "生日", "生日", "Birthday", ["联系人生日", "出生日期", "birth date", "dob"]),
        f(.contact, "primary", .bool, "是否主要联系人", "是否主要聯絡人", "Primary", ["主联系人", "is primary"]),
    ]

    static let transaction: [FieldDefinition] = [
        f(.transaction, "date", .date, "日期", "日期", "Date", [
            "交易日期", "成交日期", "订单日期", "下单日期", "销售日期", "购买日期", "发生日期", "交易时间", "订单时间", "成交时间",
            "消费日期", "transaction date", "order date", "sale date", "purchase date"]),
        f(.transaction, "product", .text, "产品", "產品", "Product", [
            "产品名称", "商品", "商品名称", "品名", "货品", "产品型号", "item", "product name"]),
        f(.transaction, "category", .text, "品类", "品類", "Category", [
            "产品类别", "类别", "商品类别", "产品分类", "商品分类", "product category"]),
        f(.transaction, "quantity", .number, "数量", "數量", "Quantity", ["购买数量", "销量", "件数", "销售数量", "qty"]),
        f(.transaction, "unitPrice", .amount, "单价", "單價", "Unit Price", [
            "价格", "销售单价", "成交单价", "price", "unit cost"]),
        f(.transaction, "amount", .amount, "金额", "金額", "Amount", [
            "交易金额", "成交金额", "订单金额", "销售金额", "总金额", "合计金额", "总价", "金额合计", "实收金额", "消费金额",
            "total", "total amount", "order amount", "sales amount", "order value"]),
        f(.transaction, "currency", .text, "币种", "幣種", "Currency", ["货币", "币别"]),
        f(.transaction, "contractNo", .text, "合同编号", "合約編號", "Contract No", [
            "合同号", "合同编码", "合同编号", "contract number", "contract id"]),
    ]

    static let contract: [FieldDefinition] = [
        f(.contract, "number", .text, "合同编号", "合約編號", "Contract No", [
            "合同号", "合同编码", "合同編號", "contract number", "contract id"]),
        f(.contract, "title", .text, "合作项目", "合作項目", "Project", [
            "项目名称", "合同名称", "项目", "合同标题", "合同内容", "project", "contract title", "title"]),
        f(.contract, "signedOn", .date, "签订日期", "簽訂日期", "Signed On", [
            "签约日期", "签署日期", "签订时间", "签约时间", "sign date", "signing date", "signed date", "date signed"]),
        f(.contract, "startsOn", .date, "开始日期", "開始日期", "Start Date", [
            "生效日期", "起始日期", "合同开始日期", "开始时间", "起始时间", "start", "effective date", "starts on"]),
        f(.contract, "endsOn", .date, "结束日期", "結束日期", "End Date", [
            "到期日期", "截止日期", "终止日期", "合同到期日", "到期日", "结束时间", "合同结束日期", "end", "expiry date",
            "expiration date", "ends on"]),
        f(.contract, "value", .amount, "合同金额", "合約金額", "Contract Value", [
            "合同额", "合同总额", "合同价款", "签约金额", "合同总价", "contract amount", "value", "amount"]),
    ]

    static let interaction: [FieldDefinition] = [
        f(.interaction, "date", .date, "日期", "日期", "Date", [
            "互动日期", "沟通日期", "联系日期", "跟进日期", "拜访日期", "沟通时间", "跟进时间", "互动时间", "interaction date"]),
        f(.interaction, "channel", .label(.channel), "方式", "方式", "Channel", [
            "沟通方式", "联系方式", "渠道", "沟通渠道", "互动方式", "跟进方式", "method"]),
        f(.interaction, "kind", .label(.interactionKind), "类型", "類型", "Type", [
            "互动类型", "事项类型", "沟通类型", "跟进类型", "类别", "kind"]),
        f(.interaction, "summary", .text, "内容", "內容", "Summary", [
            "沟通内容", "跟进内容", "互动内容", "摘要", "详情", "记录", "拜访内容", "沟通记录", "跟进记录", "content",
            "details", "notes"]),
        f(.interaction, "owner", .text, "负责人", "負責人", "Owner", [
            "跟进人", "经办人", "销售", "客户经理", "执行人", "account manager"]),
        f(.interaction, "nextStep", .text, "下一步", "下一步", "Next Step", [
            "下一步计划", "后续计划", "下步行动", "跟进计划", "下一步行动", "next action"]),
        f(.interaction, "nextDate", .date, "下次跟进日期", "下次跟進日期", "Next Follow-up", [
            "下次跟进时间", "下次联系日期", "下次跟进", "计划跟进日期", "下次沟通日期", "next follow-up date",
            "next contact date", "next date"]),
    ]

    static let feedback: [FieldDefinition] = [
        f(.feedback, "receivedAt", .dateTime, "收到时间", "收到時間", "Received At", [
            "反馈时间", "投诉时间", "接收时间", "提交时间", "登记时间", "反馈日期", "投诉日期", "收到日期", "日期", "时间",
            "received", "date received", "reported at", "date"]),
        f(.feedback, "category", .label(.feedbackCategory), "类别", "類別", "Category", [
            "问题类别", "反馈类别", "投诉类别", "问题类型", "反馈类型", "投诉类型", "类型", "分类", "type"]),
        f(.feedback, "severity", .label(.severity), "严重程度", "嚴重程度", "Severity", [
            "紧急程度", "优先级", "级别", "等级", "严重性", "priority", "urgency", "level"]),
        f(.feedback, "description", .text, "描述", "描述", "Description", [
            "问题描述", "反馈内容", "投诉内容", "内容", "详情", "问题", "事由", "情况描述", "issue", "details", "content"]),
        f(.feedback, "firstResponseAt", .dateTime, "首次响应时间", "首次響應時間", "First Response", [
            "响应时间", "首次回复时间", "回复时间", "响应日期", "首次响应", "first response at", "response time",
            "first response time"]),
        f(.feedback, "resolvedAt", .dateTime, "解决时间", "解決時間", "Resolved At", [
            "处理完成时间", "解决日期", "关闭时间", "完成时间", "结案时间", "resolved", "resolution date", "closed at",
            "resolved on"]),
        f(.feedback, "resolution", .text, "处理结果", "處理結果", "Resolution", [
            "处理方式", "处理措施", "解决方案", "处理情况", "处理意见", "处理说明", "result", "action taken"]),
        f(.feedback, "status", .label(.feedbackStatus), "状态", "狀態", "Status", ["处理状态", "当前状态", "进度"]),
        f(.feedback, "satisfactionAfter", .percent, "处理后满意度", "處理後滿意度", "Satisfaction After", [
            "满意度", "回访满意度", "客户评价", "评价", "satisfaction", "satisfaction after resolution"]),
    ]

    static let survey: [FieldDefinition] = [
        f(.survey, "date", .date, "日期", "日期", "Date", ["调查日期", "调查时间", "回访日期", "调研日期", "survey date"]),
        f(.survey, "method", .label(.surveyMethod), "方式", "方式", "Method", [
            "调查方式", "调研方式", "渠道", "survey method", "channel"]),
        f(.survey, "score", .percent, "满意度", "滿意度", "Score", [
            "满意度评分", "评分", "得分", "分数", "满意度得分", "总体满意度", "综合评分", "rating", "satisfaction"]),
        f(.survey, "recommend", .score10, "推荐意愿", "推薦意願", "Recommend", [
            "推荐度", "推荐指数", "推荐可能性", "推荐分", "nps", "likelihood to recommend"]),
        f(.survey, "comments", .text, "意见", "意見", "Comments", [
            "意见建议", "建议", "反馈意见", "评论", "意见与建议", "suggestions", "comment"]),
    ]

    static let serviceAction: [FieldDefinition] = [
        f(.serviceAction, "title", .text, "事项", "事項", "Item", [
            "服务事项", "服务内容", "计划事项", "服务项目", "工作内容", "任务", "action", "task", "title"]),
        f(.serviceAction, "cadence", .label(.cadence), "频率", "頻率", "Cadence", ["服务频率", "周期", "频次", "frequency"]),
        f(.serviceAction, "dueOn", .date, "计划日期", "計劃日期", "Due On", [
            "计划时间", "计划完成日期", "截止日期", "预计日期", "due date", "planned date", "due"]),
        f(.serviceAction, "doneOn", .date, "完成日期", "完成日期", "Done On", [
            "实际完成日期", "完成时间", "执行日期", "done date", "completed on", "done"]),
        f(.serviceAction, "status", .label(.serviceStatus), "状态", "狀態", "Status", ["执行状态", "完成情况", "进度"]),
        f(.serviceAction, "owner", .text, "负责人", "負責人", "Owner", ["执行人", "责任人", "跟进人"]),
        f(.serviceAction, "channel", .label(.channel), "方式", "方式", "Channel", ["服务方式", "渠道"]),
    ]
}

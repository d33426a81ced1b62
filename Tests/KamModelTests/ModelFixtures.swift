import Foundation
import KamModel

/// Paths and sample values shared by the model tests.
enum ModelFixtures {
    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/samples/legacy` (or `$KAM_SAMPLES/legacy`).
    static var legacySamples: URL {
        if let env = ProcessInfo.processInfo.environment["KAM_SAMPLES"] {
            return URL(fileURLWithPath: env).appendingPathComponent("legacy")
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples/legacy")
    }

    /// Every `*.truth.json` of the legacy samples, sorted by name.
    static var truthFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: legacySamples.path)) ?? []
        return names.filter { $0.hasSuffix(".truth.json") }.sorted().map { legacySamples.appendingPathComponent($0) }
    }

    static func date(_ s: String) -> LocalDate? { LocalDate(iso: s) }
    static func dec(_ s: String) -> Decimal? { Decimal(exactText: s) }

    /// A customer with every field and list filled.
    static var fullCustomer: Customer {
        var c = Customer(
            id: "C0042", name: "上海\"星河\"贸易有限公司", kind: .company, industry: "零售", region: "上海",
            address: "浦东新区 1 号\n2 楼", foundedOn: date("2003-04-05"), mainBusiness: "进出口", owner: "王芳",
            segment: .importantRetention, keyAccount: false, lifecycle: .active, membership: .gold, points: 1200,
            annualRevenue: dec("1234567.5"), revenueShare: dec("0.1234"), satisfaction: dec("86"),
            gender: .female, birthDate: date("1980-02-29"), occupation: "采购", preferences: ["茶叶", "高尔夫"],
            purchaseHabits: "季度集中采购", notes: "备注\t含制表符")
        c.contacts = [
            Contact(name: "李雷", title: "经理", phone: "13800138000", email: "li@example.com", wechat: "lilei",
                    preferredChannel: .wechat, birthday: date("1990-01-02"), primary: true),
            Contact(name: "韩梅梅", mobile: "13900139000"),
        ]
        c.transactions = [
            Transaction(date: date("2024-03-05"), product: "伺服电机", category: "设备", quantity: dec("2.5"),
                        unitPrice: dec("6700"), amount: dec("16750.05"), currency: "USD", contractNo: "HT-1"),
            Transaction(date: date("2024-04-01"), amount: dec("0.1")),
        ]
        c.contracts = [Contract(number: "HT-1", title: "年度框架", signedOn: date("2024-01-01"),
                                startsOn: date("2024-01-02"), endsOn: date("2024-12-31"), value: dec("500000"))]
        c.interactions = [Interaction(date: date("2024-05-06"), channel: .visit, kind: .callback, summary: "回访",
                                      owner: "王芳", nextStep: "报价", nextDate: date("2024-06-01"))]
        c.feedback = [Feedback(receivedAt: LocalDateTime(iso: "2024-05-07T09:30:00"), category: .delivery,
                               severity: .critical, description: "延迟", firstResponseAt: LocalDateTime(iso: "2024-05-07T10:00:00"),
                               resolvedAt: LocalDateTime(iso: "2024-05-08T18:00:00"), resolution: "补发",
                               status: .closed, satisfactionAfter: dec("90"))]
        c.surveys = [Survey(date: date("2024-06-01"), method: .online, score: dec("86"), recommend: 9, comments: "好")]
        c.serviceActions = [ServiceAction(title: "季度拜访", cadence: .quarterly, dueOn: date("2024-07-01"),
                                          doneOn: date("2024-07-03"), status: .done, owner: "王芳", channel: .visit)]
        c.extra = ExtraFields([("微博账号", "@星河"), ("ＱＱ号", "123"), ("A列", "x")])
        return c
    }

    static var fullPlan: Plan {
        Plan(id: "P0001", kind: .annual, title: "2024 年度计划", periodStart: date("2024-01-01"),
             periodEnd: date("2024-12-31"), customerId: "C0042", owner: "王芳", goals: ["满意度 90%"],
             background: "背景", problems: ["响应慢"],
             strategies: [Strategy(title: "分级服务", description: "按分类", segment: .importantValue)],
             phases: [Phase(name: "一季度", start: date("2024-01-01"), end: date("2024-03-31"), tasks: ["梳理", "拜访"])],
             kpis: [KPI(metric: .satisfaction, name: "客户满意度", baseline: dec("80"), target: dec("90"), unit: "%",
                        dueOn: date("2024-12-31"))],
             risks: [Risk(risk: "流失", likelihood: "中", impact: "高", countermeasure: "关怀")],
             budget: [BudgetItem(item: "礼品", amount: dec("5000.456"))],
             careProcess: [CareStep(step: "生日问候", cadence: "每年", owner: "王芳")])
    }
}

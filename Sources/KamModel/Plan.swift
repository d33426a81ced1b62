import Foundation

/// A plan a team writes around its customers (方案 / 计划, MODEL.md § Plan): one per filled template.
public struct Plan: Sendable, Hashable, Codable, Identifiable {
    /// 方案编号: the key in the store.
    public var id: String
    /// 方案类型.
    public var kind: PlanKind?
    /// 标题 (required; may be empty in a draft that validation reports).
    public var title: String
    public var periodStart: LocalDate?
    public var periodEnd: LocalDate?
    /// The customer the plan concerns, if one.
    public var customerId: CustomerID?
    public var owner: String?
    /// 目标.
    public var goals: [String]
    /// 背景与现状分析.
    public var background: String?
    /// 存在问题.
    public var problems: [String]
    public var strategies: [Strategy]
    /// 实施步骤.
    public var phases: [Phase]
    /// 评估指标.
    public var kpis: [KPI]
    /// 风险评估与应对措施.
    public var risks: [Risk]
    public var budget: [BudgetItem]
    /// 关怀流程.
    public var careProcess: [CareStep]

    public init(id: String, kind: PlanKind? = nil, title: String, periodStart: LocalDate? = nil,
                periodEnd: LocalDate? = nil, customerId: CustomerID? = nil, owner: String? = nil,
                goals: [String] = [], background: String? = nil, problems: [String] = [],
                strategies: [Strategy] = [], phases: [Phase] = [], kpis: [KPI] = [], risks: [Risk] = [],
                budget: [BudgetItem] = [], careProcess: [CareStep] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.customerId = customerId
        self.owner = owner
        self.goals = goals
        self.background = background
        self.problems = problems
        self.strategies = strategies
        self.phases = phases
        self.kpis = kpis
        self.risks = risks
        self.budget = budget
        self.careProcess = careProcess
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.text(.id), kind: try c.opt(.kind), title: try c.text(.title),
                  periodStart: try c.opt(.periodStart), periodEnd: try c.opt(.periodEnd),
                  customerId: try c.opt(.customerId), owner: try c.opt(.owner), goals: try c.list(.goals),
                  background: try c.opt(.background), problems: try c.list(.problems),
                  strategies: try c.list(.strategies), phases: try c.list(.phases), kpis: try c.list(.kpis),
                  risks: try c.list(.risks), budget: try c.list(.budget), careProcess: try c.list(.careProcess))
    }
}

/// A strategy of a plan (策略), possibly aimed at one segment.
public struct Strategy: Sendable, Hashable, Codable {
    public var title: String?
    public var description: String?
    public var segment: Segment?

    public init(title: String? = nil, description: String? = nil, segment: Segment? = nil) {
        self.title = title
        self.description = description
        self.segment = segment
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.opt(.title), description: try c.opt(.description), segment: try c.opt(.segment))
    }
}

/// A step of a plan's implementation (实施步骤).
public struct Phase: Sendable, Hashable, Codable {
    public var name: String?
    public var start: LocalDate?
    public var end: LocalDate?
    public var tasks: [String]

    public init(name: String? = nil, start: LocalDate? = nil, end: LocalDate? = nil, tasks: [String] = []) {
        self.name = name
        self.start = start
        self.end = end
        self.tasks = tasks
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.opt(.name), start: try c.opt(.start), end: try c.opt(.end), tasks: try c.list(.tasks))
    }
}

/// A measure a plan is judged by (评估指标).
public struct KPI: Sendable, Hashable, Codable {
    public var metric: KPIMetric?
    /// The name as the plan writes it (required for `custom`).
    public var name: String?
    public var baseline: Decimal?
    public var target: Decimal?
    public var actual: Decimal?
    public var unit: String?
    public var dueOn: LocalDate?

    public init(metric: KPIMetric? = nil, name: String? = nil, baseline: Decimal? = nil, target: Decimal? = nil,
                actual: Decimal? = nil, unit: String? = nil, dueOn: LocalDate? = nil) {
        self.metric = metric
        self.name = name
        self.baseline = baseline
        self.target = target
        self.actual = actual
        self.unit = unit
        self.dueOn = dueOn
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(metric: try c.opt(.metric), name: try c.opt(.name), baseline: try c.opt(.baseline),
                  target: try c.opt(.target), actual: try c.opt(.actual), unit: try c.opt(.unit),
                  dueOn: try c.opt(.dueOn))
    }
}

/// A risk and its countermeasure (风险评估与应对措施). Likelihood and impact are the plan's own words (高/中/低, …).
public struct Risk: Sendable, Hashable, Codable {
    public var risk: String?
    public var likelihood: String?
    public var impact: String?
    public var countermeasure: String?

    public init(risk: String? = nil, likelihood: String? = nil, impact: String? = nil, countermeasure: String? = nil) {
        self.risk = risk
        self.likelihood = likelihood
        self.impact = impact
        self.countermeasure = countermeasure
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(risk: try c.opt(.risk), likelihood: try c.opt(.likelihood), impact: try c.opt(.impact),
                  countermeasure: try c.opt(.countermeasure))
    }
}

/// A line of a plan's budget (预算).
public struct BudgetItem: Sendable, Hashable, Codable {
    public var item: String?
    public var amount: Money?

    public init(item: String? = nil, amount: Money? = nil) {
        self.item = item
        self.amount = amount
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(item: try c.opt(.item), amount: try c.opt(.amount))
    }
}

/// A step of a care process (关怀流程). `cadence` is the plan's own words (每月一次, 节日前一周, …), not
/// the `Cadence` vocabulary, because care steps are free text in the templates.
public struct CareStep: Sendable, Hashable, Codable {
    public var step: String?
    public var cadence: String?
    public var owner: String?

    public init(step: String? = nil, cadence: String? = nil, owner: String? = nil) {
        self.step = step
        self.cadence = cadence
        self.owner = owner
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(step: try c.opt(.step), cadence: try c.opt(.cadence), owner: try c.opt(.owner))
    }
}

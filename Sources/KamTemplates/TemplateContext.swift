import Foundation
import KamAnalytics
import KamModel

/// What a template is filled from: the customers, the plan, the period and its metrics.
public struct TemplateData: Sendable {
    public var customers: [Customer]
    /// The plan the template writes and reads back (an empty one with an id when the store has none).
    public var plan: Plan
    public var period: Period
    /// The one customer the template concerns (`customer.…` paths), if any.
    public var customerID: CustomerID?
    public var configuration: MetricsConfiguration
    /// Import runs, for the management report's 数据收集与整理 (newest last).
    public var imports: [ImportRunSummary]
    /// The day the template is filled (`today`).
    public var today: LocalDate

    public init(customers: [Customer], plan: Plan, period: Period, customerID: CustomerID? = nil,
                configuration: MetricsConfiguration = .default, imports: [ImportRunSummary] = [], today: LocalDate) {
        self.customers = customers
        self.plan = plan
        self.period = period
        self.customerID = customerID
        self.configuration = configuration
        self.imports = imports
        self.today = today
    }
}

/// One import run as the management report lists it.
public struct ImportRunSummary: Sendable, Hashable {
    public var source: String
    public var kind: String
    public var date: LocalDate?
    public var customersAdded: Int
    public var customersUpdated: Int
    public var warnings: Int
    public var errors: Int
    /// The cleaning figures of a spreadsheet import (the import log's `import-counts`); nil for other imports.
    public var rowsRead: Int?
    public var duplicatesMerged: Int?
    public var valuesNormalised: Int?
    public var valuesRejected: Int?
    public init(source: String, kind: String, date: LocalDate?, customersAdded: Int, customersUpdated: Int,
                warnings: Int, errors: Int, rowsRead: Int? = nil, duplicatesMerged: Int? = nil,
                valuesNormalised: Int? = nil, valuesRejected: Int? = nil) {
        self.source = source; self.kind = kind; self.date = date; self.customersAdded = customersAdded
        self.customersUpdated = customersUpdated; self.warnings = warnings; self.errors = errors
        self.rowsRead = rowsRead; self.duplicatesMerged = duplicatesMerged; self.valuesNormalised = valuesNormalised
        self.valuesRejected = valuesRejected
    }

    /// Reads the figures of an `import-counts` log message (`rows=113 duplicateRowsMerged=0 valuesNormalised=169
    /// valuesRejected=3`) into the summary; other words are ignored.
    public mutating func takeCounts(_ message: String) {
        for pair in message.split(separator: " ") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let n = Int(kv[1]) else { continue }
            switch kv[0] {
            case "rows": rowsRead = n
            case "duplicateRowsMerged": duplicatesMerged = n
            case "valuesNormalised": valuesNormalised = n
            case "valuesRejected": valuesRejected = n
            default: break
            }
        }
    }
}

/// Builds the tree of `TemplateValue`s paths are resolved in (names listed in docs/templates.md).
public enum TemplateContext {
    /// The root object.
    public static func build(_ data: TemplateData) -> TemplateValue {
        let report = MetricsReport(customers: data.customers, period: data.period, configuration: data.configuration)
        var figures: [CustomerID: CustomerFigures] = [:]
        for f in report.perCustomer { figures[f.id] = f }
        var heads: [CustomerID: TemplateValue] = [:]
        for c in data.customers { heads[c.id] = .object(customerHead(c, figures[c.id])) }

        let selected = data.customerID.map { id in data.customers.filter { $0.id == id } } ?? data.customers
        func flat(_ pick: (Customer) -> [TemplateValue]) -> TemplateValue {
            .list(selected.flatMap { c in pick(c).map { attach($0, heads[c.id] ?? .null) } })
        }
        let customers: [TemplateValue] = data.customers.map { c in .object(withLists(c, heads[c.id])) }
        var root: [String: TemplateValue] = [
            "customers": .list(customers),
            "transactions": flat { $0.transactions.map(transaction) },
            "feedback": flat { $0.feedback.map(feedback) },
            "serviceActions": flat { $0.serviceActions.map(serviceAction) },
            "contacts": flat { $0.contacts.map(contact) },
            "surveys": flat { $0.surveys.map(survey) },
            "interactions": flat { $0.interactions.map(interaction) },
            "birthdays": flat { c in c.contacts.filter { birthdayFalls($0.birthday, in: data.period) }.map(contact) },
            "plan": .object(plan(data.plan, report)),
            "metrics": .object(metrics(report)),
            "segments": .list(segments(report, data.plan)),
            "lifecycles": .list(lifecycles(report)),
            "months": .list(MonthFigures.months(data.customers, in: data.period).map { m in .object(TemplateObject([
                "month": .text(m.month), "label": .text("\(m.period.start.year)年\(m.period.start.month)月"),
                "start": .date(m.period.start), "end": .date(m.period.end), "revenue": .number(m.revenue),
                "transactions": .of(m.transactions), "customers": .of(m.customers),
            ], key: m.month)) }),
            "period": .object(TemplateObject([
                "start": .date(data.period.start), "end": .date(data.period.end), "months": .number(data.period.months),
                "year": .number(Decimal(data.period.start.year)), "text": .text(periodText(data.period)),
            ])),
            "today": .date(data.today),
            "imports": .list(data.imports.map { i in .object(TemplateObject([
                "source": .text(i.source), "file": .text((i.source as NSString).lastPathComponent),
                "kind": .text(i.kind), "date": .of(i.date),
                "rowsRead": .of(i.rowsRead), "duplicatesMerged": .of(i.duplicatesMerged),
                "valuesNormalised": .of(i.valuesNormalised), "valuesRejected": .of(i.valuesRejected),
                "customersAdded": .of(i.customersAdded), "customersUpdated": .of(i.customersUpdated),
                "warnings": .of(i.warnings), "errors": .of(i.errors),
            ])) }),
        ]
        if let id = data.customerID, let c = data.customers.first(where: { $0.id == id }) {
            root["customer"] = .object(withLists(c, heads[id]))
        }
        return .object(TemplateObject(root))
    }

    /// `2025年`, `2025年第3季度`, `2025-01-01 至 2025-06-30`.
    static func periodText(_ p: Period) -> String {
        if p.start.month == 1, p.start.day == 1, p.end.month == 12, p.end.day == 31, p.start.year == p.end.year {
            return "\(p.start.year)年"
        }
        if p.start.year == p.end.year, p.start.day == 1, p.months == 3, (p.start.month - 1) % 3 == 0 {
            return "\(p.start.year)年第\((p.start.month - 1) / 3 + 1)季度"
        }
        return "\(p.start.iso) 至 \(p.end.iso)"
    }

    static func birthdayFalls(_ b: LocalDate?, in p: Period) -> Bool {
        guard let b else { return false }
        for y in p.start.year...p.end.year {
            if let d = LocalDate(year: y, month: b.month, day: min(b.day, LocalDate.daysIn(month: b.month, year: y))),
               p.contains(d) { return true }
        }
        return false
    }

    static func attach(_ v: TemplateValue, _ head: TemplateValue) -> TemplateValue {
        guard case .object(var o) = v else { return v }
        o.fields["customer"] = head
        o.fields["customerId"] = head.member("id")
        o.fields["customerName"] = head.member("name")
        return .object(o)
    }

    /// A customer's own fields and computed figures (no lists).
    static func customerHead(_ c: Customer, _ f: CustomerFigures?) -> TemplateObject {
        var o: [String: TemplateValue] = [
            "id": .text(c.id.rawValue), "name": .text(c.name), "kind": .of(c.kind), "industry": .of(c.industry),
            "region": .of(c.region), "address": .of(c.address), "foundedOn": .of(c.foundedOn),
            "mainBusiness": .of(c.mainBusiness), "owner": .of(c.owner), "segment": .of(c.segment),
            "keyAccount": .bool(c.keyAccount ?? false), "lifecycle": .of(c.lifecycle), "membership": .of(c.membership),
            "points": .of(c.points), "annualRevenue": .of(c.annualRevenue), "revenueShare": .of(c.revenueShare.map { $0 * 100 }),
            "satisfaction": .of(c.satisfaction), "gender": .of(c.gender), "birthDate": .of(c.birthDate),
            "occupation": .of(c.occupation), "preferences": .list(c.preferences.map { .text($0) }),
            "purchaseHabits": .of(c.purchaseHabits), "notes": .of(c.notes),
        ]
        if let p = c.primaryContact { o["contact"] = contact(p) }
        if let f {
            o["revenue"] = .number(f.revenue)
            o["transactionCount"] = .of(f.transactions)
            o["firstPurchase"] = .of(f.firstPurchase)
            o["lastPurchase"] = .of(f.lastPurchase)
            o["daysSinceLastPurchase"] = .of(f.daysSinceLastPurchase)
            o["periodSatisfaction"] = .of(f.satisfaction)
            o["repurchased"] = .bool(f.repurchased)
            o["complaints"] = .of(f.complaints)
            o["firstResponseHours"] = .of(f.firstResponseHours)
            o["actionsPlanned"] = .of(f.serviceActionsPlanned)
            o["actionsDone"] = .of(f.serviceActionsDone)
            o["actionsDoneShare"] = f.serviceActionsPlanned == 0 ? .null
                : .number(Decimal(f.serviceActionsDone) * 100 / Decimal(f.serviceActionsPlanned))
            o["clv"] = .of(f.clv)
            o["computedSegment"] = .of(f.segment)
            o["computedLifecycle"] = .of(f.lifecycle)
            o["previousTransactionCount"] = .of(f.previousTransactions)
            o["fallingFrequency"] = .bool(f.transactions < f.previousTransactions)
            o["nextFollowUp"] = .of(f.nextFollowUp)
        }
        return TemplateObject(o, key: c.id.rawValue)
    }

    static func withLists(_ c: Customer, _ head: TemplateValue?) -> TemplateObject {
        guard case .object(var o)? = head else { return TemplateObject([:]) }
        o.fields["transactions"] = .list(c.transactions.map(transaction))
        o.fields["feedback"] = .list(c.feedback.map(feedback))
        o.fields["serviceActions"] = .list(c.serviceActions.map(serviceAction))
        o.fields["contacts"] = .list(c.contacts.map(contact))
        o.fields["surveys"] = .list(c.surveys.map(survey))
        o.fields["interactions"] = .list(c.interactions.map(interaction))
        return o
    }

    static func transaction(_ t: Transaction) -> TemplateValue {
        .object(TemplateObject(["date": .of(t.date), "product": .of(t.product), "category": .of(t.category),
                                "quantity": .of(t.quantity), "unitPrice": .of(t.unitPrice), "amount": .of(t.amount),
                                "currency": .text(t.effectiveCurrency), "contractNo": .of(t.contractNo)]))
    }

    static func feedback(_ f: Feedback) -> TemplateValue {
        .object(TemplateObject(["receivedAt": .of(f.receivedAt), "category": .of(f.category), "severity": .of(f.severity),
                                "description": .of(f.description), "firstResponseAt": .of(f.firstResponseAt),
                                "resolvedAt": .of(f.resolvedAt), "resolution": .of(f.resolution), "status": .of(f.status),
                                "satisfactionAfter": .of(f.satisfactionAfter), "responseHours": .of(Metrics.responseHours(f)),
                                "open": .bool(f.status == .open || f.status == .inProgress)]))
    }

    static func serviceAction(_ a: ServiceAction) -> TemplateValue {
        .object(TemplateObject(["title": .of(a.title), "cadence": .of(a.cadence), "dueOn": .of(a.dueOn),
                                "doneOn": .of(a.doneOn), "status": .of(a.status), "owner": .of(a.owner),
                                "channel": .of(a.channel)]))
    }

    static func contact(_ c: Contact) -> TemplateValue {
        .object(TemplateObject(["name": .of(c.name), "title": .of(c.title), "phone": .of(c.phone ?? c.mobile),
                                "mobile": .of(c.mobile), "email": .of(c.email), "wechat": .of(c.wechat),
                                "preferredChannel": .of(c.preferredChannel), "birthday": .of(c.birthday),
                                "primary": .bool(c.primary)]))
    }

    static func survey(_ s: Survey) -> TemplateValue {
        .object(TemplateObject(["date": .of(s.date), "method": .of(s.method), "score": .of(s.score),
                                "recommend": .of(s.recommend), "comments": .of(s.comments)]))
    }

    static func interaction(_ i: Interaction) -> TemplateValue {
        .object(TemplateObject(["date": .of(i.date), "channel": .of(i.channel), "kind": .of(i.kind),
                                "summary": .of(i.summary), "owner": .of(i.owner), "nextStep": .of(i.nextStep),
                                "nextDate": .of(i.nextDate)]))
    }

    /// The plan, its lists keyed for `[key]` lookups, KPIs with their live figure (`current`).
    static func plan(_ p: Plan, _ r: MetricsReport) -> TemplateObject {
        let kpis: [TemplateValue] = p.kpis.map { k in
            let current = k.metric.flatMap { r.value(of: $0) }
            return .object(TemplateObject([
                "metric": .of(k.metric), "name": .text(k.name ?? k.metric?.labels.zhHans ?? ""),
                "baseline": .of(k.baseline), "target": .of(k.target), "actual": .of(k.actual ?? current),
                "current": .of(current), "unit": .of(k.unit ?? k.metric?.unit.map(unitText)), "dueOn": .of(k.dueOn),
                "achieved": achievement(k, current),
            ], key: k.metric == .custom || k.metric == nil ? k.name : k.metric?.rawValue))
        }
        return TemplateObject([
            "id": .text(p.id), "kind": .of(p.kind), "title": .text(p.title), "periodStart": .of(p.periodStart),
            "periodEnd": .of(p.periodEnd), "customerId": .of(p.customerId?.rawValue), "owner": .of(p.owner),
            "goals": .list(p.goals.map { .text($0) }), "background": .of(p.background),
            "problems": .list(p.problems.map { .text($0) }),
            "strategies": .list(p.strategies.map { s in .object(TemplateObject(
                ["title": .of(s.title), "description": .of(s.description), "segment": .of(s.segment)],
                key: s.segment?.rawValue)) }),
            "phases": .list(p.phases.map { ph in .object(TemplateObject(
                ["name": .of(ph.name), "start": .of(ph.start), "end": .of(ph.end),
                 "tasks": .list(ph.tasks.map { .text($0) })], key: ph.name)) }),
            "kpis": .list(kpis),
            "risks": .list(p.risks.map { k in .object(TemplateObject(
                ["risk": .of(k.risk), "likelihood": .of(k.likelihood), "impact": .of(k.impact),
                 "countermeasure": .of(k.countermeasure)], key: k.risk)) }),
            "budget": .list(p.budget.map { b in .object(TemplateObject(["item": .of(b.item), "amount": .of(b.amount)], key: b.item)) }),
            "budgetTotal": .number(p.budget.compactMap(\.amount).reduce(0, +)),
            "careProcess": .list(p.careProcess.map { c in .object(TemplateObject(
                ["step": .of(c.step), "cadence": .of(c.cadence), "owner": .of(c.owner)], key: c.step)) }),
            "months": p.periodStart.flatMap { s in p.periodEnd.flatMap { Period(start: s, end: $0) } }.map { .number($0.months) } ?? .null,
        ], key: p.id)
    }

    /// The share of the target reached (in %), for KPIs where more is better; churn and response time invert.
    static func achievement(_ k: KPI, _ current: Decimal?) -> TemplateValue {
        guard let target = k.target, target != 0, let actual = k.actual ?? current else { return .null }
        switch k.metric {
        case .churnRate?, .firstResponseHours?:
            return actual == 0 ? .number(100) : .number(target * 100 / actual)
        default:
            return .number(actual * 100 / target)
        }
    }

    static func unitText(_ u: String) -> String {
        switch u {
        case "%": "%"
        case "% a month": "%/月"
        case "hours": "小时"
        default: u
        }
    }

    static func metrics(_ r: MetricsReport) -> TemplateObject {
        TemplateObject([
            "customers": .of(r.customers), "key_accounts": .of(r.keyAccounts), "active_customers": .of(r.activeCustomers),
            "revenue": .number(r.revenue), "sales_growth": .of(r.salesGrowth), "satisfaction": .of(r.satisfaction),
            "csat": .of(r.csat), "repurchase_rate": .of(r.repurchaseRate), "churn_rate": .of(r.churnRate),
            "churn_share": .of(r.churn?.share), "churned": .of(r.churn?.churned), "churn_base": .of(r.churn?.base),
            "retention_rate": .of(r.retentionRate), "referral_rate": .of(r.referralRate), "nps": .of(r.nps),
            "first_response_hours": .of(r.firstResponseHours), "clv": .of(r.clv),
            "segments": .list(segments(r, nil)), "lifecycles": .list(lifecycles(r)),
        ])
    }

    static func segments(_ r: MetricsReport, _ plan: Plan?) -> [TemplateValue] {
        r.segments.map { s in
            let strategy = plan?.strategies.first { $0.segment == s.segment }
            return .object(TemplateObject([
                "segment": .of(s.segment), "customers": .of(s.customers), "count": .of(s.customers),
                "revenue": .number(s.revenue), "revenueShare": .of(s.revenueShare), "customerShare": .of(s.customerShare),
                "clv": .of(s.clv), "strategy": .of(strategy.map { [$0.title, $0.description].compactMap { $0 }.joined(separator: "：") }),
            ], key: s.segment.rawValue))
        }
    }

    static func lifecycles(_ r: MetricsReport) -> [TemplateValue] {
        r.lifecycles.map { l in
            .object(TemplateObject(["stage": .of(l.stage), "customers": .of(l.customers), "count": .of(l.customers),
                                    "share": .of(l.share)], key: l.stage.rawValue))
        }
    }
}

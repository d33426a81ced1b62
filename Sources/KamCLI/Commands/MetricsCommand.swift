import ArgumentParser
import Foundation
import KamAnalytics
import KamModel
import KamStore
import KamWorkspace

/// `kam metrics [--period P] [--json]`: MODEL.md's metrics over the workspace's customers.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Compute satisfaction, repurchase, churn/retention, referral/NPS, response time, CLV and segments.",
        discussion: """
            PERIOD is 2025, 2025Q3, 2025-03, 2025-03-15 or FROM..TO (e.g. 2024Q4..2025Q2). Without --period: the \
            calendar year of the latest transaction in the store. Rates are percentages; churn_rate is % a month, \
            a linear approximation (the period's churn share ÷ its months).
            """)

    @Option(help: "The period: 2025, 2025Q3, 2025-03 or FROM..TO.") var period: String?
    @Flag(help: "Print the figures as JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let (customers, config) = try KamError.rethrowing {
            let workspace = try Workspace.locate(explicit: global.workspace)
            return (try workspace.openStore().fetchCustomers(), MetricsConfiguration(workspace.configuration.metrics))
        }
        let p = try Self.resolvePeriod(period, customers: customers)
        let report = MetricsReport(customers: customers, period: p, configuration: config)
        if json {
            FileHandle.standardOutput.write(MetricsJSON.encode(report))
        } else {
            print(MetricsText.render(report, global.language))
        }
    }

    /// The period given, or the calendar year of the latest transaction (today's year without any).
    static func resolvePeriod(_ text: String?, customers: [Customer]) throws -> Period {
        if let text {
            do { return try Period.parse(text) } catch {
                throw KamError(code: "bad-period",
                               zh: "无法理解的期间：\(text)（应为 2025、2025Q3、2025-03 或 起..止）",
                               en: "cannot read the period \(text) (expected 2025, 2025Q3, 2025-03 or FROM..TO)")
            }
        }
        let latest = customers.flatMap(\.transactions).compactMap(\.date).max()
        let year = latest?.year ?? Calendar(identifier: .gregorian).component(.year, from: Date())
        return Period.year(year) ?? Period(start: LocalDate(dayNumber: 0), end: LocalDate(dayNumber: 0))!
    }
}

extension MetricsConfiguration {
    /// The metric settings of a workspace's kam.yaml.
    init(_ m: WorkspaceConfiguration.Metrics) {
        self.init()
        churnWindowDays = m.churnWindowDays
        lifecycleNewDays = m.lifecycleNewDays
        lifecycleActiveDays = m.lifecycleActiveDays
        clvLifetimeYears = m.clvLifetimeYears
        clvMargin = m.clvMargin
        csatThreshold = m.csatThreshold
        segmentScheme = m.segmentScheme == .rfmEightClass ? .rfmEightClass : .fourClass
        segmentRanking = m.segmentThresholds == .fixed
            ? .fixed(revenue: m.segmentRevenueBreaks, frequency: m.segmentFrequencyBreaks) : .terciles
        segmentWindowMonths = m.segmentWindowMonths
    }
}

/// The JSON form of a metrics report: snake_case keys named as MODEL.md's KPI metrics, numbers rounded to 2
/// decimals, absent figures left out.
enum MetricsJSON {
    static func encode(_ r: MetricsReport) -> Data {
        func num(_ d: Decimal?) -> Any? { d.flatMap { $0.jsonNumberText(scale: 2) }.map { RawNumber($0) } }
        var o: [(String, Any?)] = [
            ("period", ["from": r.period.start.iso, "to": r.period.end.iso] as [String: Any]),
            ("customers", r.customers), ("key_accounts", r.keyAccounts), ("active_customers", r.activeCustomers),
            ("revenue", num(r.revenue)), ("sales_growth", num(r.salesGrowth)),
            ("satisfaction", num(r.satisfaction)), ("csat", num(r.csat)), ("repurchase_rate", num(r.repurchaseRate)),
            ("churn_rate", num(r.churnRate)), ("retention_rate", num(r.retentionRate)),
            ("referral_rate", num(r.referralRate)), ("nps", num(r.nps)),
            ("first_response_hours", num(r.firstResponseHours)), ("clv", num(r.clv)),
        ]
        if let c = r.churn {
            o.append(("churn", [("base", c.base), ("churned", c.churned), ("share", num(c.share))] as [(String, Any?)]))
        }
        o.append(("segments", r.segments.map { s -> [(String, Any?)] in
            [("segment", s.segment.rawValue), ("customers", s.customers), ("revenue", num(s.revenue)),
             ("revenue_share", num(s.revenueShare)), ("clv", num(s.clv))]
        }))
        o.append(("lifecycle", r.lifecycles.map { l -> [(String, Any?)] in
            [("stage", l.stage.rawValue), ("customers", l.customers), ("share", num(l.share))]
        }))
        o.append(("customer_segments", r.perCustomer.compactMap { c -> [(String, Any?)]? in
            [("id", c.id.rawValue), ("segment", c.segment?.rawValue), ("lifecycle", c.lifecycle.rawValue)]
        }))
        var out = ""
        write(o, into: &out, indent: "")
        return Data((out + "\n").utf8)
    }

    /// Number text written as is.
    struct RawNumber { var text: String; init(_ t: String) { text = t } }

    private static func write(_ value: Any?, into out: inout String, indent: String) {
        let inner = indent + "  "
        switch value {
        case let pairs as [(String, Any?)]:
            let kept = pairs.filter { $0.1 != nil }
            out += "{\n"
            for (i, (k, v)) in kept.enumerated() {
                out += inner + quote(k) + ": "
                write(v, into: &out, indent: inner)
                out += i == kept.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case let dict as [String: Any]:
            write(dict.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) }, into: &out, indent: indent)
        case let list as [[(String, Any?)]]:
            out += "[\n"
            for (i, v) in list.enumerated() {
                out += inner
                write(v, into: &out, indent: inner)
                out += i == list.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case let n as RawNumber: out += n.text
        case let n as Int: out += String(n)
        case let s as String: out += quote(s)
        default: out += "null"
        }
    }

    private static func quote(_ s: String) -> String {
        var o = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": o += "\\\""
            case "\\": o += "\\\\"
            case "\n": o += "\\n"
            default: o += u.value < 0x20 ? String(format: "\\u%04x", u.value) : String(u)
            }
        }
        return o + "\""
    }
}

/// The human-readable form of a metrics report.
enum MetricsText {
    static func render(_ r: MetricsReport, _ lang: Language) -> String {
        func f(_ d: Decimal?, _ unit: String = "") -> String {
            guard let t = d?.jsonNumberText(scale: 2) else { return "—" }
            return t + unit
        }
        let zh = lang == .zh
        var lines: [String] = []
        lines.append(zh ? "期间 \(r.period.start.iso) 至 \(r.period.end.iso)" : "Period \(r.period.start.iso) to \(r.period.end.iso)")
        let rows: [(String, String, String)] = [
            ("客户数", "Customers", "\(r.customers)（\(zh ? "重点" : "key") \(r.keyAccounts)，\(zh ? "本期有交易" : "buying") \(r.activeCustomers)）"),
            ("销售额", "Revenue", f(r.revenue)),
            ("销售额增长", "Sales growth", f(r.salesGrowth, "%")),
            ("客户满意度（平均分）", "Satisfaction (mean score)", f(r.satisfaction)),
            ("满意客户占比", "CSAT", f(r.csat, "%")),
            ("复购率", "Repurchase rate", f(r.repurchaseRate, "%")),
            ("客户流失率（每月，线性近似）", "Churn rate (a month, linear approx.)", f(r.churnRate, "%")),
            ("客户留存率", "Retention rate", f(r.retentionRate, "%")),
            ("推荐率", "Referral rate", f(r.referralRate, "%")),
            ("净推荐值", "NPS", f(r.nps)),
            ("投诉首次响应时长（中位数，小时）", "First response (median hours)", f(r.firstResponseHours)),
            ("客户终身价值（平均）", "CLV (mean)", f(r.clv)),
        ]
        for (z, e, v) in rows { lines.append("  \(zh ? z : e)：\(v)".replacingOccurrences(of: "：", with: zh ? "：" : ": ")) }
        lines.append(zh ? "客户分类（计算）" : "Segments (computed)")
        for s in r.segments {
            lines.append("  \(zh ? s.segment.labels.zhHans : s.segment.labels.en)：\(s.customers)，\(f(s.revenue))，\(f(s.revenueShare, "%"))"
                .replacingOccurrences(of: "：", with: zh ? "：" : ": ").replacingOccurrences(of: "，", with: zh ? "，" : ", "))
        }
        lines.append(zh ? "生命周期（计算）" : "Lifecycle (computed)")
        for l in r.lifecycles {
            lines.append("  \(zh ? l.stage.labels.zhHans : l.stage.labels.en)\(zh ? "：" : ": ")\(l.customers)")
        }
        return lines.joined(separator: "\n")
    }
}

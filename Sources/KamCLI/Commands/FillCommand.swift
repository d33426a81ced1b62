import ArgumentParser
import Foundation
import KamAnalytics
import KamModel
import KamSheets
import KamStore
import KamTemplates
import KamWorkspace

/// `kam fill TEMPLATE [-o OUT] [--plan ID] [--customer ID] [--period P]`: fills a template from the workspace.
struct FillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Fill a template (.xlsx/.ods with {{…}} bindings) with the workspace's customers, plan and metrics.",
        discussion: """
            The template is edited in place into OUT (default: TEMPLATE-PERIOD.EXT beside the current folder): \
            repeated rows take the template row's style, formulas and merged cells follow, everything else stays. \
            The binding is recorded in a hidden _kam sheet and kam_N defined names so that `kam read OUT` brings \
            what the team types back. See docs/templates.md.
            """)

    @Argument(help: "The template workbook.") var template: String
    @Option(name: .shortAndLong, help: "The filled workbook to write.") var output: String?
    @Option(help: "The plan to fill (and to read back into); default TEMPLATE-PERIOD.") var plan: String?
    @Option(help: "The customer `customer.…` bindings and per-customer lists refer to.") var customer: String?
    @Option(help: "The period: 2025, 2025Q3, 2025-03 or FROM..TO (default: the year of the latest transaction).")
    var period: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let url = URL(fileURLWithPath: template)
        let stem = url.deletingPathExtension().lastPathComponent
        let (customers, storedPlan, config, imports) = try KamError.rethrowing {
            let workspace = try Workspace.locate(explicit: global.workspace)
            let store = try workspace.openStore()
            return try store.read { r -> ([Customer], [Plan], MetricsConfiguration, [ImportRunSummary]) in
                let runs = try r.importRuns()
                let summaries = try runs.map { run in
                    let log = try r.importLog(runID: run.id)
                    var summary = ImportRunSummary(source: run.source, kind: run.kind, date: run.startedAt.date,
                                         customersAdded: run.customersAdded, customersUpdated: run.customersUpdated,
                                         warnings: log.filter { $0.level == .warning }.count,
                                         errors: log.filter { $0.level == .error }.count)
                    // The cleaning figures (rows read, duplicates merged, values normalised/rejected).
                    for entry in log where entry.code == "import-counts" { summary.takeCounts(entry.message) }
                    return summary
                }
                return (try r.fetchCustomers(), try r.fetchPlans(), MetricsConfiguration(workspace.configuration.metrics), summaries)
            }
        }
        let p = try MetricsCommand.resolvePeriod(period, customers: customers)
        let periodLabel = period ?? String(p.start.year)
        let planID = plan ?? "\(stem)-\(periodLabel)"
        if let customer, !customers.contains(where: { $0.id.rawValue == customer }) {
            throw KamError(code: "unknown-customer", zh: "工作区中没有客户 \(customer)", en: "no customer \(customer) in the workspace")
        }
        let kind = Self.planKind(stem)
        let chosen = storedPlan.first { $0.id == planID }
            ?? Plan(id: planID, kind: kind, title: kind?.labels.zhHans ?? stem, periodStart: p.start, periodEnd: p.end,
                    customerId: customer.map { CustomerID(rawValue: $0) })
        let today = Self.today()
        let data = TemplateData(customers: customers, plan: chosen, period: p,
                                customerID: customer.map { CustomerID(rawValue: $0) }, configuration: config,
                                imports: imports, today: today)
        let out = output ?? "\(stem)-\(periodLabel.replacingOccurrences(of: "..", with: "_")).\(url.pathExtension)"
        let result: TemplateFiller.Result
        do {
            result = try TemplateFiller(data: data, templateName: stem).fill(template: template, output: out)
        } catch {
            throw Self.explain(error, zh: "模板无法填充", en: "cannot fill the template")
        }
        let rows = result.rowsPerBlock.values.reduce(0, +)
        print(global.language.pick(
            zh: "已填充 \(out)：\(result.record.entries.count) 处绑定，\(rows) 行明细；方案 \(planID)",
            en: "filled \(out): \(result.record.entries.count) bindings, \(rows) rows; plan \(planID)"))
    }

    /// A template error as the CLI reports it: spreadsheet errors as they are, the others as a `KamError`.
    static func explain(_ error: any Error, zh: String, en: String) -> any Error {
        guard let t = error as? TemplateError else { return error }
        if case .sheets(let e) = t.reason { return e }
        return KamError(code: "template", zh: "\(zh)：\(t)", en: "\(en): \(t)")
    }

    /// The plan kind a template's file name suggests.
    static func planKind(_ stem: String) -> PlanKind? {
        let s = stem.lowercased()
        if s.contains("summary") || stem.contains("小结") { return .summary }
        if s.contains("annual") || stem.contains("年度") { return .annual }
        if s.contains("maintenance") || stem.contains("维护") { return .maintenance }
        if s.contains("report") || stem.contains("汇报") { return .report }
        if s.contains("key") || stem.contains("重点") { return .keyAccount }
        return nil
    }

    static func today() -> LocalDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return LocalDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(dayNumber: 0)
    }
}

/// `kam read FILE [--dry-run] [--json]`: brings what a team typed into a filled template back into its plan.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read a filled template back: goals, background, strategies, phases, KPIs, risks, budget, care process.",
        discussion: """
            Uses the binding `kam fill` recorded (hidden _kam sheet, kam_N defined names), so it keeps working after \
            rows were inserted, tables re-sorted and the file re-saved by Excel or LibreOffice. The plan is stored \
            under the id recorded at fill time.
            """)

    @Argument(help: "The filled workbook.") var file: String
    @Flag(help: "Show what would be stored without storing it.") var dryRun = false
    @Flag(help: "Print the plan read as JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let workspace = try KamError.rethrowing { try Workspace.locate(explicit: global.workspace) }
        let store = try KamError.rethrowing { try workspace.openStore() }
        let result: TemplateReader.Result
        do {
            let id = try TemplateReader.recordedPlanID(file)
            let base = try KamError.rethrowing { try id.flatMap { i in try store.read { try $0.fetchPlan(id: i) } } }
            let customers = try KamError.rethrowing { try store.read { try $0.fetchCustomers() } }
            result = try TemplateReader().read(file, base: base, customers: customers)
        } catch {
            throw FillCommand.explain(error, zh: "无法读取填好的模板", en: "cannot read the filled template")
        }
        if !dryRun {
            try KamError.rethrowing {
                try store.write { tx in
                    try tx.upsertPlan(result.plan)
                    // What the team changed in a customers table (the key-account table's rows).
                    for c in result.customers { try tx.upsertCustomer(c) }
                }
            }
        }
        if json {
            FileHandle.standardOutput.write(WorkspaceDocument(customers: result.customers, plans: [result.plan]).encoded())
        } else {
            let lists = result.rowsRead.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print(global.language.pick(
                zh: "方案 \(result.plan.id)：读取 \(result.valuesRead) 个值（\(lists)）\(dryRun ? "，未保存（--dry-run）" : "，已保存")",
                en: "plan \(result.plan.id): \(result.valuesRead) values read (\(lists))\(dryRun ? ", not stored (--dry-run)" : ", stored")"))
            if !result.customers.isEmpty {
                print(global.language.pick(zh: "客户：\(result.customers.count) 个有改动或新增\(dryRun ? "（未保存）" : "，已保存")",
                                           en: "customers: \(result.customers.count) changed or added\(dryRun ? " (not stored)" : ", stored")"))
            }
            if !result.fallbacks.isEmpty {
                print(global.language.pick(zh: "注意：\(result.fallbacks.count) 处绑定的定义名称丢失，按 _kam 表记录的位置读取",
                                           en: "note: \(result.fallbacks.count) bindings lost their defined names; read at the positions _kam recorded"))
            }
        }
    }
}

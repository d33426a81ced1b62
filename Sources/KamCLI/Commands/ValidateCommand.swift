import ArgumentParser
import KamAnalytics
import Foundation
import KamContracts
import KamImport
import KamModel
import KamValidation
import KamWorkspace

/// `kam validate [FILE…] [--store] [--format text|json] [--lang zh|en]`: checks sheets (read as an import would,
/// nothing written), the store, or both (then a sheet value differing from the store's is a `conflicting-value`).
/// Exits 1 when there are errors.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check spreadsheets and/or the store against the model's rules (kam.report/1 with --format json).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Spreadsheets to check (.xlsx, .xlsm, .ods).")
    var files: [String] = []

    @Flag(help: "Check the workspace's store.")
    var store = false

    @Option(help: "Output: text or json (kam.report/1).")
    var format: Format = .text

    @Option(help: "A mapping profile (YAML).")
    var profile: String?

    @Option(help: "Check only this sheet.")
    var sheet: String?

    @Option(help: "Write a copy of the (single) input with the findings marked in it.")
    var annotate: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if files.isEmpty && !store {
            throw ValidationError("give spreadsheets to check, or --store")
        }
    }

    func run() throws {
        let lang = global.language
        // The workspace is optional for sheets: its kam.yaml gives the rules' parameters when there is one.
        let workspace: Workspace? = store ? try KamError.rethrowing { try Workspace.locate(explicit: global.workspace) }
            : (try? Workspace.locate(explicit: global.workspace))
        let settings = workspace.map { ValidationSettings(configuration: $0.configuration) } ?? ValidationSettings()
        var extraction = Extraction()
        if !files.isEmpty {
            extraction = try RecordExtractor(profile: try loadProfile(profile)).extract(paths: files, sheet: sheet)
        }
        var input = ValidationInput(customers: extraction.customers + extraction.orphans, rows: extraction.rows)
        if store, let workspace {
            let storeHandle = try KamError.rethrowing { try workspace.openStore() }
            let stored = try KamError.rethrowing { try storeHandle.fetchCustomers() }
            if files.isEmpty {
                input = ValidationInput(customers: stored)
                // The store's own checks: stated vs computed segments (as of the latest transaction), plans.
                let latest = stored.flatMap { $0.transactions.compactMap(\.date) }.max()
                if let latest {
                    let computed = Segmentation.compute(stored, asOf: latest,
                                                        configuration: MetricsConfiguration(workspace.configuration.metrics))
                    input.computedSegments = Dictionary(uniqueKeysWithValues: computed.map { ($0.key.rawValue, $0.value) })
                }
                input.plans = (try? storeHandle.fetchPlans()) ?? []
            } else {
                input.storeCustomers = stored
            }
        }
        let findings = Validator(settings: settings).validate(input, extra: extraction.findings)
        let records = files.isEmpty ? input.customers.count : extraction.rows.count
        let report = ReportDocument(findings: findings, records: records, lang: lang)
        switch format {
        case .json:
            FileHandle.standardOutput.write(Data((report.json.serialized() + "\n").utf8))
        case .text:
            print(FindingsText.render(findings, lang: lang, color: isatty(STDOUT_FILENO) != 0))
        }
        if let annotate {
            guard files.count == 1, let input = files.first else {
                throw KamError(code: "annotate-one-file", zh: "--annotate 只能用于一个输入文件", en: "--annotate takes exactly one input file")
            }
            try ValidationAnnotator.annotate(findings, input: input, output: annotate, lang: lang) {
                FindingMessages.message($0, lang)
            }
        }
        if findings.contains(where: { $0.severity == .error }) { throw FindingsExit() }
    }
}

extension ValidationSettings {
    /// The settings of a workspace's kam.yaml.
    init(configuration c: WorkspaceConfiguration) {
        let v = c.validation
        self.init(requiredFields: v.requiredFields, keyAccountRequires: v.keyAccountRequires, slaHours: v.slaHours,
                  totalTolerance: NSDecimalNumber(decimal: v.totalMismatchTolerance).doubleValue)
    }
}

extension ReportDocument {
    /// The report of findings, messages in `lang`.
    init(findings: [KamValidation.Finding], records: Int, lang: Language) {
        let items = findings.map { f in
            ReportDocument.Finding(code: f.code.rawValue, severity: f.severity.rawValue, file: f.location?.file,
                                   sheet: f.location?.sheet, cell: f.location?.cell, record: f.record, field: f.field,
                                   message: FindingMessages.message(f, lang), value: f.value, expected: f.expected,
                                   related: f.related.map { r in
                                       ReportDocument.Place(file: r.location?.file, sheet: r.location?.sheet,
                                                            cell: r.location?.cell, value: r.value)
                                   })
        }
        self.init(summary: Summary(records: records, errors: findings.filter { $0.severity == .error }.count,
                                   warnings: findings.filter { $0.severity == .warning }.count,
                                   infos: findings.filter { $0.severity == .info }.count),
                  findings: items)
    }
}

/// The text form of a report: grouped by file and sheet, then code; `Sheet!Cell  message  value`.
enum FindingsText {
    static func render(_ findings: [Finding], lang: Language, color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out: [String] = []
        var groups: [(String, [Finding])] = []
        for f in findings {
            let key = f.location.map { "\($0.file) · \($0.sheet)" } ?? lang.pick(zh: "客户库", en: "store")
            if let i = groups.firstIndex(where: { $0.0 == key }) { groups[i].1.append(f) } else { groups.append((key, [f])) }
        }
        for (key, list) in groups {
            out.append(paint("== \(key)", "1"))
            var codes: [String] = []
            for f in list where !codes.contains(f.code.rawValue) { codes.append(f.code.rawValue) }
            for code in codes {
                let items = list.filter { $0.code.rawValue == code }
                let sev = items[0].severity
                let tag = paint("\(sev.rawValue) \(code) (\(items.count))", sev == .error ? "31" : sev == .warning ? "33" : "36")
                out.append("  " + tag)
                for f in items {
                    let at = f.location.map { "\($0.sheet)!\($0.cell)" } ?? (f.record ?? "")
                    let value = f.value.map { "  [\($0)]" } ?? ""
                    out.append("    \(at)  \(FindingMessages.message(f, lang))\(value)")
                }
            }
        }
        let e = findings.filter { $0.severity == .error }.count, w = findings.filter { $0.severity == .warning }.count
        let i = findings.count - e - w
        out.append(lang.pick(zh: "\(e) 个错误，\(w) 个警告，\(i) 条提示", en: "\(e) errors, \(w) warnings, \(i) infos"))
        return out.joined(separator: "\n")
    }
}

import Foundation
import KamModel
import KamSheets
import KamTestSupport
import Testing

/// The example workspace the template tests fill from: `kam init`, `kam import Examples/*` (as scripts/demo.sh does)
/// and one plan per template (Tests/Fixtures/templates/plans.json, ids `TEMPLATE-2024`).
struct ExampleWorkspace {
    static let templates = ["key-accounts", "plan-summary", "annual-plan", "maintenance-plan", "management-report"]
    let folder: String
    var args: [String] { ["--workspace", folder] }
    /// What `kam import` said of each example (by file name): rows read, duplicate rows merged, values normalised,
    /// values rejected.
    var cleaning: [String: [Double]] = [:]

    init(in dir: TemporaryDirectory) throws {
        folder = dir.file("ws")
        try Self.ok(KamProcess.kam(["init", folder]))
        let examples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.example(""))
            .filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".ods") }.sorted().map { Fixtures.example($0) }
        #expect(examples.count == 3)
        let imported = try Self.ok(KamProcess.kam(["import"] + examples + ["--workspace", folder, "--lang", "en"]))
        // `FILE: 3 sheets, 113 rows read; … 0 duplicate rows merged, 169 values normalised, 3 rejected`
        for line in imported.stderr.split(separator: "\n") {
            guard let colon = line.range(of: ": ") else { continue }
            let file = (String(line[..<colon.lowerBound]) as NSString).lastPathComponent
            let words = line[colon.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" })
            func before(_ w: String) -> Double? {
                words.firstIndex { $0 == w }.flatMap { $0 > 0 ? Double(words[$0 - 1]) : nil }
            }
            let rows = words.firstIndex(of: "rows").flatMap { $0 > 0 ? Double(words[$0 - 1]) : nil }
            if let rows, let dup = before("duplicate"), let norm = before("values"), let rej = before("rejected") {
                cleaning[file] = [rows, dup, norm, rej]
            }
        }
        try Self.ok(KamProcess.kam(["import", Fixtures.path("templates/plans.json"), "--workspace", folder]))
    }

    /// Fills `Templates/NAME.EXT` with the plan `NAME-2024` into `out`.
    func fill(_ name: String, _ ext: String, to out: String, template: String? = nil, period: String = "2024") throws {
        let t = template ?? Fixtures.packageRoot.appendingPathComponent("Templates/\(name).\(ext)").path
        try Self.ok(KamProcess.kam(["fill", t, "-o", out, "--plan", "\(name)-2024", "--period", period] + args))
    }

    /// The store as `kam export --json` prints it.
    func export() throws -> Data {
        let r = try KamProcess.kam(["export", "--json"] + args)
        try Self.ok(r)
        return r.stdoutData
    }

    /// The store's plans.
    func plans() throws -> [String: Plan] {
        Dictionary(uniqueKeysWithValues: try Self.plans(in: export()).map { ($0.id, $0) })
    }

    /// The plans of a `kam.workspace/1` document.
    static func plans(in json: Data) throws -> [Plan] {
        struct Doc: Decodable { var plans: [Plan]? }
        return try JSONDecoder().decode(Doc.self, from: json).plans ?? []
    }

    @discardableResult
    static func ok(_ r: ProcessResult, _ what: String = "") throws -> ProcessResult {
        guard r.status == 0 else {
            throw ExternalTool.Missing(description: "kam failed (\(r.status)) \(what): \(r.stderr) \(r.stdout.suffix(400))")
        }
        return r
    }
}

/// Where a filled copy's bindings sit now: its `_kam` record read through the `kam_N` defined names.
struct FilledBindings {
    struct Binding {
        var kind: String
        var text: String
        var columns: [String]
        var sheet: String
        var first: CellReference
        var last: CellReference
    }

    let workbook: Workbook
    let bindings: [Binding]
    /// Row 1 of `_kam`.
    let header: [String]

    init(_ path: String) throws {
        workbook = try Workbooks.open(path).readWorkbook()
        let record = try #require(workbook.sheet(named: "_kam"), "no _kam sheet in \(path)")
        var grid: [Int: [Int: String]] = [:]
        for c in record.cells { if let v = c.value { grid[c.row, default: [:]][c.column] = v.text } }
        header = (0...((grid[0]?.keys.max()) ?? 0)).map { grid[0]?[$0] ?? "" }
        var names: [String: String] = [:]
        for n in workbook.definedNames { names[n.name] = n.formula }
        var out: [Binding] = []
        for r in grid.keys.sorted() where r >= 2 {
            let row = grid[r] ?? [:]
            guard let name = row[0], let kind = row[1] else { continue }
            let formula = try #require(names[name], "the defined name \(name) is missing")
            let bang = try #require(formula.lastIndex(of: "!"))
            var sheet = String(formula[..<bang])
            if sheet.hasPrefix("'") { sheet = String(sheet.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") }
            let ends = formula[formula.index(after: bang)...].replacingOccurrences(of: "$", with: "").split(separator: ":")
                .map { String($0.split(separator: "!").last ?? "") }
            let first = try #require(CellReference(a1: ends[0]))
            let last = ends.count > 1 ? try #require(CellReference(a1: ends[1])) : first
            let lastColumn = row.keys.max() ?? 4
            let columns = lastColumn >= 5 ? (5...lastColumn).map { row[$0] ?? "" } : []
            out.append(Binding(kind: kind, text: row[4] ?? "", columns: columns, sheet: sheet, first: first, last: last))
        }
        bindings = out
    }

    func cell(_ sheet: String, _ ref: CellReference) -> CellValue? {
        workbook.sheet(named: sheet)?.cells.first { $0.row == ref.row && $0.column == ref.column }?.value
    }

    /// The value of the single cell bound to exactly `text` (e.g. `{{metrics.nps}}`).
    func value(_ text: String) throws -> CellValue? {
        let b = try #require(bindings.first { $0.kind == "value" && $0.text == text }, "no binding \(text)")
        return cell(b.sheet, b.first)
    }

    /// The rows of the `nth` block whose directive starts with `collection`, as column tag (`.id`) → value.
    func rows(_ collection: String, nth: Int = 0) throws -> [[String: CellValue]] {
        let blocks = bindings.filter { $0.kind == "each" && $0.text.split(separator: " ").first.map(String.init) == collection }
        try #require(blocks.count > nth, "no block \(collection) #\(nth)")
        let b = blocks[nth]
        return (b.first.row...b.last.row).map { r in
            var row: [String: CellValue] = [:]
            for (i, t) in b.columns.enumerated() where !t.isEmpty {
                // The column's own tag: `{{#each …}}{{.id}}` → `.id`, `{{.revenue | money}}` → `.revenue`.
                let tag = t.components(separatedBy: "{{").last?.components(separatedBy: "}}").first?
                    .split(separator: "|").first?.trimmingCharacters(in: .whitespaces) ?? t
                if let v = cell(b.sheet, CellReference(row: r, column: b.first.column + i)) { row[tag] = v }
            }
            return row
        }
    }
}

extension CellValue {
    var number: Double? { if case .number(let d) = self { d } else { nil } }
}

/// MODEL.md's metrics recomputed here, in plain Swift, from the example store as `kam export --json` prints it —
/// independently of KamAnalytics — to check the figures the filled templates show.
struct ExampleFigures {
    struct Tx { var customer: String; var day: Int; var amount: Double }
    var customers: [[String: Any]]
    var txs: [Tx]
    var keyAccounts: [[String: Any]] { customers.filter { $0["keyAccount"] as? Bool == true } }

    init(exportJSON: Data) throws {
        let doc = try #require(try JSONSerialization.jsonObject(with: exportJSON) as? [String: Any])
        customers = doc["customers"] as? [[String: Any]] ?? []
        txs = customers.flatMap { c -> [Tx] in
            (c["transactions"] as? [[String: Any]] ?? []).compactMap { t in
                guard let d = (t["date"] as? String).flatMap(Self.day), let a = t["amount"] as? Double ?? (t["amount"] as? Int).map(Double.init)
                else { return nil }
                return Tx(customer: c["id"] as? String ?? "", day: d, amount: a)
            }
        }
    }

    /// Days since 1970-01-01 of an ISO date (`2024-03-05`, or the date part of a date-time).
    static func day(_ iso: String) -> Int? {
        let p = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let d = cal.date(from: DateComponents(year: p[0], month: p[1], day: p[2])) else { return nil }
        return Int((d.timeIntervalSince1970 / 86_400).rounded())
    }

    static func seconds(_ iso: String) -> Double? {
        guard let d = day(iso) else { return nil }
        let t = iso.dropFirst(11).split(separator: ":").compactMap { Double($0) }
        return Double(d) * 86_400 + (t.count > 0 ? t[0] * 3600 : 0) + (t.count > 1 ? t[1] * 60 : 0) + (t.count > 2 ? t[2] : 0)
    }

    func inPeriod(_ from: Int, _ to: Int) -> [Tx] { txs.filter { $0.day >= from && $0.day <= to } }

    func revenue(_ from: Int, _ to: Int) -> Double { inPeriod(from, to).reduce(0) { $0 + $1.amount } }

    /// Customers with ≥ 2 transactions ÷ those with ≥ 1, in %.
    func repurchaseRate(_ from: Int, _ to: Int) -> Double? {
        let counts = Dictionary(grouping: inPeriod(from, to), by: \.customer).mapValues(\.count)
        return counts.isEmpty ? nil : Double(counts.values.filter { $0 >= 2 }.count) * 100 / Double(counts.count)
    }

    /// The median hours to a first response of feedback received in the period.
    func firstResponseHours(_ from: Int, _ to: Int) -> Double? {
        let hours = customers.flatMap { $0["feedback"] as? [[String: Any]] ?? [] }.compactMap { f -> Double? in
            guard let r = f["receivedAt"] as? String, let d = Self.day(r), d >= from, d <= to,
                  let a = Self.seconds(r), let b = (f["firstResponseAt"] as? String).flatMap(Self.seconds), b >= a else { return nil }
            return (b - a) / 3600
        }.sorted()
        guard !hours.isEmpty else { return nil }
        return hours.count % 2 == 1 ? hours[hours.count / 2] : (hours[hours.count / 2 - 1] + hours[hours.count / 2]) / 2
    }

    /// Mean survey score in the period (nil without surveys).
    func satisfaction(_ from: Int, _ to: Int) -> Double? {
        let scores = customers.flatMap { $0["surveys"] as? [[String: Any]] ?? [] }.compactMap { s -> Double? in
            guard let d = (s["date"] as? String).flatMap(Self.day), d >= from, d <= to else { return nil }
            return s["score"] as? Double ?? (s["score"] as? Int).map(Double.init)
        }
        return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
    }

    /// churn share (%), of the customers buying in the 12 months before `from`, those with nothing in the last
    /// 180 days up to `to`.
    func churnShare(from: Int, to: Int, yearBefore: Int) -> Double? {
        let base = Set(txs.filter { $0.day >= yearBefore && $0.day < from }.map(\.customer))
        guard !base.isEmpty else { return nil }
        let recent = Set(txs.filter { $0.day > to - 180 && $0.day <= to }.map(\.customer))
        return Double(base.subtracting(recent).count) * 100 / Double(base.count)
    }

    /// Per customer: transactions count and revenue in the period.
    func perCustomer(_ from: Int, _ to: Int) -> [String: (count: Int, revenue: Double)] {
        Dictionary(grouping: inPeriod(from, to), by: \.customer).mapValues { ($0.count, $0.reduce(0) { $0 + $1.amount }) }
    }

    /// The four-class segment of each customer buying in the period (terciles of revenue and count).
    func segments(_ from: Int, _ to: Int) -> [String: String] {
        let per = perCustomer(from, to)
        let ms = per.values.map(\.revenue), fs = per.values.map { Double($0.count) }
        func tercile(_ v: Double, _ all: [Double]) -> Int { min(3, 1 + 3 * all.filter { $0 < v }.count / all.count) }
        return per.mapValues { p in
            let m = tercile(p.revenue, ms), f = tercile(Double(p.count), fs)
            if m == 3 && f == 3 { return "important_value" }
            if m == 3 || f == 3 { return "important_development" }
            if m == 1 && f == 1 { return "low_value" }
            return "general_value"
        }
    }

    /// prospect / new / active / churned on `asOf`.
    func lifecycle(asOf: Int) -> [String: Int] {
        var out = ["prospect": 0, "new": 0, "active": 0, "churned": 0]
        for c in customers {
            let days = txs.filter { $0.customer == c["id"] as? String && $0.day <= asOf }.map(\.day)
            guard let first = days.min(), let last = days.max() else { out["prospect", default: 0] += 1; continue }
            if asOf - first <= 90 { out["new", default: 0] += 1 } else if asOf - last <= 180 { out["active", default: 0] += 1 } else { out["churned", default: 0] += 1 }
        }
        return out
    }
}

/// LibreOffice over many files in one run (one start-up for all of them).
enum LibreOfficeBatch {
    /// Converts every file to `format` into `folder` with one soffice call; returns the paths written, by input.
    static func convert(_ files: [String], to format: String, in folder: String) throws -> [String: String] {
        guard KamProcess.has("soffice") else {
            throw ExternalTool.Missing(description: "LibreOffice is needed: apt-get install -y libreoffice-calc-nogui")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("kam-lo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let r = try KamProcess.run("soffice", ["-env:UserInstallation=file://" + profile.path, "--headless",
                                               "--convert-to", format, "--outdir", folder] + files, timeout: 600)
        let ext = String(format.split(separator: ":").first ?? Substring(format))
        var out: [String: String] = [:]
        for f in files {
            let p = folder + "/" + ((f as NSString).lastPathComponent as NSString).deletingPathExtension + "." + ext
            if FileManager.default.fileExists(atPath: p) { out[f] = p }
        }
        guard r.status == 0 else {
            throw ExternalTool.Missing(description: "soffice failed (\(r.status)): \(r.stderr.suffix(800))")
        }
        return out
    }
}

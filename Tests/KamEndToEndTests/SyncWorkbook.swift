import Foundation
import KamTestSupport
import Testing

/// The formats of the key-account workbook that sync scenarios run on.
enum SyncFormat: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case xlsx, ods
    var testDescription: String { rawValue.uppercased() }
}

/// A value the team types into a cell.
enum TypedValue: Sendable, ExpressibleByStringLiteral {
    case text(String)
    case number(Double)
    /// `YYYY-MM-DD`.
    case date(String)
    case empty

    init(stringLiteral value: String) { self = .text(value) }
}

/// An edit the team makes in its spreadsheet program. XLSX edits are made by openpyxl; ODS edits by `kam edit`
/// (cells, rows) and Tests/Fixtures/scripts/ods_rename_sheet.py (a sheet's name).
enum SheetEdit: Sendable {
    /// Sets a cell (A1 reference).
    case set(_ sheet: String, _ cell: String, _ value: TypedValue)
    /// Inserts an empty row before `row` (1-based, as the user sees it).
    case insertRow(_ sheet: String, before: Int)
    /// Deletes a row (1-based).
    case deleteRow(_ sheet: String, _ row: Int)
    case rename(_ sheet: String, to: String)
    /// Deletes a column (its letter), moving the ones after it left.
    case deleteColumn(_ sheet: String, _ column: String)
    /// Sorts the data rows (2…last) in reverse, moving values (as a sort does), not rows.
    case reverseRows(_ sheet: String)
}

/// A workspace (`kam init`, the document imported) with the key-account workbook exported in one format and bound,
/// and the ways scenarios change and look at both sides.
struct SyncWorkbook {
    let dir: String
    let format: SyncFormat
    var file: String { "ka." + format.rawValue }
    var path: String { dir + "/" + file }

    /// A new workspace with `document` imported and `ka.xlsx` / `ka.ods` exported.
    init(_ format: SyncFormat, document: String = SyncScenarioTests.document) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kam-sync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        self.dir = dir
        self.format = format
        _ = try KamProcess.kam(["init", "."], in: dir)
        try document.write(toFile: dir + "/doc.json", atomically: true, encoding: .utf8)
        let imported = try KamProcess.kam(["import", "doc.json"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try KamProcess.kam(["export", file], in: dir)
        #expect(exported.status == 0, "\(exported.stderr)")
    }

    /// The workbook of an existing workspace.
    init(dir: String, format: SyncFormat) {
        self.dir = dir
        self.format = format
    }

    // MARK: - The sheet side

    /// Makes the edits as a spreadsheet program would, in order, and saves.
    func edit(_ edits: [SheetEdit]) throws {
        switch format {
        case .xlsx: try py(edits.map(Self.openpyxl).joined(separator: "\n"))
        case .ods: try editODS(edits)
        }
    }

    /// Runs openpyxl on the XLSX workbook: `wb` is the workbook, `ws` its 重点客户 sheet; saved after `body`.
    func py(_ body: String) throws {
        precondition(format == .xlsx, "openpyxl edits XLSX only")
        let script = "import openpyxl, datetime\nwb=openpyxl.load_workbook('\(file)')\nws=wb['重点客户']\n" + body
            + "\nwb.save('\(file)')\n"
        let r = try KamProcess.run("python3", ["-c", script], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    private static func pyString(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s])) ?? Data("[\"\"]".utf8)
        return String(decoding: data, as: UTF8.self)  // a one-element list: json's escaping is Python's too
            + "[0]"
    }

    private static func openpyxl(_ edit: SheetEdit) -> String {
        switch edit {
        case .set(let sheet, let cell, let value):
            let v: String
            switch value {
            case .text(let s): v = pyString(s)
            case .number(let d): v = "\(d)"
            case .date(let iso): v = "datetime.date.fromisoformat('\(iso)')"
            case .empty: v = "None"
            }
            return "wb[\(pyString(sheet))]['\(cell)']=\(v)"
        case .insertRow(let sheet, let row): return "wb[\(pyString(sheet))].insert_rows(\(row))"
        case .deleteRow(let sheet, let row): return "wb[\(pyString(sheet))].delete_rows(\(row))"
        case .rename(let sheet, let new): return "wb[\(pyString(sheet))].title=\(pyString(new))"
        case .deleteColumn(let sheet, let column):
            return "wb[\(pyString(sheet))].delete_cols(openpyxl.utils.column_index_from_string('\(column)'))"
        case .reverseRows(let sheet):
            return """
            s=wb[\(pyString(sheet))]
            rows=[[c.value for c in r] for r in s.iter_rows(min_row=2)]
            rows.reverse()
            for i,r in enumerate(rows):
                for j,v in enumerate(r): s.cell(row=2+i,column=1+j,value=v)
            """
        }
    }

    /// One `kam edit` run per group of edits that take the same `--string` choice (text is always text, as in
    /// a spreadsheet program's cell typed as text), renames by the stdlib helper.
    private func editODS(_ edits: [SheetEdit]) throws {
        var group: [String] = []
        var groupIsText: Bool?
        func flush() throws {
            guard !group.isEmpty else { return }
            let r = try KamProcess.kam(["edit", file] + group + (groupIsText == true ? ["--string"] : []), in: dir)
            #expect(r.status == 0, "kam edit \(group): \(r.stderr)")
            group = []
            groupIsText = nil
        }
        func add(_ flag: String, _ spec: String, text: Bool?) throws {
            if let text, let current = groupIsText, current != text { try flush() }
            if let text { groupIsText = text }
            group += [flag, spec]
        }
        for edit in edits {
            switch edit {
            case .set(let sheet, let cell, let value):
                switch value {
                case .text(let s): try add("--set", "\(sheet)!\(cell)=\(s)", text: true)
                case .number(let d): try add("--set", "\(sheet)!\(cell)=\(d)", text: false)
                case .date(let iso): try add("--set", "\(sheet)!\(cell)=\(iso)", text: false)
                case .empty: try add("--set", "\(sheet)!\(cell)=", text: nil)
                }
            case .insertRow(let sheet, let row): try add("--insert-rows", "\(sheet)!\(row):1", text: nil)
            case .deleteRow(let sheet, let row): try add("--delete-rows", "\(sheet)!\(row):1", text: nil)
            case .deleteColumn(let sheet, let column): try add("--delete-columns", "\(sheet)!\(column):1", text: nil)
            case .rename(let sheet, let new):
                try flush()
                let script = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/scripts/ods_rename_sheet.py").path
                let r = try KamProcess.run("python3", [script, file, sheet, new], in: dir)
                #expect(r.status == 0, "\(r.stderr)")
            case .reverseRows(let sheet):
                try flush()
                let typed = try typedCells(sheet)
                let lastRow = typed.keys.compactMap { Self.split($0)?.row }.max() ?? 1
                let columns = Set(typed.keys.compactMap { Self.split($0)?.column })
                var sets: [SheetEdit] = []
                for row in 2...max(2, lastRow) {
                    let from = lastRow + 2 - row
                    for column in columns.sorted() {
                        let v = typed["\(column)\(from)"]
                        let value: TypedValue
                        switch v?.type {
                        case nil: value = .empty
                        case "number": value = .number(Double(v?.value ?? "") ?? 0)
                        case "date": value = .date(v?.value ?? "")
                        default: value = .text(v?.value ?? "")
                        }
                        sets.append(.set(sheet, "\(column)\(row)", value))
                    }
                }
                try editODS(sets)
            }
        }
        try flush()
    }

    /// `F12` → ("F", 12).
    static func split(_ a1: String) -> (column: String, row: Int)? {
        let letters = a1.prefix { $0.isLetter }
        guard let row = Int(a1.dropFirst(letters.count)) else { return nil }
        return (String(letters), row)
    }

    /// Replaces the workbook by LibreOffice's re-save of it (LibreOffice rewrites the whole file).
    func resaveWithLibreOffice() throws {
        let out = dir + "/lo"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let converted = try LibreOffice.convert(path, to: format.rawValue, in: out)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: converted, toPath: path)
    }

    /// The file's bytes.
    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A sheet's cells, A1 → value text, as `kam inspect` reads them.
    func cells(_ sheet: String = "重点客户") throws -> [String: String] {
        try typedCells(sheet).mapValues(\.value)
    }

    /// A sheet's cells, A1 → (type, value text).
    func typedCells(_ sheet: String) throws -> [String: (type: String, value: String)] {
        let r = try KamProcess.kam(["inspect", file, "--json"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let sheets = (doc["sheets"] as? [[String: Any]]) ?? []
        let s = try #require(sheets.first { $0["name"] as? String == sheet }, "no sheet \(sheet)")
        var out: [String: (type: String, value: String)] = [:]
        for (k, v) in (s["cells"] as? [String: [String: Any]]) ?? [:] {
            guard let value = v["value"] else { continue }
            let text: String
            if let n = value as? NSNumber, v["type"] as? String == "number" {
                let d = n.doubleValue
                text = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
            } else {
                text = "\(value)"
            }
            out[k] = ((v["type"] as? String) ?? "string", text)
        }
        return out
    }

    /// The sheet's rows as A1 column letter → text, keyed by the value in column `keyColumn` (rows without one
    /// left out), so that checks do not depend on where a row ended up.
    func rows(_ sheet: String, keyColumn: String) throws -> [String: [String: String]] {
        var byRow: [Int: [String: String]] = [:]
        for (a1, v) in try cells(sheet) {
            guard let (column, row) = Self.split(a1), row > 1 else { continue }
            byRow[row, default: [:]][column] = v
        }
        var out: [String: [String: String]] = [:]
        for (_, r) in byRow { if let key = r[keyColumn] { out[key] = r } }
        return out
    }

    // MARK: - The store side

    func sync(_ args: [String] = [], environment: [String: String] = [:]) throws -> ProcessResult {
        try KamProcess.kam(["sync", file] + args, in: dir, environment: environment)
    }

    /// The store's customers by id (`kam export --json`).
    func store() throws -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for c in try storeCustomers() { if let id = c["id"] as? String { out[id] = c } }
        return out
    }

    func storeCustomers() throws -> [[String: Any]] {
        let r = try KamProcess.kam(["export", "--json"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        return (doc["customers"] as? [[String: Any]]) ?? []
    }

    /// Changes one customer's field in the store (a JSON import of the changed customer).
    func editStore(id: String, field: String, value: Any) throws {
        try editStore { customers in
            for i in customers.indices where customers[i]["id"] as? String == id { customers[i][field] = value }
        }
    }

    /// Changes the store's customers as `body` says (a JSON import of the result).
    func editStore(_ body: (inout [[String: Any]]) -> Void) throws {
        var customers = try storeCustomers()
        body(&customers)
        let doc: [String: Any] = ["format": "kam.workspace/1", "customers": customers]
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: dir + "/edit.json"))
        let r = try KamProcess.kam(["import", "edit.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Both sides agree: a dry run has nothing to change on either side (and no conflict).
    func expectInStep(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try sync(["--dry-run", "--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.contains("workbook (dry run, nothing changed):\n  none"), "\(r.stdout)", sourceLocation: sourceLocation)
        #expect(r.stdout.contains("store:\n  none"), "\(r.stdout)", sourceLocation: sourceLocation)
    }
}

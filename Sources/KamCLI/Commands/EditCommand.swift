import ArgumentParser
import Foundation
import KamSheets

/// `kam edit IN [-o OUT] [--set S!A1=VALUE]… [--insert-rows S!ROW:COUNT]… [--delete-rows S!ROW:COUNT]…`
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit cells and rows of a workbook in place, keeping everything else as it was.",
        discussion: """
            Edits apply in the order given. ROW is the row number a user sees (1-based): --insert-rows 'Data!5:3' \
            inserts 3 rows before row 5; --delete-rows 'Data!5:2' deletes rows 5 and 6. A VALUE that reads as a \
            number is a number, true/false a bool, YYYY-MM-DD a date, anything else text (--string forces text; \
            an empty VALUE clears the cell). Without -o the file is replaced atomically and the previous version \
            kept as IN.bak.
            """)

    @Argument(help: "The workbook to edit (.xlsx or .ods).") var input: String
    @Option(name: .shortAndLong, help: "Write the result here instead of replacing the input.") var output: String?
    @Option(name: .customLong("set"), help: "Set a cell: 'Sheet!A1=VALUE'.") var sets: [String] = []
    @Option(name: .customLong("insert-rows"), help: "Insert rows: 'Sheet!ROW:COUNT'.") var inserts: [String] = []
    @Option(name: .customLong("delete-rows"), help: "Delete rows: 'Sheet!ROW:COUNT'.") var deletes: [String] = []
    @Option(name: .customLong("insert-columns"), help: "Insert columns: 'Sheet!COLUMN:COUNT' (COLUMN a letter).") var columnInserts: [String] = []
    @Option(name: .customLong("delete-columns"), help: "Delete columns: 'Sheet!COLUMN:COUNT'.") var columnDeletes: [String] = []
    @Flag(help: "Treat every --set VALUE as text.") var string = false
    @Option(help: "Where to keep the previous version when replacing the input (default IN.bak).") var backup: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let editor = try WorkbookEditor(path: input)
        // ArgumentParser groups options by name; the contract applies edits in the order given, so recover it
        // from the command line.
        for (flag, value) in Self.orderedEdits(CommandLine.arguments) {
            try apply(flag, value, editor)
        }
        if let output {
            try editor.save(to: output)
        } else {
            try editor.saveReplacingOriginal(backup: backup)
        }
    }

    static func orderedEdits(_ args: [String]) -> [(String, String)] {
        let flags = ["--set", "--insert-rows", "--delete-rows", "--insert-columns", "--delete-columns"]
        var out: [(String, String)] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if let f = flags.first(where: { a == $0 }), i + 1 < args.count {
                out.append((f, args[i + 1]))
                i += 2
                continue
            }
            if let f = flags.first(where: { a.hasPrefix($0 + "=") }) {
                out.append((f, String(a.dropFirst(f.count + 1))))
            }
            i += 1
        }
        return out
    }

    private func usage(_ what: String) -> KamError {
        KamError(code: "bad-edit", zh: "无法理解的编辑：\(what)", en: "cannot read the edit: \(what)")
    }

    /// `Sheet!REST` → (sheet, rest); the sheet may contain `!` only if quoted as 'Sheet!x'.
    private func split(_ spec: String) throws -> (String, String) {
        var s = spec
        var sheet = ""
        if s.hasPrefix("'"), let close = s.dropFirst().firstIndex(of: "'") {
            sheet = String(s[s.index(after: s.startIndex)..<close])
            s = String(s[s.index(after: close)...])
            guard s.hasPrefix("!") else { throw usage(spec) }
            return (sheet, String(s.dropFirst()))
        }
        guard let bang = s.firstIndex(of: "!") else { throw usage(spec) }
        sheet = String(s[..<bang])
        return (sheet, String(s[s.index(after: bang)...]))
    }

    private func apply(_ flag: String, _ spec: String, _ editor: WorkbookEditor) throws {
        let (sheet, rest) = try split(spec)
        switch flag {
        case "--set":
            guard let eq = rest.firstIndex(of: "=") else { throw usage(spec) }
            let refText = String(rest[..<eq])
            guard let ref = CellReference(a1: refText) else {
                throw KamError(code: "bad-edit", zh: "\(input) \(sheet)!\(refText)：无效的单元格引用", en: "\(input) \(sheet)!\(refText): not a cell reference")
            }
            let text = String(rest[rest.index(after: eq)...])
            try editor.set(sheet, ref, Self.value(text, forceString: string))
        default:
            let parts = rest.split(separator: ":")
            guard parts.count == 2, let count = Int(parts[1]), count > 0 else { throw usage(spec) }
            let isColumn = flag.hasSuffix("columns")
            let at: Int
            if isColumn {
                guard let c = ColumnName.index(String(parts[0])) ?? Int(parts[0]).map({ $0 - 1 }) else { throw usage(spec) }
                at = c
            } else {
                guard let r = Int(parts[0]), r >= 1 else { throw usage(spec) }
                at = r - 1
            }
            switch flag {
            case "--insert-rows": try editor.insertRows(sheet, at: at, count: count, styleFrom: at > 0 ? at - 1 : nil)
            case "--delete-rows": try editor.deleteRows(sheet, at: at, count: count)
            case "--insert-columns": try editor.insertColumns(sheet, at: at, count: count)
            default: try editor.deleteColumns(sheet, at: at, count: count)
            }
        }
    }

    /// The typed value of `--set`'s text (CONTRACTS.md).
    static func value(_ text: String, forceString: Bool) -> CellValue? {
        if text.isEmpty { return nil }
        if forceString { return .string(text) }
        if text == "true" || text == "TRUE" { return .bool(true) }
        if text == "false" || text == "FALSE" { return .bool(false) }
        let u = Array(text.utf8)
        if u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
           let y = Int(text.prefix(4)), let m = Int(text.dropFirst(5).prefix(2)), let d = Int(text.suffix(2)) {
            let t = CivilDateTime(year: y, month: m, day: d)
            if t.isValid { return .date(t) }
        }
        if let d = Double(text), d.isFinite, text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
            return .number(d)
        }
        return .string(text)
    }
}

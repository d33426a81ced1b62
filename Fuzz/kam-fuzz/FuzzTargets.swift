import Foundation
import KamMapping
import KamSheets
import KamXML
import KamZip

/// The libFuzzer targets. Each takes the fuzzer's bytes and must return without crashing, whatever they are;
/// errors thrown by kam are the expected outcome for most inputs and are ignored.
enum FuzzTargets {
    /// Target names (`KAM_FUZZ_TARGET`, or the replay driver's first argument).
    static let names = ["xlsx", "xlsx-sheet", "ods", "xml", "mapping", "editor"]

    static func run(_ target: String, _ data: [UInt8]) {
        switch target {
        case "xlsx", "ods": readFile(data, ext: target)
        case "xlsx-sheet": readFile(Package.xlsx(sheet: data), ext: "xlsx")
        case "ods-content": readFile(Package.ods(content: data), ext: "ods")
        case "xml": scan(data)
        case "mapping": mapping(data)
        case "editor": edit(data)
        default: fatalError("unknown fuzz target \(target); one of \(names)")
        }
    }

    /// A scratch file per process (libFuzzer runs inputs one at a time in a process).
    static func scratch(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kam-fuzz-\(getpid()).\(ext)").path
    }

    /// The bytes as a workbook file: opened, every sheet read.
    static func readFile(_ data: [UInt8], ext: String) {
        let path = scratch(ext)
        _ = FileManager.default.createFile(atPath: path, contents: Data(data))
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let reader = try? Workbooks.open(path) else { return }
        for i in reader.sheets.indices { _ = try? reader.readSheet(i) }
    }

    /// The bytes through the streaming scanner, every token's text and attributes looked at.
    static func scan(_ data: [UInt8]) {
        let x = XMLScanner(bytes: data, maxTokenBytes: 1 << 20, maxDepth: 256)
        var tokens = 0
        while tokens < 1_000_000 {
            do { try x.next() } catch { return }
            tokens += 1
            switch x.kind {
            case .end: return
            case .startElement: _ = try? x.attribute("r")
            default: break
            }
        }
    }

    /// Lines of the input as header texts and as cell values through every normaliser.
    static func mapping(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", maxSplits: 64, omittingEmptySubsequences: false).map(String.init)
        let recognizer = HeaderRecognizer()
        for (i, line) in lines.enumerated() {
            _ = recognizer.recognize(line)
            if i > 0 { _ = recognizer.recognize(parent: lines[i - 1], child: line) }
        }
        let format = lines.first
        let reader = FieldReader(monthFirst: data.first.map { $0 & 1 == 1 } ?? false)
        let types: [FieldValueType] = [.text, .textList, .date, .dateTime, .amount, .number, .integer, .percent,
                                       .fraction, .score10, .bool, .phone, .email]
        var values: [CellValue] = lines.map { .string($0) }
        for chunk in stride(from: 0, to: data.count - 7, by: 8) {
            let bits = data[chunk..<chunk + 8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
            values.append(.number(Double(bitPattern: bits)))
        }
        for v in values {
            for t in types { _ = reader.read(v, type: t, numberFormat: format) }
        }
    }

    /// Random edits, steered by the bytes, on a small workbook; the result must read back.
    static func edit(_ data: [UInt8]) {
        let source = scratch("src.xlsx"), output = scratch("out.xlsx")
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: output)
        }
        let ods = data.first.map { $0 & 1 == 1 } ?? false
        let src = ods ? source.replacingOccurrences(of: ".xlsx", with: ".ods") : source
        _ = FileManager.default.createFile(atPath: src, contents: Data(ods ? Package.ods(content: Package.odsSample)
                                                                        : Package.xlsx(sheet: Package.xlsxSample)))
        defer { try? FileManager.default.removeItem(atPath: src) }
        guard let editor = try? WorkbookEditor(path: src), let sheet = editor.sheetNames.first else { return }
        var i = 1
        func byte() -> Int { defer { i += 1 }; return i < data.count ? Int(data[i]) : 0 }
        while i < data.count {
            let op = byte() % 7, row = byte() % 40, col = byte() % 30, n = byte() % 5
            let ref = CellReference(row: row, column: col)
            switch op {
            case 0: try? editor.set(sheet, ref, .number(Double(byte()) - 100))
            case 1:
                let len = byte() % 16
                let s = String(decoding: data[min(i, data.count)..<min(i + len, data.count)], as: UTF8.self)
                i += len
                try? editor.set(sheet, ref, .string(s))
            case 2: try? editor.insertRows(sheet, at: row + 1, count: n + 1)
            case 3: try? editor.deleteRows(sheet, at: row + 1, count: n + 1)
            case 4: try? editor.insertColumns(sheet, at: col + 1, count: n + 1)
            case 5: try? editor.deleteColumns(sheet, at: col + 1, count: n + 1)
            default: try? editor.set(sheet, ref, .number(1), formula: "SUM(A1:B\(row + 1))")
            }
        }
        let out = ods ? output.replacingOccurrences(of: ".xlsx", with: ".ods") : output
        defer { try? FileManager.default.removeItem(atPath: out) }
        do { try editor.save(to: out) } catch { return }
        // What kam wrote, kam must read.
        do {
            let reader = try Workbooks.open(out)
            for s in reader.sheets.indices { _ = try reader.readSheet(s) }
        } catch {
            fatalError("the edited workbook does not read back: \(error)")
        }
    }
}

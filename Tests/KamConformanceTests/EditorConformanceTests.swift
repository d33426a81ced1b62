import Foundation
import KamSheets
import KamTestSupport
import KamZip
import Testing

/// Opening a corpus file, editing one cell (or nothing) and saving changes exactly that and keeps every other
/// zip entry byte for byte.
@Suite struct EditorConformanceTests {
    static let formats = ["xlsx", "ods"]

    /// Entry name → inflated bytes.
    static func entries(_ path: String) throws -> [String: [UInt8]] {
        let a = try ZipArchive(path: path)
        var out: [String: [UInt8]] = [:]
        for e in a.entries { out[e.name] = try a.read(e) }
        return out
    }

    static func cells(_ path: String) throws -> [String: [String: CellValue]] {
        let r = try Workbooks.open(path)
        var out: [String: [String: CellValue]] = [:]
        for i in r.sheets.indices {
            var c = try r.cursor(sheet: i)
            var m: [String: CellValue] = [:]
            while let cell = try c.next() { if let v = cell.value { m[cell.reference.a1] = v } }
            out[r.sheets[i].name] = m
        }
        return out
    }

    @Test("open → save without edits keeps every entry byte for byte", .enabled(if: Corpus.isAvailable),
          arguments: Corpus.files(in: formats))
    func roundTrip(_ file: String) throws {
        let path = Corpus.path(file)
        guard case .sheets = try Corpus.expectation(file) else { return }
        let dir = TemporaryDirectory()
        let out = dir.file("out." + (file as NSString).pathExtension)
        let editor = try WorkbookEditor(path: path)
        try editor.save(to: out)
        let before = try Self.entries(path), after = try Self.entries(out)
        #expect(Set(before.keys) == Set(after.keys))
        for (name, bytes) in before { #expect(after[name] == bytes, "\(file): entry \(name) changed") }
    }

    @Test("setting one cell changes exactly that cell", .enabled(if: Corpus.isAvailable),
          arguments: Corpus.files(in: formats))
    func setOneCell(_ file: String) throws {
        let path = Corpus.path(file)
        guard case .sheets = try Corpus.expectation(file) else { return }
        let reader = try Workbooks.open(path)
        guard let sheet = reader.sheets.first(where: { $0.kind == .worksheet }) else { return }
        let dir = TemporaryDirectory()
        let out = dir.file("out." + (file as NSString).pathExtension)
        let editor = try WorkbookEditor(path: path)
        let target = CellReference(row: 2, column: 1)  // B3
        try editor.set(sheet.name, target, .string("kam 编辑"))
        try editor.save(to: out)
        var before = try Self.cells(path)
        let after = try Self.cells(out)
        before[sheet.name, default: [:]][target.a1] = .string("kam 编辑")
        #expect(Set(before.keys) == Set(after.keys))
        for (name, cells) in before {
            let got = after[name] ?? [:]
            #expect(Set(cells.keys) == Set(got.keys), "\(file) \(name): cells differ")
            for (ref, v) in cells where got[ref] != v {
                Issue.record("\(file) \(name)!\(ref): \(v) became \(String(describing: got[ref]))")
            }
        }
        // Entries other than the sheet, shared strings, styles, workbook and content types stay byte for byte.
        let b = try Self.entries(path), a = try Self.entries(out)
        let mayChange = ["sheet", "sharedstrings", "styles", "workbook", "content_types", "content.xml", "calcchain", ".rels"]
        for (name, bytes) in b where !mayChange.contains(where: { name.lowercased().contains($0) }) {
            #expect(a[name] == bytes, "\(file): entry \(name) changed")
        }
    }
}

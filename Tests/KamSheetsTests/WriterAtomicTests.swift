import Foundation
import KamSheets
import KamTestSupport
import Testing

/// `AtomicReplacement` and the writers' all-or-nothing behaviour.
@Suite("Writer atomic replacement")
struct WriterAtomicTests {
    @Test("replacing keeps the old file as FILE.bak when asked")
    func backup() throws {
        let folder = try ScratchFolder()
        let target = folder.file("t.txt")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try AtomicReplacement.replace(target, backup: .beside) { temp in
            try Data("new".utf8).write(to: URL(fileURLWithPath: temp))
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        #expect(try String(contentsOfFile: target + ".bak", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["t.txt", "t.txt.bak"])
    }

    @Test("a failure leaves the target untouched and no temporary file behind")
    func failure() throws {
        struct Boom: Error {}
        let folder = try ScratchFolder()
        let target = folder.file("t.txt")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        #expect(throws: Boom.self) {
            try AtomicReplacement.replace(target, backup: .beside) { temp in
                try Data("partial".utf8).write(to: URL(fileURLWithPath: temp))
                throw Boom()
            }
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["t.txt"])
    }

    @Test("a workbook writer that fails leaves the existing workbook as it was")
    func writerFailure() throws {
        let folder = try ScratchFolder()
        let target = folder.file("book.xlsx")
        try WorkbookWriter.write(WriterSample.workbook, to: target)
        let before = try Data(contentsOf: URL(fileURLWithPath: target))
        let hiddenOnly = Workbook(sheets: [Sheet(name: "H", visibility: .hidden)])
        #expect(throws: SpreadsheetError.self) { try WorkbookWriter.write(hiddenOnly, to: target) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["book.xlsx"])
    }

    @Test("an editor does not save over a file another program saved after the editor opened it",
          arguments: ["xlsx", "ods"])
    func editorChangedAfterOpen(_ ext: String) throws {
        let folder = try ScratchFolder()
        let target = folder.file("book." + ext)
        try WorkbookWriter.write(WriterSample.workbook, to: target)
        let sheet = try #require(WriterSample.workbook.sheets.first?.name)
        let editor = try WorkbookEditor(path: target)
        try editor.set(sheet, CellReference(row: 0, column: 0), .string("kam"))
        // Another program saves its version (write beside, rename over) after the editor opened the file.
        try WorkbookWriter.write(WriterSample.workbook, to: folder.file("other." + ext))
        let other = try Data(contentsOf: URL(fileURLWithPath: folder.file("other." + ext)))
        #expect(rename(folder.file("other." + ext), target) == 0)
        #expect(throws: SpreadsheetError.self) { try editor.saveReplacingOriginal() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == other)
        // Saved over by this editor, the file is its own again: a second save goes through.
        let fresh = try WorkbookEditor(path: target)
        try fresh.set(sheet, CellReference(row: 0, column: 0), .string("one"))
        try fresh.saveReplacingOriginal()
        try fresh.set(sheet, CellReference(row: 0, column: 1), .string("two"))
        try fresh.saveReplacingOriginal()
    }
}

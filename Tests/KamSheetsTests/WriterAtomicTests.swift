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
}

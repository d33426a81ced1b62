import Foundation
import Testing
@testable import KamSheets

/// Checks against LibreOffice and the 100k-row measurement; they run only when asked for (env
/// `KAM_ODS_EDIT_OUT` names a folder to leave the edited files in for `soffice --convert-to`, and
/// `KAM_ODS_BENCH` names a big ODS to edit), since they need LibreOffice or take long.
@Suite struct ODSEditorLibreOfficeTests {
    static let outDir = ProcessInfo.processInfo.environment["KAM_ODS_EDIT_OUT"]
    static let bench = ProcessInfo.processInfo.environment["KAM_ODS_BENCH"]

    @Test("edited files for LibreOffice", .enabled(if: outDir != nil))
    func writeForLibreOffice() throws {
        let dir = try #require(Self.outDir)
        let src = try ODSEditFixture.ledger()
        try ODSEditorBackend(path: src).write([.setCell(sheet: "Data", cell: CellReference(a1: "B5")!, value: .number(42.5), formula: nil, style: nil)],
                                              to: dir + "/setcell.ods")
        try ODSEditorBackend(path: src).write([.insertRows(sheet: "Data", at: 5, count: 5, styleFrom: 4),
                                               .setCell(sheet: "Data", cell: CellReference(a1: "B7")!, value: .number(100), formula: nil, style: .fill("FF0000"))],
                                              to: dir + "/insert.ods")
        try ODSEditorBackend(path: src).write([.deleteRows(sheet: "Data", at: 2, count: 2), .insertColumns(sheet: "Data", at: 1, count: 1)],
                                              to: dir + "/delete.ods")
        #expect(FileManager.default.fileExists(atPath: dir + "/insert.ods"))
    }

    @Test("a 100,000-row sheet: one cell set and 5 rows inserted in the middle", .enabled(if: bench != nil))
    func big() throws {
        let src = try #require(Self.bench)
        let out = (Self.outDir ?? NSTemporaryDirectory()) + "/bench-edited.ods"
        let backend = try ODSEditorBackend(path: src)
        let sheet = backend.sheetNames[0]
        try backend.write([.setCell(sheet: sheet, cell: CellReference(row: 10, column: 1), value: .string("edited"), formula: nil, style: nil),
                           .insertRows(sheet: sheet, at: 50_000, count: 5, styleFrom: 49_999)], to: out)
        let r = try Workbooks.open(out)
        var cursor = try r.cursor(sheet: 0)
        var found = false
        while let c = try cursor.next() { if c.row == 10 && c.column == 1 { found = c.value == .string("edited"); break } }
        #expect(found)
    }
}

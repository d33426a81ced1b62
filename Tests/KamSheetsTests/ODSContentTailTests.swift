import Foundation
import Testing
@testable import KamSheets

/// A workbook whose meta.xml counts one table is opened without reading content.xml past that table; what
/// follows is read by the first cursor reaching the table's end, or when asked for (`ODSContentTail`).
@Suite("ODS reader: content after the only table")
struct ODSContentTailTests {
    private static let oneTable = #"<meta:document-statistic meta:table-count="1"/>"#
    private static let rows = #"<table:table-row><table:table-cell office:value-type="float" office:value="7"/></table:table-row>"#
    private static let names = #"<table:named-expressions><table:named-range table:name="Total" table:base-cell-address="$T.$A$1" table:cell-range-address="$T.$A$1"/></table:named-expressions>"#

    private func path(_ tables: String) throws -> String {
        try ODSFixture.write(content: ODSFixture.content(tables), meta: Self.oneTable)
    }

    @Test func namedRangesAfterTheTableAskedForFirst() throws {
        let r = try Workbooks.open(try path(ODSFixture.table("T", Self.rows) + Self.names))
        #expect(r.sheets.map(\.name) == ["T"])
        #expect(r.definedNames.map(\.name) == ["Total"])
        #expect(try r.cellMap()["A1"]?.value == .number(7))
    }

    @Test func namedRangesAfterTheTableReadByTheCursor() throws {
        let r = try Workbooks.open(try path(ODSFixture.table("T", Self.rows) + Self.names))
        #expect(try r.cellMap()["A1"]?.value == .number(7))
        #expect(r.definedNames.map(\.name) == ["Total"])
        // A second cursor (content.xml now checked to its end) reads the same.
        #expect(try r.cellMap()["A1"]?.value == .number(7))
    }

    @Test func moreTablesThanMetaCountsFailsRatherThanLosingSheets() throws {
        let p = try path(ODSFixture.table("T", Self.rows) + ODSFixture.table("U", Self.rows))
        let r = try Workbooks.open(p)
        #expect(throws: SpreadsheetError.self) { _ = try r.readSheet(0) }
        let again = try Workbooks.open(p)
        _ = again.definedNames
        #expect(throws: SpreadsheetError.self) { _ = try again.cursor(sheet: 0) }
        #expect(throws: SpreadsheetError.self) { _ = try ODSEditorBackend(path: p) }
    }

    @Test func withoutMetaEveryTableIsListed() throws {
        let p = try ODSFixture.write(content: ODSFixture.content(ODSFixture.table("T", Self.rows) + ODSFixture.table("U", Self.rows)))
        #expect(try Workbooks.open(p).sheets.map(\.name) == ["T", "U"])
    }
}

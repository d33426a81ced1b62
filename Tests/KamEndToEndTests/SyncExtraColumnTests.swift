import Foundation
import KamTestSupport
import Testing

/// Extra fields whose names are also headers of the key-account layout (an imported 首次合作日期 beside the layout's
/// derived 首次合作日期 column): the exported workbook has two columns of that header, and sync must read the
/// second as the extra field — reading neither once made the second sync clear those values in the store.
@Suite("kam sync: extra fields named like layout columns")
struct SyncExtraColumnTests {
    static let document = """
    {"format":"kam.workspace/1","customers":[
    {"id":"C001","name":"华东机械","owner":"张三","keyAccount":true,
     "extra":{"首次合作日期":"2014-02-03","最近购买日期":"2020-10-04","微博账号":"hd"}},
    {"id":"C002","name":"南方贸易","owner":"赵六","keyAccount":true,"extra":{"首次合作日期":"2019-05-15"}}]}
    """

    @Test("export, sync, sync again: nothing to do; the team's edit of such a column reaches the store",
          arguments: SyncFormat.allCases)
    func extraNamedLikeLayoutColumn(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format, document: Self.document)
        for _ in 0..<2 {
            try wb.expectInStep()
            #expect(try wb.sync().status == 0)
        }
        // The later of the two 首次合作日期 columns is the extra field; C002 is on row 3.
        let cells = try wb.cells()
        #expect(cells["A3"] == "C002")
        let extraColumn = try #require(cells.filter { $0.value == "首次合作日期" && $0.key.drop { $0.isLetter } == "1" }
            .map { String($0.key.dropLast()) }.max { ($0.count, $0) < ($1.count, $1) })
        #expect(cells[extraColumn + "3"] == "2019-05-15")
        try wb.edit([.set("重点客户", extraColumn + "3", "2020-01-01")])
        #expect(try wb.sync().status == 0)
        let store = try wb.store()
        #expect(store["C001"]?["extra"] as? [String: String]
                == ["首次合作日期": "2014-02-03", "最近购买日期": "2020-10-04", "微博账号": "hd"])
        #expect(store["C002"]?["extra"] as? [String: String] == ["首次合作日期": "2020-01-01"])
        try wb.expectInStep()
    }
}

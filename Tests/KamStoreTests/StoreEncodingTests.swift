import Foundation
import GRDB
import KamModel
@testable import KamStore
import Testing

/// The store's own text encodings, written as bytes and bound straight to SQLite.
@Suite("Store encodings")
struct StoreEncodingTests {
    @Test("provenance text lists entries in byte order and reads back the same, Chinese keys included")
    func provenanceOrderAndRoundTrip() throws {
        let here = SourceLocation(file: "台账.xlsx", sheet: "客户", cell: "B7")
        let p: Provenance = [
            "name": here, "extra.首次合作日期": SourceLocation(file: "台账.xlsx", sheet: "客户", cell: "K7"),
            "extra.备注": here, "contacts[0].phone": here, "contacts[10].phone": here, "contacts[1].phone": here,
            "owner": SourceLocation(file: "b.ods", sheet: "S", cell: "AA100000"),
        ]
        let bytes = ProvenanceCodec.encode(p)
        let text = String(decoding: bytes, as: UTF8.self)
        let fields = text.split(separator: "\u{1E}").map { String($0.split(separator: "\u{1F}")[0]) }
        #expect(fields == p.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(fields.first == "contacts[0].phone")
        #expect(try ProvenanceCodec.decode(text, codec: ValueCodec(path: "x")) == p)
        #expect(ProvenanceCodec.encode([:]).isEmpty)
    }

    @Test("a file or sheet repeated from the entry before is written once; texts in the older long form still read")
    func provenanceRepeatsWrittenOnce() throws {
        let p: Provenance = [
            "a": SourceLocation(file: "台账.xlsx", sheet: "客户", cell: "A2"),
            "b": SourceLocation(file: "台账.xlsx", sheet: "客户", cell: "B2"),
            "c": SourceLocation(file: "台账.xlsx", sheet: "联系人", cell: "C9"),
            "d": SourceLocation(file: "other.ods", sheet: "联系人", cell: "D1"),
        ]
        let text = String(decoding: ProvenanceCodec.encode(p), as: UTF8.self)
        #expect(text == "a\u{1F}台账.xlsx\u{1F}客户\u{1F}A2\u{1E}b\u{1F}\u{1D}\u{1F}\u{1D}\u{1F}B2\u{1E}"
            + "c\u{1F}\u{1D}\u{1F}联系人\u{1F}C9\u{1E}d\u{1F}other.ods\u{1F}\u{1D}\u{1F}D1")
        let codec = ValueCodec(path: "x")
        #expect(try ProvenanceCodec.decode(text, codec: codec) == p)
        let long = "a\u{1F}台账.xlsx\u{1F}客户\u{1F}A2\u{1E}b\u{1F}台账.xlsx\u{1F}客户\u{1F}B2\u{1E}"
            + "c\u{1F}台账.xlsx\u{1F}联系人\u{1F}C9\u{1E}d\u{1F}other.ods\u{1F}联系人\u{1F}D1"
        #expect(try ProvenanceCodec.decode(long, codec: codec) == p)
        // "As before" with nothing before is a damaged text, not a guess.
        #expect(throws: StoreError.self) { try ProvenanceCodec.decode("a\u{1F}\u{1D}\u{1F}S\u{1F}A1", codec: codec) }
    }

    @Test("JSON text written as bytes decodes to the same lists", arguments: [
        [], [""], ["a\"b", "c\\d", "e\nf\tg\r", "\u{01}\u{1F}", "中文", "😀 emoji"], ["plain", "two words"],
    ] as [[String]])
    func jsonBytes(_ list: [String]) throws {
        let one = try JSONDecoder().decode([String].self, from: Data(ValueCodec.json(list)))
        #expect(one == list)
        let pairs = [list, ["k", "v"]]
        #expect(try JSONDecoder().decode([[String]].self, from: Data(ValueCodec.json(pairs))) == pairs)
    }

    @Test("empty text stays empty text, not NULL, and control characters survive the store")
    func emptyAndControlText() throws {
        let t = try TemporaryStore()
        var c = Customer(id: "E1", name: "空值公司")
        c.address = ""
        c.notes = "line 1\nline 2\u{1}end"
        c.extra = ExtraFields([("备注", ""), ("引号", "\"x\"")])
        c.contacts = [Contact(name: "", phone: "13800138000", primary: true)]
        try t.store.write { try $0.insertCustomer(c) }
        let back = try #require(try t.store.read { try $0.fetchCustomer("E1") })
        #expect(back == c)
        #expect(back.address == "")
    }

    @Test("a statement run with a value missing throws instead of storing NULL")
    func missingValueThrows() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b INTEGER)")
            var s = try BoundStatement(db, sql: "INSERT INTO t (a, b) VALUES (?, ?)")
            s.bind("only one")
            #expect(throws: DatabaseError.self) { try s.run() }
            var ok = try BoundStatement(db, sql: "INSERT INTO t (a, b) VALUES (?, ?)")
            ok.bind("two"); ok.bind(2)
            try ok.run()
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 1)
            #expect(try String.fetchOne(db, sql: "SELECT a FROM t WHERE b = 2") == "two")
        }
    }
}

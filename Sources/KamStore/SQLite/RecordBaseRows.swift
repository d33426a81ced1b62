import Foundation
import GRDB
internal import GRDBSQLite
import KamModel

/// The `sync_record_base` table: one row per record of a bound sheet, its fields' bases in one BLOB
/// (`RecordBaseCodec`).
enum RecordBaseRows {
    static func load(file: String, from db: Database, codec: ValueCodec) throws -> [RecordBase] {
        let statement = try db.cachedStatement(sql: """
            SELECT sheet, record_id, fields, synced_at FROM sync_record_base WHERE file = ? ORDER BY sheet, record_id
            """)
        let rows = try Row.fetchCursor(statement, arguments: [file])
        let handle = statement.sqliteStatement
        var sheets = ColumnTexts(), stamps = ColumnTexts()
        var times: [String: LocalDateTime] = [:]
        var names = ProvenanceCodec.Interner()
        var out: [RecordBase] = []
        while try rows.next() != nil {
            let sheet = sheets.text(handle, 0) ?? ""
            let record = ColumnTexts.fresh(handle, 1) ?? ""
            let n = Int(sqlite3_column_bytes(handle, 2))
            let fields: [String: String?]?
            if let p = sqlite3_column_blob(handle, 2), n > 0 {
                fields = RecordBaseCodec.decode(UnsafeRawBufferPointer(start: p, count: n).bindMemory(to: UInt8.self),
                                                names: &names)
            } else {
                fields = [:]
            }
            guard let fields else { throw codec.corrupt("sync_record_base.fields", "\(sheet) \(record)") }
            var time: LocalDateTime?
            if let text = stamps.text(handle, 3) {
                if let t = times[text] { time = t } else {
                    time = try codec.dateTime(text, "sync_record_base.synced_at")
                    times[text] = time
                }
            }
            out.append(RecordBase(file: file, sheet: sheet, record: CustomerID(record), fields: fields, syncedAt: time))
        }
        return out
    }

    static func load(file: String, sheet: String, record: CustomerID, from db: Database,
                     codec: ValueCodec) throws -> RecordBase? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT fields, synced_at FROM sync_record_base WHERE file = ? AND sheet = ? AND record_id = ?
            """, arguments: [file, sheet, record.rawValue]) else { return nil }
        let blob: Data = row["fields"] ?? Data()
        var names = ProvenanceCodec.Interner()
        let fields = Array(blob).withUnsafeBufferPointer { RecordBaseCodec.decode($0, names: &names) }
        guard let fields else { throw codec.corrupt("sync_record_base.fields", "\(sheet) \(record.rawValue)") }
        return RecordBase(file: file, sheet: sheet, record: record, fields: fields,
                          syncedAt: try codec.dateTime(row["synced_at"], "sync_record_base.synced_at"))
    }

    static func store(_ base: RecordBase, into db: Database) throws {
        guard !base.fields.isEmpty else {
            return try delete(file: base.file, sheet: base.sheet, record: base.record, from: db)
        }
        var s = try BoundStatement(db, sql: """
            INSERT OR REPLACE INTO sync_record_base (file, sheet, record_id, fields, synced_at) VALUES (?, ?, ?, ?, ?)
            """)
        s.bind(base.file); s.bind(base.sheet); s.bind(base.record.rawValue)
        s.bind(blob: RecordBaseCodec.encode(base.fields)); s.bind(base.syncedAt?.iso)
        try s.run()
    }

    static func delete(file: String, sheet: String, record: CustomerID, from db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM sync_record_base WHERE file = ? AND sheet = ? AND record_id = ?")
            .execute(arguments: [file, sheet, record.rawValue])
    }
}

/// A record's bases as bytes: per field, in UTF-8 byte order of the names, the name's length and bytes, then 0 for
/// no value or the value's length + 1 and its bytes (lengths as LEB128). Any text round-trips; no escaping.
enum RecordBaseCodec {
    static func encode(_ fields: [String: String?]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fields.count * 24)
        for name in fields.keys.sorted(by: ProvenanceCodec.utf8Precedes) {
            let value = fields[name] ?? nil
            append(name.utf8.count, to: &out)
            out.appendUTF8(name)
            if let value {
                append(value.utf8.count + 1, to: &out)
                out.appendUTF8(value)
            } else {
                out.append(0)
            }
        }
        return out
    }

    /// The fields, or nil for bytes this encoding cannot have made.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, names: inout ProvenanceCodec.Interner) -> [String: String?]? {
        var fields: [String: String?] = [:]
        var i = 0
        func length() -> Int? {
            var n = 0, shift = 0
            while i < b.count, shift < 63 {
                let byte = b[i]
                i += 1
                n |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return n }
                shift += 7
            }
            return nil
        }
        while i < b.count {
            guard let n = length(), n <= b.count - i else { return nil }
            let name = names.string(UnsafeBufferPointer(rebasing: b[i..<(i + n)]))
            i += n
            guard let v = length() else { return nil }
            if v == 0 {
                fields[name] = .some(nil)
            } else {
                guard v - 1 <= b.count - i else { return nil }
                fields[name] = .some(String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + v - 1)]), as: UTF8.self))
                i += v - 1
            }
        }
        return fields
    }

    private static func append(_ n: Int, to out: inout [UInt8]) {
        var n = UInt(n)
        while n >= 0x80 {
            out.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
    }
}

import Foundation
internal import GRDBSQLite

/// Text of one result column, read by position from the statement's current row; a value equal to the previous
/// row's (or one of the few seen before) comes back as the same `String`, without validating and allocating it
/// again. For columns whose values repeat row after row, such as a sync base's sheet, record and field.
struct ColumnTexts {
    private var seen: [([UInt8], String)] = []
    private var last = -1

    /// The text of `column` in the current row, or nil for NULL.
    mutating func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard let p = sqlite3_column_text(statement, column) else { return nil }
        let n = Int(sqlite3_column_bytes(statement, column))
        let bytes = UnsafeBufferPointer(start: p, count: n)
        if last >= 0, Self.same(seen[last].0, bytes) { return seen[last].1 }
        for (i, entry) in seen.enumerated() where i != last && Self.same(entry.0, bytes) {
            last = i
            return entry.1
        }
        let s = String(decoding: bytes, as: UTF8.self)
        if seen.count < 32 {
            seen.append((Array(bytes), s))
            last = seen.count - 1
        } else {
            seen[0] = (Array(bytes), s)
            last = 0
        }
        return s
    }

    /// The text of `column` made anew (values that rarely repeat).
    static func fresh(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard let p = sqlite3_column_text(statement, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, column))),
                      as: UTF8.self)
    }

    private static func same(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let q = b.baseAddress, !a.isEmpty else { return true }
        return a.withUnsafeBufferPointer { x in x.baseAddress.map { memcmp($0, q, a.count) == 0 } ?? false }
    }
}

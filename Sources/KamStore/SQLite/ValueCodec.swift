import Foundation
import KamModel

/// Reads the store's text columns back into model values; a value that does not parse is a damaged
/// database and becomes `StoreError.corruptValue`, never a crash or a silent nil.
struct ValueCodec {
    let path: String

    func decimal(_ text: String?, _ column: String) throws -> Decimal? {
        guard let text else { return nil }
        guard let d = Decimal(exactText: text) else { throw corrupt(column, text) }
        return d
    }

    func date(_ text: String?, _ column: String) throws -> LocalDate? {
        guard let text else { return nil }
        guard let d = LocalDate(iso: text) else { throw corrupt(column, text) }
        return d
    }

    func dateTime(_ text: String?, _ column: String) throws -> LocalDateTime? {
        guard let text else { return nil }
        guard let d = LocalDateTime(iso: text) else { throw corrupt(column, text) }
        return d
    }

    func vocab<V: RawRepresentable>(_ text: String?, _ column: String) throws -> V? where V.RawValue == String {
        guard let text else { return nil }
        guard let v = V(rawValue: text) else { throw corrupt(column, text) }
        return v
    }

    func json<T: Decodable>(_ text: String, _ column: String, as: T.Type) throws -> T {
        // Most customers have no preferences and no extra columns: skip building a decoder for `[]`.
        if text == "[]", let empty = [String]() as? T ?? [[String]]() as? T { return empty }
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch { throw corrupt(column, text) }
    }

    /// A JSON array of strings (the store's `preferences`).
    func strings(_ text: String, _ column: String) throws -> [String] {
        if let list = FlatJSON.strings(text) { return list }
        return try json(text, column, as: [String].self)
    }

    /// A JSON array of string arrays (the store's `extra` pairs).
    func stringLists(_ text: String, _ column: String) throws -> [[String]] {
        if let lists = FlatJSON.stringLists(text) { return lists }
        return try json(text, column, as: [[String]].self)
    }

    func corrupt(_ column: String, _ value: String) -> StoreError {
        let parts = column.split(separator: ".", maxSplits: 1).map(String.init)
        return StoreError(.corruptValue(table: parts.first ?? column, column: parts.count > 1 ? parts[1] : column,
                                        value: value), path: path)
    }

    /// Exact decimal text for a column (Decimal's own description: plain digits, no exponent).
    static func text(_ d: Decimal?) -> String? {
        guard let d, !d.isNaN else { return nil }
        return d.jsonNumberText() ?? d.description
    }

    /// A list of strings as a JSON array (what `JSONDecoder` reads back as `[String]`), as UTF-8. Written by hand
    /// into bytes: a `JSONEncoder`, or `String` appends, per customer row were a visible part of large imports.
    static func json(_ value: [String]) -> [UInt8] {
        var out: [UInt8] = []
        appendJSON(value, to: &out)
        return out
    }

    /// A list of string lists as a JSON array of arrays, as UTF-8.
    static func json(_ value: [[String]]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, list) in value.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendJSON(list, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private static func appendJSON(_ list: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(s, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// `s` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func appendJSONString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.appendUTF8(s)
            out.append(UInt8(ascii: "\""))
            return
        }
        for u in s.utf8 {
            switch u {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(u >> 4)])
                out.append(hex[Int(u & 0xF)])
            default: out.append(u)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Reads the JSON that `ValueCodec.json` writes (no white space, strings without escapes) by slicing its bytes;
/// nil for anything else, which then goes through `JSONDecoder`. A decoder per customer row was a visible part of
/// loading the store for a sync.
enum FlatJSON {
    static func strings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            guard let list = array(b, &i), i == b.count else { return nil }
            return list
        }
    }

    static func stringLists(_ text: String) -> [[String]]? {
        var text = text
        return text.withUTF8 { b -> [[String]]? in
            var i = 0
            guard i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            var out: [[String]] = []
            if i < b.count, b[i] == UInt8(ascii: "]") { return i + 1 == b.count ? out : nil }
            while true {
                guard let list = array(b, &i) else { return nil }
                out.append(list)
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: "]") { return i + 1 == b.count ? out : nil }
                guard b[i] == UInt8(ascii: ",") else { return nil }
                i += 1
            }
        }
    }

    /// `["a","b"]` from `i`, leaving `i` after the closing bracket.
    private static func array(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> [String]? {
        guard i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var out: [String] = []
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return out }
        while true {
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            while i < b.count, b[i] != UInt8(ascii: "\"") {
                guard b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 else { return nil }
                i += 1
            }
            guard i < b.count else { return nil }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            i += 1
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "]") { i += 1; return out }
            guard b[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
    }
}

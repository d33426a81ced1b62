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

    /// A list of strings as a JSON array (what `JSONDecoder` reads back as `[String]`). Written by hand: a
    /// `JSONEncoder` per customer row was a visible part of large imports.
    static func json(_ value: [String]) -> String {
        var out = "["
        for (i, s) in value.enumerated() {
            if i > 0 { out += "," }
            appendJSONString(s, to: &out)
        }
        return out + "]"
    }

    /// A list of string lists as a JSON array of arrays.
    static func json(_ value: [[String]]) -> String {
        var out = "["
        for (i, list) in value.enumerated() {
            if i > 0 { out += "," }
            out += json(list)
        }
        return out + "]"
    }

    /// `s` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func appendJSONString(_ s: String, to out: inout String) {
        out += "\""
        var plain = true
        for u in s.utf8 where u < 0x20 || u == 0x22 || u == 0x5C { plain = false; break }
        if plain {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

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
        return d.description
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and arrays of strings cannot fail.
        return (try? e.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }
}

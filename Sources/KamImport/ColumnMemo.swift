import KamMapping
import KamSheets

/// Readings of cell values already seen in one column of a sheet.
///
/// Key-account sheets repeat their labels, regions, owners, tiers and scores thousands of times, and reading a value
/// (label synonyms, Traditional folding, decimal parsing) costs many times a dictionary lookup. Reading is a pure
/// function of the value, its style and the column, so a remembered reading is the reading. A column whose values
/// rarely repeat (names, phones, e-mails) soon stops being remembered, so it pays only for its first lookups.
struct ColumnMemo {
    /// What reading a value gave, and whether the value as stored differs from what the cell showed.
    struct Reading {
        var outcome: Normalized<FieldValue>
        var changed: Bool
    }

    enum Key: Hashable {
        case text(String, style: Int)
        case number(UInt64, style: Int)
    }

    private var entries: [Key: Reading] = [:]
    private var lookups = 0
    private var hits = 0
    private var active = true

    /// Lookups after which a column that hit less than a quarter of the time is given up.
    private static let trial = 512
    /// At most this many distinct values are kept per column.
    private static let capacity = 8_192

    /// The key of a cell whose reading can be remembered (text and numbers), or nil.
    func key(_ cell: Cell) -> Key? {
        guard active else { return nil }
        switch cell.value {
        case .string(let s)?: return .text(s, style: cell.style)
        case .number(let d)?: return .number(d.bitPattern, style: cell.style)
        default: return nil
        }
    }

    mutating func reading(for key: Key) -> Reading? {
        lookups += 1
        if let r = entries[key] {
            hits += 1
            return r
        }
        if lookups >= Self.trial, hits * 4 < lookups {
            active = false
            entries = [:]
        }
        return nil
    }

    mutating func remember(_ r: Reading, for key: Key) {
        guard active, entries.count < Self.capacity else { return }
        entries[key] = r
    }
}

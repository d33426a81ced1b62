/// A cell's position: 0-based row and column, with its A1 text form.
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0-based row (A1 is row 0).
    public var row: Int
    /// 0-based column (A is column 0).
    public var column: Int

    /// The largest row index a spreadsheet holds (row 1,048,576).
    public static let maxRow = 1_048_575
    /// The largest column index a spreadsheet holds (column XFD).
    public static let maxColumn = 16_383

    /// Creates a reference from 0-based row and column.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses A1 text (`B7`, `$B$7`, `xfd1048576`); nil when it is not a cell reference within the sheet bounds.
    public init?(a1: String) {
        var col = 0, row = 0, letters = 0, digits = 0
        for b in a1.utf8 {
            switch b {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                col = col * 26 + Int((b | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(b - UInt8(ascii: "0"))
                digits += 1
            default: return nil
            }
        }
        guard letters > 0, digits > 0, row >= 1, row - 1 <= Self.maxRow, col - 1 <= Self.maxColumn else { return nil }
        self.row = row - 1
        self.column = col - 1
    }

    /// The A1 text, e.g. `B7`.
    public var a1: String { ColumnName.letters(column) + String(row + 1) }
    public var description: String { a1 }

    public static func < (a: CellReference, b: CellReference) -> Bool {
        a.row != b.row ? a.row < b.row : a.column < b.column
    }
}

/// Column letters ↔ 0-based column index.
public enum ColumnName {
    /// The letters of a 0-based column: 0 → `A`, 26 → `AA`.
    public static func letters(_ column: Int) -> String {
        var c = column + 1
        var out: [UInt8] = []
        while c > 0 {
            let r = (c - 1) % 26
            out.append(UInt8(ascii: "A") + UInt8(r))
            c = (c - 1) / 26
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    /// The 0-based column of letters (`A` → 0), nil when not letters or past XFD.
    public static func index(_ letters: String) -> Int? {
        var col = 0
        guard !letters.isEmpty, letters.utf8.count <= 3 else { return nil }
        for b in letters.utf8 {
            let l = b | 0x20
            guard l >= UInt8(ascii: "a"), l <= UInt8(ascii: "z") else { return nil }
            col = col * 26 + Int(l - UInt8(ascii: "a")) + 1
        }
        return col - 1 <= CellReference.maxColumn ? col - 1 : nil
    }
}

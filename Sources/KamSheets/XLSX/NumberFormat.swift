/// Number format codes (Excel syntax): built-in ids, and whether a code shows a number as a date, a time or an
/// elapsed duration — which decides a number cell's `CellValue` case.
public enum NumberFormat {
    /// How a format shows a number.
    public enum Kind: Sendable, Hashable {
        /// A plain number (General, `0.00`, `#,##0`, percentages, …).
        case number
        /// A calendar date and/or a time of day (`yyyy-mm-dd`, `h:mm`, …).
        case dateTime
        /// An elapsed time (`[h]:mm:ss`, `[mm]:ss`).
        case duration
    }

    /// The code of a built-in format id (ECMA-376 Part 1 §18.8.30), nil for ids with no built-in meaning.
    /// The East-Asian ids (27–36, 50–58) depend on the locale; they are given a neutral code of the same kind.
    public static func builtinCode(_ id: Int) -> String? {
        switch id {
        case 0: return "General"
        case 1: return "0"
        case 2: return "0.00"
        case 3: return "#,##0"
        case 4: return "#,##0.00"
        case 9: return "0%"
        case 10: return "0.00%"
        case 11: return "0.00E+00"
        case 12: return "# ?/?"
        case 13: return "# ??/??"
        case 14: return "mm-dd-yy"
        case 15: return "d-mmm-yy"
        case 16: return "d-mmm"
        case 17: return "mmm-yy"
        case 18: return "h:mm AM/PM"
        case 19: return "h:mm:ss AM/PM"
        case 20: return "h:mm"
        case 21: return "h:mm:ss"
        case 22: return "m/d/yy h:mm"
        case 27...31, 36, 50...58: return "yyyy-mm-dd"
        case 32...35: return "h:mm:ss"
        case 37: return "#,##0 ;(#,##0)"
        case 38: return "#,##0 ;[Red](#,##0)"
        case 39: return "#,##0.00;(#,##0.00)"
        case 40: return "#,##0.00;[Red](#,##0.00)"
        case 45: return "mm:ss"
        case 46: return "[h]:mm:ss"
        case 47: return "mmss.0"
        case 48: return "##0.0E+0"
        case 49: return "@"
        default: return nil
        }
    }

    /// The kind of a built-in format id: 14–22, 45, 47 and the East-Asian date ids are dates/times; 46 is elapsed.
    public static func kind(builtinID id: Int) -> Kind {
        switch id {
        case 14...22, 27...36, 45, 47, 50...58: return .dateTime
        case 46: return .duration
        default: return .number
        }
    }

    /// The kind of a format code, decided by what comes first, as python-calamine decides it: a date letter
    /// (`d m y h s`, either case, or `A/P`, `AM/PM`) makes it a date/time; a bracketed `[h]`, `[mm]`, `[ss]` makes
    /// it elapsed. Quoted text, escaped characters (`\\x`, `_x`, `*x`) and other brackets (`[Red]`, `[$-409]`,
    /// `[>=100]`) are skipped; only the first section (up to `;`) counts.
    public static func kind(code: String) -> Kind {
        let b = Array(code.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                i += 2
                continue
            case UInt8(ascii: "\""):
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "\"") { i += 1 }
            case UInt8(ascii: "["):
                var j = i + 1
                var elapsed = true
                while j < b.count, b[j] != UInt8(ascii: "]") {
                    let l = b[j] | 0x20
                    if l != UInt8(ascii: "h") && l != UInt8(ascii: "m") && l != UInt8(ascii: "s") { elapsed = false }
                    j += 1
                }
                if elapsed && j > i + 1 && j < b.count { return .duration }
                i = j
            case UInt8(ascii: ";"):
                return .number
            default:
                switch c | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                    return .dateTime
                case UInt8(ascii: "a"):
                    // `A/P` and `AM/PM`.
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: "/") || b[i + 1] | 0x20 == UInt8(ascii: "m") {
                        return .dateTime
                    }
                default: break
                }
            }
            i += 1
        }
        return .number
    }

    /// The value a number takes in a format of `kind`: a date when it has no time part, a date-time, a time for
    /// serials below 1 (1900 system), a duration for elapsed formats. Negative serials (and serials past 9999-12-31) in date
    /// and elapsed formats stay numbers, as Excel shows them as `#####`.
    public static func value(serial: Double, kind: Kind, system: SpreadsheetDate.System) -> CellValue {
        switch kind {
        case .number:
            return .number(serial)
        case .duration:
            // Negative elapsed times show as `#####` in Excel, like negative dates: kept as numbers.
            guard serial.isFinite, serial >= 0 else { return .number(serial) }
            // Elapsed times are kept to the millisecond, as Excel shows them.
            return .duration((serial * 86_400_000).rounded() / 1000)
        case .dateTime:
            guard serial >= 0, let t = SpreadsheetDate.civil(serial: serial, system: system) else {
                return .number(serial)
            }
            // In the 1900 system serials below 1 fall on day zero (1899-12-31, never shown as a date): a time of
            // day. In the 1904 system day zero is the real 1904-01-01.
            if serial < 1 && system == .from1900 {
                return .time(CivilDateTime(year: 0, month: 0, day: 0, hour: t.hour, minute: t.minute,
                                           second: t.second, microsecond: t.microsecond))
            }
            return t.isMidnight ? .date(t) : .dateTime(t)
        }
    }
}

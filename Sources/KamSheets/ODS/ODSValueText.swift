/// Parsing the typed attribute values of ODS cells: `office:date-value`, `office:time-value`, repeat counts.
enum ODSValueText {
    /// A non-negative decimal count (`number-columns-repeated`), saturating at 2^40; nil when not digits.
    static func count(_ raw: UnsafeRawBufferPointer) -> Int? {
        var v = 0
        guard !raw.isEmpty else { return nil }
        for b in raw {
            guard b >= 48, b <= 57 else { return nil }
            if v < 1 << 40 { v = v * 10 + Int(b - 48) }
        }
        return min(v, 1 << 40)
    }

    /// `YYYY-MM-DD` → `.date`; `YYYY-MM-DDTHH:MM:SS[.ffffff…][Z|±hh:mm]` → `.dateTime` (time zone dropped,
    /// fractions truncated to the microsecond); nil when malformed.
    static func date(_ s: String) -> CellValue? {
        let b = Array(s.utf8)
        return b.withUnsafeBytes { date(bytes: $0) }
    }

    /// `date(_:)` on the raw bytes of the attribute value.
    static func date(bytes b: UnsafeRawBufferPointer) -> CellValue? {
        var i = 0
        func digits(_ maxCount: Int) -> Int? {
            var v = 0, n = 0
            while i < b.count, n < maxCount, b[i] >= 48, b[i] <= 57 { v = v * 10 + Int(b[i] - 48); i += 1; n += 1 }
            return n > 0 ? v : nil
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        var sign = 1
        if i < b.count, b[i] == UInt8(ascii: "-") { sign = -1; i += 1 }
        guard let y = digits(9), expect(45), let mo = digits(2), expect(45), let d = digits(2) else { return nil }
        var t = CivilDateTime(year: sign * y, month: mo, day: d)
        guard expect(UInt8(ascii: "T")) else {
            return t.isValid ? .date(t) : nil
        }
        guard let h = digits(2), expect(58), let mi = digits(2) else { return nil }
        var sec = 0, micro = 0
        if expect(58) {
            guard let s2 = digits(2) else { return nil }
            sec = s2
            if expect(46) {
                var scale = 100_000, n = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if n < 6 { micro += Int(b[i] - 48) * scale; scale /= 10 }
                    n += 1; i += 1
                }
            }
        }
        t.hour = h; t.minute = mi; t.second = sec; t.microsecond = micro
        if t.hour == 24 && mi == 0 && sec == 0 && micro == 0 {
            // 24:00:00 is the end of the day: the next midnight.
            let (ny, nm, nd) = CivilDateTime.civil(days: t.daysSinceEpoch + 1)
            t = CivilDateTime(year: ny, month: nm, day: nd)
        }
        return t.isValid ? .dateTime(t) : nil
    }

    /// ISO 8601 duration `[-]P[nD]T[nH][nM][n[.f]S]` (also `PnYnMnD` for whole days, years of 365 days) →
    /// microseconds; nil when malformed.
    static func durationMicros(_ s: String) -> Int64? {
        let b = Array(s.utf8)
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "P") else { return nil }
        i += 1
        var total: Int64 = 0
        var inTime = false
        var any = false
        while i < b.count {
            if b[i] == UInt8(ascii: "T") { inTime = true; i += 1; continue }
            var whole: Int64 = 0, frac: Int64 = 0, scale: Int64 = 100_000, n = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if whole < 1 << 40 { whole = whole * 10 + Int64(b[i] - 48) }
                i += 1; n += 1
            }
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if scale > 0 { frac += Int64(b[i] - 48) * scale; scale /= 10 }
                    i += 1; n += 1
                }
            }
            guard n > 0, i < b.count else { return nil }
            let unit: Int64
            switch (b[i], inTime) {
            case (UInt8(ascii: "Y"), false): unit = 365 * 86_400
            case (UInt8(ascii: "M"), false): unit = 30 * 86_400
            case (UInt8(ascii: "W"), false): unit = 7 * 86_400
            case (UInt8(ascii: "D"), false): unit = 86_400
            case (UInt8(ascii: "H"), true): unit = 3600
            case (UInt8(ascii: "M"), true): unit = 60
            case (UInt8(ascii: "S"), true): unit = 1
            default: return nil
            }
            i += 1
            any = true
            // Overflow-checked: a hostile PT99999999999999999H must not trap (it is simply not a duration).
            let (wu, o1) = whole.multipliedReportingOverflow(by: unit * 1_000_000)
            let (part, o2) = wu.addingReportingOverflow(frac * unit)
            let (sum, o3) = total.addingReportingOverflow(part)
            if o1 || o2 || o3 { return nil }
            total = sum
        }
        guard any else { return nil }
        return negative ? -total : total
    }

    /// An `office:time-value`: under 24 hours a time of day, otherwise (or negative) a duration.
    static func time(_ s: String) -> CellValue? {
        guard let us = durationMicros(s) else { return nil }
        if us >= 0 && us < 86_400_000_000 {
            let secs = Int(us / 1_000_000)
            return .time(CivilDateTime(year: 0, month: 0, day: 0, hour: secs / 3600, minute: (secs / 60) % 60,
                                       second: secs % 60, microsecond: Int(us % 1_000_000)))
        }
        return .duration(Double(us) / 1_000_000)
    }
}

/// A wall-clock date and time with no time zone, as spreadsheets hold them.
public struct CivilDateTime: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Microseconds, 0…999,999.
    public var microsecond: Int

    /// Creates a date-time.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                microsecond: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second; self.microsecond = microsecond
    }

    /// Whether the time of day is midnight exactly.
    public var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 && microsecond == 0 }

    /// `YYYY-MM-DD`.
    public var isoDate: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
    /// `HH:MM:SS[.ffffff]`.
    public var isoTime: String {
        var s = pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        if microsecond != 0 { s += "." + pad(microsecond, 6) }
        return s
    }
    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]`.
    public var isoDateTime: String { isoDate + "T" + isoTime }

    /// ISO 8601 `PT<h>H<m>M<s>S` with hours not folded into days, `-` first when negative.
    public static func isoDuration(_ seconds: Double) -> String {
        let negative = seconds < 0
        let totalMicros = Int64((abs(seconds) * 1_000_000).rounded())
        let h = totalMicros / 3_600_000_000
        let m = (totalMicros / 60_000_000) % 60
        let us = totalMicros % 60_000_000
        var s = "\(negative ? "-" : "")PT\(h)H\(m)M\(us / 1_000_000)"
        if us % 1_000_000 != 0 {
            var frac = String(us % 1_000_000)
            frac = String(repeating: "0", count: 6 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s + "S"
    }

    /// Days since 1970-01-01 of the date part (proleptic Gregorian).
    public var daysSinceEpoch: Int { CivilDateTime.days(year: year, month: month, day: day) }

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Whether the fields form a real date (and time).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1, hour >= 0, hour < 24, minute >= 0, minute < 60,
              second >= 0, second < 60, microsecond >= 0, microsecond < 1_000_000 else { return false }
        let (y, m, d) = CivilDateTime.civil(days: daysSinceEpoch)
        return y == year && m == month && d == day
    }

    public static func < (a: CivilDateTime, b: CivilDateTime) -> Bool {
        if a.daysSinceEpoch != b.daysSinceEpoch { return a.daysSinceEpoch < b.daysSinceEpoch }
        return (a.hour, a.minute, a.second, a.microsecond) < (b.hour, b.minute, b.second, b.microsecond)
    }

    private func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + (s.count < width ? String(repeating: "0", count: width - s.count) + s : s)
    }
}

/// Spreadsheet serial numbers ↔ civil date-times, in the 1900 and 1904 date systems.
///
/// ECMA-376 Part 1 §18.17.4: in the 1900 system serial 1 is 1900-01-01 and serial 60 is the fictitious
/// 1900-02-29 (kept for Lotus compatibility); in the 1904 system serial 0 is 1904-01-01.
public enum SpreadsheetDate {
    /// Which epoch a workbook counts from.
    public enum System: Sendable, Hashable {
        case from1900, from1904
    }

    /// Days from 1970-01-01 back to each epoch's day zero.
    private static let epoch1900 = CivilDateTime.days(year: 1899, month: 12, day: 31)
    private static let epoch1904 = CivilDateTime.days(year: 1904, month: 1, day: 1)

    /// The date-time of a serial, rounded to the millisecond as Excel displays it; nil when out of range
    /// (negative, or past 9999-12-31).
    public static func civil(serial: Double, system: System) -> CivilDateTime? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var whole = serial.rounded(.down)
        var ms = ((serial - whole) * 86_400_000).rounded()
        if ms >= 86_400_000 { whole += 1; ms -= 86_400_000 }
        var day = Int(whole)
        let dayZero: Int
        switch system {
        case .from1904:
            dayZero = epoch1904
        case .from1900:
            dayZero = epoch1900
            // Serial 60 is 1900-02-29, which never was; calamine and Excel show it as 1900-02-28/29.
            // Serials after it are one day ahead of the real calendar.
            if day >= 60 { day -= 1 }
        }
        let (y, m, d) = CivilDateTime.civil(days: dayZero + day)
        let msInt = Int(ms)
        return CivilDateTime(
            year: y, month: m, day: d, hour: msInt / 3_600_000, minute: (msInt / 60_000) % 60,
            second: (msInt / 1000) % 60, microsecond: (msInt % 1000) * 1000)
    }

    /// The serial of a date-time.
    public static func serial(_ t: CivilDateTime, system: System) -> Double {
        var day: Int
        switch system {
        case .from1904:
            day = t.daysSinceEpoch - epoch1904
        case .from1900:
            day = t.daysSinceEpoch - epoch1900
            if day >= 60 { day += 1 }
        }
        let seconds = Double(t.hour * 3600 + t.minute * 60 + t.second) + Double(t.microsecond) / 1_000_000
        return Double(day) + seconds / 86_400
    }

    /// The fraction of a day of a time of day, e.g. 0.5 for 12:00.
    public static func dayFraction(_ t: CivilDateTime) -> Double {
        (Double(t.hour * 3600 + t.minute * 60 + t.second) + Double(t.microsecond) / 1_000_000) / 86_400
    }
}

@testable import KamSheets
import Testing

@Suite("Number formats and shared formula shifting")
struct XLSXNumberFormatTests {
    @Test("format codes are told apart: dates, elapsed times, numbers", arguments: [
        ("General", NumberFormat.Kind.number), ("0.00", .number), ("#,##0;[Red]-#,##0", .number), ("0%", .number),
        ("yyyy-mm-dd", .dateTime), ("d/m/yy h:mm", .dateTime), ("[$-409]mmmm d, yyyy;@", .dateTime),
        ("[Red]hh:mm", .dateTime), (#""Day "0"#, .number), (#"0\d"#, .number), ("0_m", .number),
        ("[h]:mm:ss", .duration), ("[mm]:ss", .duration), ("[SS]", .duration), ("#,##0.00 [$€-407]", .number),
        (#"yyyy"年"m"月"d"日""#, .dateTime), ("@", .number), ("0.00E+00", .number),
        ("HH[MM]", .dateTime), ("[HH]", .duration), ("A/P", .dateTime), ("[Blue]General", .number),
    ])
    func kinds(_ code: String, _ kind: NumberFormat.Kind) {
        #expect(NumberFormat.kind(code: code) == kind)
    }

    @Test("built-in ids: 14–22, 45–47 and the East-Asian date ids")
    func builtins() {
        for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 47, 50, 58] {
            #expect(NumberFormat.kind(builtinID: id) == .dateTime, "id \(id)")
        }
        #expect(NumberFormat.kind(builtinID: 46) == .duration)
        for id in [0, 1, 2, 4, 9, 10, 11, 37, 49, 164] { #expect(NumberFormat.kind(builtinID: id) == .number, "id \(id)") }
    }

    @Test("serials become dates, date-times, times and durations; rounding to the millisecond")
    func values() {
        #expect(NumberFormat.value(serial: 42_488.479166666664, kind: .dateTime, system: .from1900)
                == .dateTime(CivilDateTime(year: 2016, month: 4, day: 28, hour: 11, minute: 30)))
        #expect(NumberFormat.value(serial: 0, kind: .dateTime, system: .from1904)
                == .date(CivilDateTime(year: 1904, month: 1, day: 1)))
        #expect(NumberFormat.value(serial: 0.25, kind: .dateTime, system: .from1900)
                == .time(CivilDateTime(year: 0, month: 0, day: 0, hour: 6)))
        #expect(NumberFormat.value(serial: -1, kind: .duration, system: .from1900) == .number(-1))
        #expect(NumberFormat.value(serial: 2, kind: .number, system: .from1900) == .number(2))
    }

    @Test("shared formulas shift relative references only", arguments: [
        ("A1+B$2+$C3+$D$4", 1, 1, "B2+C$2+$C4+$D$4"),
        (#"IF(A1="A1",'My Sheet'!A1,Sheet2!B2)"#, 2, 0, #"IF(A3="A1",'My Sheet'!A3,Sheet2!B4)"#),
        ("LOG10(A1)+Table1[[#This Row],[A1]]", 0, 1, "LOG10(B1)+Table1[[#This Row],[A1]]"),
        ("A1-1", -1, 0, "#REF!-1"),
        ("1E+5*A1", 0, 0, "1E+5*A1"),
    ])
    func shifting(_ formula: String, _ rows: Int, _ columns: Int, _ expected: String) {
        #expect(SharedFormula.shift(formula, rows: rows, columns: columns) == expected)
    }

    @Test("_xHHHH_ escapes, surrogate pairs and line ends")
    func escapes() {
        #expect(XLSXText.string(Array("a_x000D__x000A_b".utf8)) == "a\r\nb")
        #expect(XLSXText.string(Array("_xD83D__xDE00_".utf8)) == "😀")
        #expect(XLSXText.string(Array("_x00zz_ and _x005F_".utf8)) == "_x00zz_ and _")
        #expect(XLSXText.string(Array("a\r\nb\rc".utf8)) == "a\nb\nc")
    }

    @Test("numbers parse from bytes like strtod", arguments: ["0", "-12", "3.25", "1E-7", "1.7976931348623157E308",
                                                              "0.1", "123456789012345678", " 42 ", "4.35"])
    func numbers(_ text: String) {
        let parsed = Array(text.utf8).withUnsafeBytes { XLSXText.double($0) }
        #expect(parsed == Double(text.trimmingCharacters(in: .whitespaces)))
    }
}

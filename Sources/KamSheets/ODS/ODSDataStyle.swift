import KamXML

/// Translates an Excel number format code into an ODF data style (ODF 1.3 part 3 §16.29): date, time,
/// percentage, scientific, number and text styles. Only the first section of the code is used; colours,
/// conditions and currency symbols are dropped (the value is unaffected).
enum ODSDataStyle {
    /// Writes the data style `name` for `code` of `kind`.
    static func write(_ w: inout XMLByteWriter, name: String, code: String, kind: NumberFormatCode.Kind) {
        let section = firstSection(code)
        switch kind {
        case .date, .dateTime:
            writeDateTimeStyle(&w, element: "number:date-style", name: name, section: section, truncate: false)
        case .time:
            writeDateTimeStyle(&w, element: "number:time-style", name: name, section: section, truncate: false)
        case .duration:
            writeDateTimeStyle(&w, element: "number:time-style", name: name, section: section, truncate: true)
        case .percent:
            w.raw("<number:percentage-style")
            w.attribute("style:name", name)
            w.raw(">")
            writeNumber(&w, section)
            w.raw("<number:text>%</number:text></number:percentage-style>")
        case .scientific:
            w.raw("<number:number-style")
            w.attribute("style:name", name)
            w.raw("><number:scientific-number")
            w.attribute("number:decimal-places", String(decimals(section)))
            w.raw(" number:min-integer-digits=\"1\" number:min-exponent-digits=\"2\"/></number:number-style>")
        case .text:
            w.raw("<number:text-style")
            w.attribute("style:name", name)
            w.raw("><number:text-content/></number:text-style>")
        case .number, .general:
            w.raw("<number:number-style")
            w.attribute("style:name", name)
            w.raw(">")
            writeNumber(&w, section)
            w.raw("</number:number-style>")
        }
    }

    // <number:number>
    private static func writeNumber(_ w: inout XMLByteWriter, _ section: String) {
        let places = decimals(section)
        w.raw("<number:number")
        w.attribute("number:decimal-places", String(places))
        w.attribute("number:min-decimal-places", String(places))
        w.raw(" number:min-integer-digits=\"1\"")
        if section.contains(",") { w.raw(" number:grouping=\"true\"") }
        w.raw("/>")
    }

    /// The number of `0`/`#` after the decimal point.
    private static func decimals(_ section: String) -> Int {
        guard let dot = section.firstIndex(of: ".") else { return 0 }
        return section[section.index(after: dot)...].prefix { $0 == "0" || $0 == "#" }.count
    }

    private static func firstSection(_ code: String) -> String {
        var inQuote = false
        for (i, ch) in zip(code.indices, code) {
            if ch == "\"" { inQuote.toggle() }
            if ch == ";" && !inQuote { return String(code[..<i]) }
        }
        return code
    }

    private enum Token { case letters(String), text(String), ampm, elapsedHours }

    private static func tokens(_ section: String) -> [Token] {
        var out: [Token] = []
        let chars = Array(section)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            let lower = Character(ch.lowercased())
            if "ymdhs".contains(lower) {
                var run = String(lower)
                while i + 1 < chars.count, Character(chars[i + 1].lowercased()) == lower {
                    run.append(lower)
                    i += 1
                }
                out.append(.letters(run))
            } else if ch == "\"" {
                var text = ""
                i += 1
                while i < chars.count, chars[i] != "\"" { text.append(chars[i]); i += 1 }
                out.append(.text(text))
            } else if ch == "\\", i + 1 < chars.count {
                out.append(.text(String(chars[i + 1])))
                i += 1
            } else if ch == "[" {
                var inside = ""
                i += 1
                while i < chars.count, chars[i] != "]" { inside.append(chars[i]); i += 1 }
                if inside.lowercased().hasPrefix("h") { out.append(.elapsedHours) }
            } else if String(chars[i...].prefix(5)).uppercased() == "AM/PM" {
                out.append(.ampm)
                i += 4
            } else if ch == "." , i + 1 < chars.count, chars[i + 1] == "0" {
                // fractional seconds: folded into the previous seconds token below
                var zeros = 0
                while i + 1 < chars.count, chars[i + 1] == "0" { zeros += 1; i += 1 }
                out.append(.text(".\(zeros)"))
            } else if ch != "_" && ch != "*" {
                out.append(.text(String(ch)))
            }
            i += 1
        }
        return out
    }

    // <number:date-style>, <number:time-style>
    private static func writeDateTimeStyle(_ w: inout XMLByteWriter, element: StaticString, name: String,
                                           section: String, truncate: Bool) {
        w.raw("<")
        w.raw(element)
        w.attribute("style:name", name)
        if truncate { w.raw(" number:truncate-on-overflow=\"false\"") }
        w.raw(">")
        let list = tokens(section)
        for (i, token) in list.enumerated() {
            switch token {
            case .elapsedHours:
                w.raw("<number:hours number:style=\"long\"/>")
            case .ampm:
                w.raw("<number:am-pm/>")
            case .text(let t):
                // `.00` after seconds is written as the seconds' decimal places.
                if t.hasPrefix("."), Int(t.dropFirst()) != nil { continue }
                w.raw("<number:text>")
                w.text(t)
                w.raw("</number:text>")
            case .letters(let run):
                writeField(&w, run, isMinute: isMinute(list, i), fraction: fraction(after: i, list))
            }
        }
        w.raw("</")
        w.raw(element)
        w.raw(">")
    }

    private static func fraction(after i: Int, _ list: [Token]) -> Int {
        if i + 1 < list.count, case .text(let t) = list[i + 1], t.hasPrefix("."), let n = Int(t.dropFirst()) { return n }
        return 0
    }

    /// `m` is minutes right after an hour or right before a second, as in Excel.
    private static func isMinute(_ list: [Token], _ i: Int) -> Bool {
        for j in stride(from: i - 1, through: 0, by: -1) {
            if case .letters(let r) = list[j] { if r.hasPrefix("h") { return true }; break }
            if case .elapsedHours = list[j] { return true }
        }
        for j in (i + 1)..<max(list.count, i + 1) {
            if case .letters(let r) = list[j] { return r.hasPrefix("s") }
        }
        return false
    }

    private static func writeField(_ w: inout XMLByteWriter, _ run: String, isMinute: Bool, fraction: Int) {
        let long = run.count >= 2
        let style = long ? " number:style=\"long\"" : ""
        switch run.first {
        case "y": w.raw(run.count >= 3 ? "<number:year number:style=\"long\"/>" : "<number:year/>")
        case "m" where isMinute && run.count <= 2: w.raw("<number:minutes\(style)/>")
        case "m":
            switch run.count {
            case 1: w.raw("<number:month/>")
            case 2: w.raw("<number:month number:style=\"long\"/>")
            case 3: w.raw("<number:month number:textual=\"true\"/>")
            default: w.raw("<number:month number:style=\"long\" number:textual=\"true\"/>")
            }
        case "d":
            switch run.count {
            case 1: w.raw("<number:day/>")
            case 2: w.raw("<number:day number:style=\"long\"/>")
            case 3: w.raw("<number:day-of-week/>")
            default: w.raw("<number:day-of-week number:style=\"long\"/>")
            }
        case "h": w.raw("<number:hours\(style)/>")
        case "s":
            w.raw("<number:seconds\(style)")
            if fraction > 0 { w.attribute("number:decimal-places", String(fraction)) }
            w.raw("/>")
        default: break
        }
    }
}

/// Translates ODF data styles (`number:number-style`, `number:date-style`, …) into Excel-like format codes
/// (`0.00`, `#,##0`, `0%`, `yyyy-mm-dd`, `[h]:mm:ss`), so that a workbook read from ODS can be written as XLSX.
///
/// Reasonable effort: calendars, eras, week numbers and languages are not translated; a data style with
/// `style:map` conditions for non-negative values becomes a two-section code (`positive;negative`).
enum ODSNumberFormat {
    /// The element names of data styles.
    static let dataStyleNames: Set<String> = [
        "number-style", "percentage-style", "currency-style", "date-style", "time-style", "boolean-style", "text-style",
    ]

    /// The format code of a data style; `dataStyles` resolves `style:map` targets by name.
    static func code(_ style: ODSNode, dataStyles: [String: ODSNode], depth: Int = 0) -> String {
        switch style.name {
        case "boolean-style": return "\"TRUE\";\"TRUE\";\"FALSE\""
        case "text-style":
            let c = body(style)
            return c.isEmpty ? "@" : c
        default: break
        }
        var code = body(style)
        if code.isEmpty { code = "General" }
        if style.name == "time-style", style["truncate-on-overflow"] == "false" { code = elapsed(code) }
        if let color = style.child("text-properties")?["color"], let name = colorName(color) {
            code = "[\(name)]" + code
        }
        // LibreOffice writes `N5P0` for value()>=0 and makes the main style the negative case.
        if depth < 2 {
            for map in style.children where map.name == "map" {
                guard let cond = map["condition"]?.replacingOccurrences(of: " ", with: ""),
                      cond == "value()>=0" || cond == "value()>0",
                      let target = map["apply-style-name"], let other = dataStyles[target] else { continue }
                return Self.code(other, dataStyles: dataStyles, depth: depth + 1) + ";" + code
            }
        }
        return code
    }

    private static func body(_ style: ODSNode) -> String {
        var out = ""
        for part in style.children {
            let long = part["style"] == "long"
            switch part.name {
            case "number":
                out += number(part)
            case "scientific-number":
                let exp = max(Int(part["min-exponent-digits"] ?? "2") ?? 2, 1)
                out += number(part) + "E+" + String(repeating: "0", count: exp)
            case "fraction":
                let whole = Int(part["min-integer-digits"] ?? "0") ?? 0
                let num = max(Int(part["min-numerator-digits"] ?? "1") ?? 1, 1)
                let den = max(Int(part["min-denominator-digits"] ?? "1") ?? 1, 1)
                out += (whole > 0 ? "# " : "") + String(repeating: "?", count: num) + "/"
                if let fixed = part["denominator-value"] { out += fixed } else { out += String(repeating: "?", count: den) }
            case "text":
                out += literal(part.text)
            case "currency-symbol":
                out += "[$" + part.text + "]"
            case "text-content":
                out += "@"
            case "year": out += long ? "yyyy" : "yy"
            case "month":
                if part["textual"] == "true" { out += long ? "mmmm" : "mmm" } else { out += long ? "mm" : "m" }
            case "day": out += long ? "dd" : "d"
            case "day-of-week": out += long ? "dddd" : "ddd"
            case "hours": out += long ? "hh" : "h"
            case "minutes": out += long ? "mm" : "m"
            case "seconds":
                out += long ? "ss" : "s"
                if let d = Int(part["decimal-places"] ?? ""), d > 0 { out += "." + String(repeating: "0", count: min(d, 9)) }
            case "am-pm": out += "AM/PM"
            case "quarter": out += long ? "\"Q\"q" : "q"
            default: continue
            }
        }
        return out
    }

    /// `number:number`: decimals, minimum integer digits, grouping.
    private static func number(_ part: ODSNode) -> String {
        let decimals = min(max(Int(part["decimal-places"] ?? "0") ?? 0, 0), 30)
        let minInt = min(max(Int(part["min-integer-digits"] ?? "1") ?? 1, 0), 30)
        var int = String(repeating: "0", count: minInt)
        if part["grouping"] == "true" {
            int = minInt >= 4 ? int : String(repeating: "#", count: 4 - max(minInt, 0)) + int
            // Insert the thousands separator as Excel writes it: #,##0
            var chars = Array(int)
            if chars.count >= 4 { chars.insert(",", at: chars.count - 3) }
            int = String(chars)
        } else if int.isEmpty {
            int = "#"
        }
        return decimals > 0 ? int + "." + String(repeating: "0", count: decimals) : int
    }

    /// A literal piece of format text: safe characters as they are, anything else quoted.
    private static func literal(_ s: String) -> String {
        if s.isEmpty { return "" }
        let safe: Set<Character> = ["-", "/", ":", ".", ",", " ", "(", ")", "%", "$", "+"]
        if s.allSatisfy({ safe.contains($0) }) { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "") + "\""
    }

    /// Wraps the leading unit of a time code in brackets: `hh:mm:ss` → `[hh]:mm:ss`.
    private static func elapsed(_ code: String) -> String {
        for unit in ["hh", "h", "mm", "m", "ss", "s"] {
            if let r = code.range(of: unit) {
                return code.replacingCharacters(in: r, with: "[" + unit + "]")
            }
        }
        return code
    }

    private static func colorName(_ hex: String) -> String? {
        switch hex.lowercased() {
        case "#ff0000": return "Red"
        case "#0000ff": return "Blue"
        case "#00ff00": return "Green"
        default: return nil
        }
    }
}

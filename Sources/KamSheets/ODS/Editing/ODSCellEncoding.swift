import KamXML

/// Writing values, texts and formulas the way ODS cells hold them (and the ODS reader reads them back).
enum ODSCellEncoding {
    /// The value attributes (`office:value-type`, `calcext:value-type`, `office:value`…) of a value; `keepType` is
    /// the cell's old `office:value-type`, kept for numbers when it was `percentage` or `currency`.
    static func attributes(_ value: CellValue, keepType: String?, currency: String?) -> [(String, String)] {
        switch value {
        case .string(let s):
            _ = s
            return [("office:value-type", "string"), ("calcext:value-type", "string")]
        case .number(let d):
            if let t = keepType, t == "percentage" || t == "currency" {
                var a = [("office:value-type", t), ("calcext:value-type", t), ("office:value", number(d))]
                if t == "currency", let currency { a.append(("office:currency", currency)) }
                return a
            }
            return [("office:value-type", "float"), ("calcext:value-type", "float"), ("office:value", number(d))]
        case .bool(let b):
            return [("office:value-type", "boolean"), ("calcext:value-type", "boolean"), ("office:boolean-value", b ? "true" : "false")]
        case .date(let d):
            return [("office:value-type", "date"), ("calcext:value-type", "date"), ("office:date-value", d.isoDate)]
        case .dateTime(let d):
            return [("office:value-type", "date"), ("calcext:value-type", "date"), ("office:date-value", d.isoDateTime)]
        case .time(let t):
            var s = "PT" + pad(t.hour) + "H" + pad(t.minute) + "M" + pad(t.second)
            if t.microsecond != 0 {
                var f = String(t.microsecond)
                f = String(repeating: "0", count: 6 - f.count) + f
                while f.hasSuffix("0") { f.removeLast() }
                s += "." + f
            }
            return [("office:value-type", "time"), ("calcext:value-type", "time"), ("office:time-value", s + "S")]
        case .duration(let secs):
            return [("office:value-type", "time"), ("calcext:value-type", "time"), ("office:time-value", CivilDateTime.isoDuration(secs))]
        case .error:
            return [("office:value-type", "string"), ("calcext:value-type", "error"), ("office:string-value", "")]
        }
    }

    /// The text shown in the cell's paragraphs.
    static func displayText(_ value: CellValue) -> String {
        switch value {
        case .number(let d): return NumberText.format(d)
        default: return value.text
        }
    }

    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "0" }
        return NumberText.format(d)
    }

    private static func pad(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    /// Writes `text` as paragraphs: one `text:p` per line; runs of spaces as `text:s`, tabs as `text:tab`
    /// (ODF collapses white space in paragraphs).
    static func paragraphs(_ text: String, into out: inout XMLByteWriter) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = Substring(line)
            if l.hasSuffix("\r") { l = l.dropLast() }
            out.raw("<text:p>")
            var spaces = 0
            var atStart = true
            func flushSpaces(_ out: inout XMLByteWriter) {
                guard spaces > 0 else { return }
                // The first space of a run is kept as is unless it starts the paragraph.
                var n = spaces
                if !atStart { out.raw(" "); n -= 1 }
                if n > 0 { out.raw("<text:s text:c=\""); out.int(n); out.raw("\"/>") }
                spaces = 0
            }
            var chunk = ""
            for ch in l {
                if ch == " " {
                    if !chunk.isEmpty { out.text(chunk); chunk = ""; atStart = false }
                    spaces += 1
                    continue
                }
                flushSpaces(&out)
                if ch == "\t" {
                    if !chunk.isEmpty { out.text(chunk); chunk = "" }
                    out.raw("<text:tab/>")
                } else {
                    chunk.append(ch)
                }
                atStart = false
            }
            if !chunk.isEmpty { out.text(chunk) }
            if spaces > 0 { out.raw("<text:s text:c=\""); out.int(spaces); out.raw("\"/>") }
            out.raw("</text:p>")
        }
    }

    // MARK: Formulas and addresses

    /// An A1 formula (`SUM(B2:B9)*2`, `Data!A1`) as an ODF one (`of:=SUM([.B2:.B9])*2`); ODF formulas are kept.
    static func odfFormula(_ formula: String) -> String {
        var f = formula
        if f.hasPrefix("of:") || f.hasPrefix("msoxl:") { return f }
        if f.hasPrefix("=") { f.removeFirst() }
        let chars = Array(f.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                var j = i + 1
                while j < chars.count {
                    if chars[j] == "\"" {
                        if j + 1 < chars.count && chars[j + 1] == "\"" { j += 2; continue }
                        break
                    }
                    j += 1
                }
                let end = min(j + 1, chars.count)
                out.append(contentsOf: chars[i..<end])
                i = end
                continue
            }
            if c == "," { out.append(";"); i += 1; continue }
            var sheet: String?
            var j = i
            if c == "'" {
                var k = i + 1
                var name = ""
                while k < chars.count {
                    if chars[k] == "'" {
                        if k + 1 < chars.count && chars[k + 1] == "'" { name.append("'"); k += 2; continue }
                        break
                    }
                    name.unicodeScalars.append(chars[k])
                    k += 1
                }
                guard k + 1 < chars.count, chars[k + 1] == "!" else {
                    let end = min(k + 1, chars.count)
                    out.append(contentsOf: chars[i..<end])
                    i = end
                    continue
                }
                sheet = name
                j = k + 2
            } else if !FormulaReferenceShifter.isWordChar(c) {
                out.append(c)
                i += 1
                continue
            }
            var k = j
            while k < chars.count, FormulaReferenceShifter.isWordChar(chars[k]) { k += 1 }
            var word = String(String.UnicodeScalarView(chars[j..<k]))
            if k < chars.count, chars[k] == "(", sheet == nil {
                out.append(contentsOf: chars[i..<k])
                i = k
                continue
            }
            if sheet == nil, let bang = word.lastIndex(of: "!") {
                sheet = String(word[..<bang])
                word = String(word[word.index(after: bang)...])
            }
            if let r = odfReference(word, sheet: sheet) {
                out.append(contentsOf: ("[" + r + "]").unicodeScalars)
            } else {
                out.append(contentsOf: chars[i..<k])
            }
            i = k
        }
        return "of:=" + String(out)
    }

    /// `A1:B5` of `sheet` as `$Sheet.A1:.B5` (`.A1:.B5` without a sheet); nil when not a reference.
    static func odfReference(_ ref: String, sheet: String?) -> String? {
        let halves = ref.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard halves.count == 1 || halves.count == 2 else { return nil }
        var parts: [FormulaReferenceShifter.Part] = []
        for h in halves {
            guard let p = FormulaReferenceShifter.parsePart(h) else { return nil }
            parts.append(p)
        }
        if parts.count == 1 && (parts[0].col == nil || parts[0].row == nil) { return nil }
        if parts.count == 2 {
            let cells = parts.allSatisfy { $0.col != nil && $0.row != nil }
            let cols = parts.allSatisfy { $0.col != nil && $0.row == nil }
            let rows = parts.allSatisfy { $0.col == nil && $0.row != nil }
            guard cells || cols || rows else { return nil }
        }
        let prefix = sheet.map { "$" + quoteSheet($0) + "." } ?? "."
        var s = prefix + parts[0].text
        if parts.count == 2 { s += ":." + parts[1].text }
        return s
    }

    /// A sheet name quoted when ODF needs it.
    static func quoteSheet(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
            && !(name.unicodeScalars.first.map { ("0"..."9").contains($0) } ?? true)
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// An A1 range formula (`Sheet!$A$1:$B$2`) as an ODF range address (`$Sheet.$A$1:.$B$2`) and its base cell,
    /// or nil when it is not a plain range of a sheet.
    static func odfRangeAddress(_ formula: String) -> (range: String, base: String)? {
        var f = formula.trimmingCharacters(in: .whitespaces)
        if f.hasPrefix("=") { f.removeFirst() }
        var sheet: String
        var ref: String
        if f.hasPrefix("'") {
            guard let close = f.range(of: "'!", options: .backwards) else { return nil }
            sheet = String(f[f.index(after: f.startIndex)..<close.lowerBound]).replacingOccurrences(of: "''", with: "'")
            ref = String(f[close.upperBound...])
        } else {
            guard let bang = f.lastIndex(of: "!") else { return nil }
            sheet = String(f[..<bang])
            ref = String(f[f.index(after: bang)...])
        }
        guard !sheet.isEmpty, let r = odfReference(ref, sheet: sheet) else { return nil }
        let first = ref.split(separator: ":").first.map(String.init) ?? ref
        guard let b = odfReference(first, sheet: sheet) else { return nil }
        return (r, b)
    }
}

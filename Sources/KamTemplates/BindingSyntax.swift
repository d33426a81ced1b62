import Foundation

/// The binding language of kam templates (docs/templates.md): `{{path | format}}` tags in cell text, and
/// `{{#each collection where … sort … limit …}}` marking a repeating row.

/// One step of a path: a name, optionally with a `[key]` (an index from 0 or a key word such as a KPI metric).
public struct PathStep: Sendable, Hashable {
    public var name: String
    public var key: String?
    public init(_ name: String, key: String? = nil) { self.name = name; self.key = key }
}

/// A path into the model: `plan.kpis[satisfaction].target`; relative (`.name`, `.`) inside a repeating row;
/// `@n` is the row's number from 1.
public struct ValuePath: Sendable, Hashable, CustomStringConvertible {
    public var steps: [PathStep]
    /// True for `.name` paths, read from the row's item.
    public var relative: Bool
    public init(steps: [PathStep], relative: Bool) { self.steps = steps; self.relative = relative }

    /// The path as written.
    public var description: String {
        let body = steps.map { s in s.key.map { "\(s.name)[\($0)]" } ?? s.name }.joined(separator: ".")
        return relative ? "." + body : body
    }

    /// `@n`, the row number.
    public var isRowNumber: Bool { !relative && steps.count == 1 && steps[0].name == "@n" }
}

/// How a value is written into a cell and read back.
public enum ValueFormat: String, Sendable, Hashable, CaseIterable {
    /// Percent points (90 for 90 %) written as a fraction in a percent-formatted cell.
    case percent
    /// An amount with two decimals and thousands separators.
    case money
    /// A number rounded to a whole.
    case int
    /// A plain number.
    case number
    /// A date.
    case date
    /// Text as is.
    case text
    /// A vocabulary value's code (`important_value`) instead of its Chinese label.
    case code
    /// A list of texts, one a line.
    case lines
}

/// A `{{path | format}}` tag.
public struct ValueTag: Sendable, Hashable {
    public var path: ValuePath
    public var format: ValueFormat?
    public init(path: ValuePath, format: ValueFormat? = nil) { self.path = path; self.format = format }
}

/// A filter condition of `#each … where`.
public struct Condition: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case truthy = "", falsy = "!", equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<="
        case greater = ">", greaterOrEqual = ">="
    }
    public var field: ValuePath
    public var op: Operator
    /// The literal compared with (absent for truthy/falsy).
    public var literal: String?
}

/// A sort key of `#each … sort`: a field, descending when written with a leading `-`.
public struct SortKey: Sendable, Hashable {
    public var field: ValuePath
    public var descending: Bool
}

/// `{{#each collection where c1 and c2 sort -a,b limit n}}`.
public struct EachDirective: Sendable, Hashable {
    public var collection: ValuePath
    public var conditions: [Condition]
    public var sort: [SortKey]
    public var limit: Int?
    /// The directive as written inside the braces (without `#each`).
    public var source: String
}

/// A piece of a cell's text: literal text or a tag.
public enum TemplatePart: Sendable, Hashable {
    case literal(String)
    case tag(ValueTag)
}

/// The parsed text of a bound cell.
public struct CellTemplate: Sendable, Hashable {
    /// The `#each` directive the cell starts a repeating row with, if any.
    public var each: EachDirective?
    /// The cell's content without the directive.
    public var parts: [TemplatePart]
    /// The cell's text as written (directive included).
    public var source: String

    /// The tags in order.
    public var tags: [ValueTag] { parts.compactMap { if case .tag(let t) = $0 { t } else { nil } } }

    /// The single tag when the cell holds one tag and nothing else (its value keeps its type); nil for text
    /// around tags or several tags (the cell is then text).
    public var soleTag: ValueTag? {
        let nonEmpty = parts.filter { if case .literal(let s) = $0 { !s.trimmingCharacters(in: .whitespaces).isEmpty } else { true } }
        if nonEmpty.count == 1, case .tag(let t) = nonEmpty[0] { return t }
        return nil
    }
}

/// A binding that does not parse, with where and why.
public struct BindingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var reason: String
    /// Sheet and cell, when known.
    public var sheet: String?
    public var cell: String?
    public var description: String {
        let at = [sheet, cell].compactMap { $0 }.joined(separator: "!")
        return (at.isEmpty ? "" : at + ": ") + "\(reason) in \(text)"
    }
}

/// Parses cell text into a `CellTemplate`.
public enum BindingParser {
    /// The template of a cell's text, or nil when it holds no `{{`.
    /// - Throws: `BindingError` for an unclosed tag, an unknown format, a bad path or directive.
    public static func parseCell(_ text: String) throws(BindingError) -> CellTemplate? {
        guard text.contains("{{") else { return nil }
        var parts: [TemplatePart] = []
        var each: EachDirective?
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw BindingError(text: text, reason: "a {{ without its }}")
            }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if inner.hasPrefix("#each") {
                guard each == nil else { throw BindingError(text: text, reason: "two #each in one cell") }
                each = try parseEach(String(inner.dropFirst(5)), whole: text)
            } else {
                parts.append(.tag(try parseTag(inner, whole: text)))
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        return CellTemplate(each: each, parts: parts, source: text)
    }

    /// Parses `path | format`.
    public static func parseTag(_ inner: String, whole: String) throws(BindingError) -> ValueTag {
        let pieces = inner.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = pieces.first, !first.isEmpty else { throw BindingError(text: whole, reason: "an empty tag") }
        let path = try parsePath(first, whole: whole)
        var format: ValueFormat?
        if pieces.count == 2 {
            guard let f = ValueFormat(rawValue: pieces[1].lowercased()) else {
                throw BindingError(text: whole, reason: "unknown format \(pieces[1]) (known: \(ValueFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            format = f
        }
        return ValueTag(path: path, format: format)
    }

    /// Parses `a.b[key].c`, `.name`, `.`, `@n`.
    public static func parsePath(_ text: String, whole: String) throws(BindingError) -> ValuePath {
        if text == "@n" { return ValuePath(steps: [PathStep("@n")], relative: false) }
        if text == "." { return ValuePath(steps: [], relative: true) }
        var t = Substring(text)
        let relative = t.hasPrefix(".")
        if relative { t = t.dropFirst() }
        var steps: [PathStep] = []
        for raw in t.split(separator: ".", omittingEmptySubsequences: false) {
            var name = raw, key: String?
            if let b = raw.firstIndex(of: "[") {
                guard raw.hasSuffix("]") else { throw BindingError(text: whole, reason: "a [ without its ] in \(text)") }
                key = String(raw[raw.index(after: b)..<raw.index(before: raw.endIndex)]).trimmingCharacters(in: .whitespaces)
                name = raw[..<b]
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), key?.isEmpty != true else {
                throw BindingError(text: whole, reason: "not a path: \(text)")
            }
            steps.append(PathStep(String(name), key: key))
        }
        return ValuePath(steps: steps, relative: relative)
    }

    /// Parses the words after `#each`.
    static func parseEach(_ body: String, whole: String) throws(BindingError) -> EachDirective {
        let words = tokenize(body)
        guard let first = words.first else { throw BindingError(text: whole, reason: "#each without a collection") }
        var d = EachDirective(collection: try parsePath(first, whole: whole), conditions: [], sort: [], limit: nil,
                              source: body.trimmingCharacters(in: .whitespaces))
        var i = 1
        var clause = ""
        while i < words.count {
            let w = words[i]
            switch w.lowercased() {
            case "where", "sort", "limit": clause = w.lowercased(); i += 1; continue
            case "and" where clause == "where": i += 1; continue
            default: break
            }
            switch clause {
            case "where":
                if w.hasPrefix("!") || w.lowercased() == "not" {
                    let f = w.hasPrefix("!") && w.count > 1 ? String(w.dropFirst()) : (i + 1 < words.count ? words[i + 1] : "")
                    if !(w.hasPrefix("!") && w.count > 1) { i += 1 }
                    d.conditions.append(Condition(field: try parsePath(f, whole: whole), op: .falsy, literal: nil))
                    i += 1
                } else if i + 2 < words.count, let op = Condition.Operator(rawValue: words[i + 1]), op != .truthy, op != .falsy {
                    d.conditions.append(Condition(field: try parsePath(w, whole: whole), op: op, literal: words[i + 2]))
                    i += 3
                } else {
                    d.conditions.append(Condition(field: try parsePath(w, whole: whole), op: .truthy, literal: nil))
                    i += 1
                }
            case "sort":
                for k in w.split(separator: ",") {
                    let desc = k.hasPrefix("-")
                    d.sort.append(SortKey(field: try parsePath(String(desc || k.hasPrefix("+") ? k.dropFirst() : k), whole: whole),
                                          descending: desc))
                }
                i += 1
            case "limit":
                guard let n = Int(w), n >= 0 else { throw BindingError(text: whole, reason: "limit needs a number, not \(w)") }
                d.limit = n
                i += 1
            default:
                throw BindingError(text: whole, reason: "unexpected \(w) (expected where, sort or limit)")
            }
        }
        // Condition and sort fields name the item's own fields: `keyAccount` means `.keyAccount`.
        for i in d.conditions.indices where !d.conditions[i].field.isRowNumber { d.conditions[i].field.relative = true }
        for i in d.sort.indices { d.sort[i].field.relative = true }
        return d
    }

    /// Splits on spaces, keeping quoted text whole and operators as words of their own.
    static func tokenize(_ s: String) -> [String] {
        var out: [String] = [], cur = ""
        var quote: Character?
        let chars = Array(s)
        var i = 0
        func flush() { if !cur.isEmpty { out.append(cur); cur = "" } }
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil; out.append(cur); cur = "" } else { cur.append(c) }
            } else if c == "'" || c == "\"" || c == "‘" || c == "“" {
                flush(); quote = c == "‘" ? "’" : c == "“" ? "”" : c
            } else if c == " " || c == "\u{3000}" {
                flush()
            } else if "=<>".contains(c) || (c == "!" && i + 1 < chars.count && chars[i + 1] == "=") {
                flush()
                var op = String(c)
                if i + 1 < chars.count, chars[i + 1] == "=" { op.append("="); i += 1 }
                out.append(op)
            } else {
                cur.append(c)
            }
            i += 1
        }
        flush()
        return out
    }
}

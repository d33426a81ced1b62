import KamSheets

/// Reads text (MODEL.md): trimmed (also U+3000 and NBSP), inner line breaks kept (CR LF folded to LF).
public enum TextNormalizer {
    public static func text(_ value: CellValue?) -> Normalized<String> {
        guard let value else { return .empty }
        if case .error = value { return .empty }
        var raw = value.text
        // Foundation's replacingOccurrences is costly per cell; most cells hold no CR at all.
        if raw.utf8.contains(0x0D) {
            raw = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        let s = TextFolding.trim(raw)
        return s.isEmpty ? .empty : .value(s)
    }

    /// A list in one cell (`preferences`), split at `；` `;` `、` `|` and line breaks; items trimmed, empty ones
    /// dropped.
    public static func list(_ value: CellValue?) -> Normalized<[String]> {
        guard case .value(let s) = text(value) else { return .empty }
        let items = s.split(whereSeparator: { "；;、|\n".contains($0) }).map { TextFolding.trim(String($0)) }
            .filter { !$0.isEmpty }
        return items.isEmpty ? .empty : .value(items)
    }
}

/// Reads yes/no cells (MODEL.md): true for 是 Y Yes ✓ √ 1 TRUE, false for 否 N No 0 FALSE; an empty cell is
/// `.empty` (which `keyAccount` reads as false). Anything else is `invalid` with `unknown-label`.
public enum BoolNormalizer {
    static let yes: Set<String> = ["是", "y", "yes", "✓", "✔", "√", "☑", "1", "true", "t", "对", "有", "是的", "重点", "ok"]
    static let no: Set<String> = ["否", "n", "no", "✗", "✘", "×", "☐", "0", "false", "f", "不是", "无", "非"]

    public static func bool(_ value: CellValue?) -> Normalized<Bool> {
        guard let value else { return .empty }
        switch value {
        case .bool(let b): return .value(b)
        case .number(let d):
            if d == 1 { return .value(true) }
            if d == 0 { return .value(false) }
        case .string(let s):
            let key = HeaderNormalizer.strip(TextFolding.halfWidth(TextFolding.trim(s)).lowercased())
            if key.isEmpty { return .empty }
            if yes.contains(key) { return .value(true) }
            if no.contains(key) { return .value(false) }
        default: break
        }
        return .invalid(ValueIssue(.unknownLabel, original: value.text, reason: "neither yes nor no"))
    }
}

/// Reads vocabulary values (MODEL.md vocabularies): a cell's text is matched, after the header folding
/// (half-width, case, Traditional → Simplified, spaces), against each value's labels, its raw value, then the
/// extra synonyms of `LabelSynonyms`, then the labels without a trailing `客户`/`会员`; unknown → `unknown-label`.
public struct LabelNormalizer: Sendable {
    private var index: [String: String] = [:]

    /// A normaliser over a vocabulary: each raw value with its labels (zh-Hans, zh-Hant, en, …), plus extra
    /// `label → raw value` synonyms.
    public init(vocabulary: [(rawValue: String, labels: [String])], synonyms: [String: String] = [:]) {
        var trimmedSuffix: [String: String] = [:]
        for (raw, labels) in vocabulary {
            for text in [raw] + labels {
                let k = HeaderNormalizer.key(text)
                if !k.isEmpty, index[k] == nil { index[k] = raw }
                for suffix in ["客户", "会员"] where k.hasSuffix(suffix) && k.count > suffix.count {
                    let short = String(k.dropLast(suffix.count))
                    if trimmedSuffix[short] == nil { trimmedSuffix[short] = raw }
                }
            }
        }
        for (text, raw) in synonyms.sorted(by: { $0.key < $1.key }) {
            let k = HeaderNormalizer.key(text)
            if !k.isEmpty, index[k] == nil { index[k] = raw }
        }
        for (k, raw) in trimmedSuffix where index[k] == nil { index[k] = raw }
    }

    /// A normaliser for a named vocabulary with this package's extra synonyms for it.
    public init(_ name: VocabularyName, vocabulary: [(rawValue: String, labels: [String])]) {
        self.init(vocabulary: vocabulary, synonyms: LabelSynonyms.extra[name] ?? [:])
    }

    /// The raw value of a cell's label.
    public func label(_ value: CellValue?) -> Normalized<String> {
        guard let value else { return .empty }
        let typed = TextFolding.trim(value.text)
        if typed.isEmpty { return .empty }
        if let raw = index[HeaderNormalizer.key(typed)] { return .value(raw) }
        return .invalid(ValueIssue(.unknownLabel, original: typed, reason: "not a known label"))
    }
}

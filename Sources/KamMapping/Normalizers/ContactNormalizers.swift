import KamSheets

/// Reads phone numbers (MODEL.md): digits only; a leading `+` stays for non-Chinese numbers; `86`/`+86`/`0086`
/// before an 11-digit mobile is dropped (before a landline it becomes the trunk `0`); `138 0013 8000` →
/// `13800138000`; `010-1234 5678` → `01012345678`. Text with letters, or with a digit count no phone has, is
/// invalid.
public enum PhoneNormalizer {
    public static func phone(_ value: CellValue?) -> Normalized<String> {
        guard let value else { return .empty }
        let original = value.text
        let text: String
        switch value {
        case .string(let s): text = s
        case .number(let d):
            guard d.isFinite, d == d.rounded(), d >= 0 else { return invalid(original, "not a phone number") }
            text = NumberText.format(d)
        default: return invalid(original, "not a phone number")
        }
        let s = TextFolding.halfWidth(TextFolding.trim(text))
        if s.isEmpty { return .empty }
        var digitBytes: [UInt8] = []
        var plus = false
        // By scalar, not Character: a phone is ASCII, and grapheme breaking cost more than the rest of reading it.
        for (i, u) in s.unicodeScalars.enumerated() {
            switch u {
            case "0"..."9": digitBytes.append(UInt8(u.value))
            case "+" where digitBytes.isEmpty && i == 0: plus = true
            case " ", "-", "(", ")", ".", "/": continue
            case _ where TextFolding.isBlank(u): continue
            default: return invalid(original, "has characters other than digits")
            }
        }
        var digits = String(decoding: digitBytes, as: UTF8.self)
        // International prefix `00` means the same as `+`.
        if !plus, digits.hasPrefix("00"), digits.count > 9 { plus = true; digits.removeFirst(2) }
        var chinese = false
        if digits.hasPrefix("86"), plus || digits.count == 13 {
            let rest = String(digits.dropFirst(2))
            if rest.count == 11, rest.hasPrefix("1") {
                digits = rest; chinese = true
            } else if plus, (9...11).contains(rest.count) {
                digits = rest.hasPrefix("0") ? rest : "0" + rest; chinese = true
            }
        }
        if plus && !chinese {
            guard (7...15).contains(digits.count) else { return invalid(original, "wrong number of digits") }
            return .value("+" + digits)
        }
        let valid: Bool
        if digits.hasPrefix("1") {
            valid = digits.count == 11 // mobile
        } else if digits.hasPrefix("0") {
            valid = (10...12).contains(digits.count) // area code + local number
        } else {
            valid = (7...8).contains(digits.count) || (digits.hasPrefix("400") || digits.hasPrefix("800"))
                && digits.count == 10 // local number, service number
        }
        return valid ? .value(digits) : invalid(original, "wrong number of digits")
    }

    private static func invalid(_ original: String, _ reason: String) -> Normalized<String> {
        .invalid(ValueIssue(.invalidPhone, original: original, reason: reason))
    }
}

/// Reads email addresses (MODEL.md): trimmed and lower-cased; an invalid one is reported, and its issue carries
/// the text as typed (trimmed) so that it can be kept.
public enum EmailNormalizer {
    public static func email(_ value: CellValue?) -> Normalized<String> {
        guard let value else { return .empty }
        let typed = TextFolding.trim(value.text)
        if typed.isEmpty { return .empty }
        let s = TextFolding.halfWidth(typed).lowercased()
        guard isValid(s) else { return .invalid(ValueIssue(.invalidEmail, original: typed, reason: "not an address")) }
        return .value(s)
    }

    /// A practical check: one `@`, a local part of letters, digits and `.!#$%&'*+/=?^_`{|}~-` (no leading,
    /// trailing or double dot), a domain of two or more dot-separated labels of letters, digits and `-`, the last
    /// one letters only.
    public static func isValid(_ s: String) -> Bool {
        // Every character an address may hold is ASCII, so the check runs over bytes (grapheme iteration cost
        // more than the rest of an import's value).
        s.utf8.withContiguousStorageIfAvailable(isValid) ?? Array(s.utf8).withUnsafeBufferPointer(isValid)
    }

    private static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count <= 254, b.allSatisfy({ $0 < 0x80 }),
              let at = b.firstIndex(of: UInt8(ascii: "@")), b.lastIndex(of: UInt8(ascii: "@")) == at else { return false }
        let local = b[..<at], domain = b[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
        let dot = UInt8(ascii: "."), dash = UInt8(ascii: "-")
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        guard local.allSatisfy({ isLetter($0) || isDigit($0) || localSymbols.contains($0) }),
              local.first != dot, local.last != dot,
              !zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot }) else { return false }
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != dash, label.last != dash,
                  label.allSatisfy({ isLetter($0) || isDigit($0) || $0 == dash }) else { return false }
        }
        guard let tld = labels.last, tld.count >= 2, tld.allSatisfy(isLetter) else { return false }
        return true
    }

    private static let localSymbols = Set(".!#$%&'*+/=?^_`{|}~-".utf8)
}

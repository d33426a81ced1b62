import Foundation
import KamModel

/// One validation rule: looks at the input and reports findings of its code(s).
public protocol Rule: Sendable {
    /// The codes this rule reports.
    var codes: [FindingCode] { get }
    func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding]
}

/// Runs the rules and orders their findings (by file, sheet, row, column, code).
public struct Validator: Sendable {
    public var rules: [any Rule]
    public var settings: ValidationSettings

    /// The standard rules of CONTRACTS.md that apply to customers and sheets.
    public static let standardRules: [any Rule] = [
        MissingFieldRule(), MissingKeyAccountFieldRule(), DuplicateIDRule(), ConflictingValueRule(),
        ProbableDuplicateRule(), SharedContactRule(), DateOrderRule(), TotalMismatchRule(), SLABreachRule(),
        SegmentMismatchRule(), MissingPlanFieldRule(),
    ]

    public init(rules: [any Rule] = Validator.standardRules, settings: ValidationSettings = ValidationSettings()) {
        self.rules = rules
        self.settings = settings
    }

    /// The rules' findings plus `extra` (e.g. extraction's), with severities overridden, sorted.
    public func validate(_ input: ValidationInput, extra: [Finding] = []) -> [Finding] {
        // Rules are independent and read the same input: they run side by side.
        let rules = self.rules, settings = self.settings
        let results = Parallel.map(rules.count) { i in rules[i].check(input, settings: settings) }
        var all = extra
        for found in results { all += found }
        for i in all.indices { if let s = settings.severities[all[i].code] { all[i].severity = s } }
        return Self.sorted(all)
    }

    /// Findings in reading order: file, sheet, row, column; store findings last.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        let keys = findings.map(\.sortKey)
        return findings.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }.map { findings[$0] }
    }
}

extension Finding {
    var sortKey: String {
        guard let l = location else { return "\u{10FFFF}" }
        let letters = l.cell.prefix { $0.isLetter }
        let digits = Int(l.cell.drop { $0.isLetter }) ?? 0
        let row = String(repeating: "0", count: max(0, 8 - String(digits).count)) + String(digits)
        let col = String(repeating: " ", count: max(0, 3 - letters.count)) + letters
        return "\(l.file)\u{1}\(l.sheet)\u{1}\(row)\(col)"
    }
}

/// Helpers shared by the rules.
enum RuleSupport {
    /// The customer id text.
    static func id(_ c: Customer) -> String? { c.id.rawValue.isEmpty ? nil : c.id.rawValue }

    static func related(_ l: SourceLocation?, _ value: String? = nil) -> [Finding.Related] {
        l.map { [Finding.Related(location: $0, value: value)] } ?? []
    }
}


import Foundation
import Yams

/// A mapping profile: what a team pins for its own files when recognition alone is not enough — a header's field,
/// a sheet's record kind, the header row, month-first dates. Read from YAML:
///
/// ```yaml
/// monthFirst: false            # default for every file
/// synonyms:                    # extra header texts, everywhere
///   客户简称: name
/// rules:
///   - file: "销售部*.xlsx"      # glob on the file name (not the path); omitted = any file
///     sheet: "客户名单"          # glob on the sheet name; omitted = any sheet
///     kind: customer           # customer, contact, transaction, contract, interaction, feedback, survey, serviceAction
///     headerRow: 3             # 1-based, as a person sees it
///     monthFirst: true         # read `3/5/2024` as March 5 (without it such text is ambiguous)
///     columns:                 # header text → field path, or `extra` to keep it unmapped
///       内部代码: extra
///       对接人: contacts.name
/// ```
/// Later rules override earlier ones where both match.
public struct MappingProfile: Sendable, Hashable, Codable {
    public var monthFirst: Bool?
    public var synonyms: [String: String]?
    public var rules: [Rule]?

    /// One rule, applying to the files and sheets its globs match.
    public struct Rule: Sendable, Hashable, Codable {
        public var file: String?
        public var sheet: String?
        public var kind: RecordKind?
        public var headerRow: Int?
        public var monthFirst: Bool?
        public var columns: [String: String]?

        public init(file: String? = nil, sheet: String? = nil, kind: RecordKind? = nil, headerRow: Int? = nil,
                    monthFirst: Bool? = nil, columns: [String: String]? = nil) {
            self.file = file; self.sheet = sheet; self.kind = kind; self.headerRow = headerRow
            self.monthFirst = monthFirst; self.columns = columns
        }
    }

    public init(monthFirst: Bool? = nil, synonyms: [String: String]? = nil, rules: [Rule]? = nil) {
        self.monthFirst = monthFirst
        self.synonyms = synonyms
        self.rules = rules
    }

    /// Why a profile could not be read.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// The profile file, when read from one.
        public var file: String?
        public var reason: String
        public var description: String { (file.map { "\($0): " } ?? "") + reason }
    }

    /// Parses YAML text; unknown field paths are errors so that typos do not silently unpin a column.
    public static func parse(yaml: String, file: String? = nil) throws(Error) -> MappingProfile {
        let profile: MappingProfile
        do {
            if yaml.allSatisfy({ $0.isWhitespace }) { return MappingProfile() }
            profile = try YAMLDecoder().decode(MappingProfile.self, from: yaml)
        } catch {
            throw Error(file: file, reason: "not a mapping profile: \(error)")
        }
        var paths = Array((profile.synonyms ?? [:]).values)
        for rule in profile.rules ?? [] {
            paths += (rule.columns ?? [:]).values
            if let h = rule.headerRow, h < 1 { throw Error(file: file, reason: "headerRow must be 1 or more, not \(h)") }
        }
        for p in paths where p != ColumnPin.extraWord && FieldCatalog.field(path: p) == nil {
            throw Error(file: file, reason: "unknown field path '\(p)'")
        }
        return profile
    }

    /// Reads a profile file.
    public static func load(path: String) throws(Error) -> MappingProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Error(file: path, reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Error(file: path, reason: "not UTF-8 text") }
        return try parse(yaml: text, file: path)
    }

    /// What the profile says for one sheet of one file (`file` is a name or path; only its last component counts).
    public func settings(file: String?, sheet: String) -> SheetSettings {
        var s = SheetSettings(monthFirst: monthFirst ?? false)
        let fileName = file.map { ($0 as NSString).lastPathComponent }
        for rule in rules ?? [] {
            if let g = rule.file, !(fileName.map { Glob.matches(g, $0) } ?? false) { continue }
            if let g = rule.sheet, !Glob.matches(g, sheet) { continue }
            if let k = rule.kind { s.kind = k }
            if let h = rule.headerRow { s.headerRow = h - 1 }
            if let m = rule.monthFirst { s.monthFirst = m }
            for (header, target) in rule.columns ?? [:] {
                s.columns[HeaderNormalizer.key(header)] = target == ColumnPin.extraWord ? .extra : .field(target)
            }
        }
        return s
    }
}

/// What a profile pins a header to.
public enum ColumnPin: Sendable, Hashable {
    /// A field path (`contacts.name`).
    case field(String)
    /// No field: keep the column in `extra` (and report nothing new).
    case extra

    static let extraWord = "extra"
}

/// The profile's settings for one sheet.
public struct SheetSettings: Sendable, Hashable {
    /// Forced record kind, or nil to decide from the headers and sheet name.
    public var kind: RecordKind?
    /// Forced header row, 0-based.
    public var headerRow: Int?
    /// Read `3/5/2024` as March 5 (otherwise such text is ambiguous).
    public var monthFirst: Bool
    /// Pinned columns by normalised header key.
    public var columns: [String: ColumnPin]

    public init(kind: RecordKind? = nil, headerRow: Int? = nil, monthFirst: Bool = false,
                columns: [String: ColumnPin] = [:]) {
        self.kind = kind
        self.headerRow = headerRow
        self.monthFirst = monthFirst
        self.columns = columns
    }
}

/// `*` and `?` wildcards, case-insensitive, over whole names.
enum Glob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern.lowercased()), n = Array(name.lowercased())
        var pi = 0, ni = 0, star = -1, mark = 0
        while ni < n.count {
            if pi < p.count, p[pi] == "?" || p[pi] == n[ni] {
                pi += 1; ni += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = ni; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ni = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// The `kam.report/1` validation report (CONTRACTS.md).
public struct ReportDocument: Sendable, Codable, Equatable {
    public static let formatName = "kam.report/1"

    public var format: String
    public var summary: Summary
    public var findings: [Finding]

    public init(summary: Summary, findings: [Finding]) {
        format = Self.formatName
        self.summary = summary
        self.findings = findings
    }

    /// Counts.
    public struct Summary: Sendable, Codable, Equatable {
        public var records: Int
        public var errors: Int
        public var warnings: Int
        public var infos: Int
        public init(records: Int, errors: Int, warnings: Int, infos: Int) {
            self.records = records
            self.errors = errors
            self.warnings = warnings
            self.infos = infos
        }
    }

    /// A place: file, sheet, cell, and the value there.
    public struct Place: Sendable, Codable, Equatable {
        public var file: String?
        public var sheet: String?
        public var cell: String?
        public var value: String?
        public init(file: String?, sheet: String?, cell: String?, value: String?) {
            self.file = file
            self.sheet = sheet
            self.cell = cell
            self.value = value
        }
    }

    /// One finding.
    public struct Finding: Sendable, Codable, Equatable {
        public var code: String
        public var severity: String
        public var file: String?
        public var sheet: String?
        public var cell: String?
        public var record: String?
        public var field: String?
        public var message: String
        public var value: String?
        public var expected: String?
        public var related: [Place]

        public init(code: String, severity: String, file: String?, sheet: String?, cell: String?, record: String?,
                    field: String?, message: String, value: String?, expected: String?, related: [Place]) {
            self.code = code
            self.severity = severity
            self.file = file
            self.sheet = sheet
            self.cell = cell
            self.record = record
            self.field = field
            self.message = message
            self.value = value
            self.expected = expected
            self.related = related
        }
    }

    /// The report as ordered JSON (keys in the contract's order; `value` null when absent).
    public var json: JSONValue {
        func opt(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return .object([
            ("format", .string(format)),
            ("summary", .object([("records", .number(Double(summary.records))), ("errors", .number(Double(summary.errors))),
                                 ("warnings", .number(Double(summary.warnings))), ("infos", .number(Double(summary.infos)))])),
            ("findings", .array(findings.map { f in
                var pairs: [(String, JSONValue)] = [("code", .string(f.code)), ("severity", .string(f.severity))]
                if let v = f.file { pairs.append(("file", .string(v))) }
                if let v = f.sheet { pairs.append(("sheet", .string(v))) }
                if let v = f.cell { pairs.append(("cell", .string(v))) }
                if let v = f.record { pairs.append(("record", .string(v))) }
                if let v = f.field { pairs.append(("field", .string(v))) }
                pairs.append(("message", .string(f.message)))
                pairs.append(("value", opt(f.value)))
                if let v = f.expected { pairs.append(("expected", .string(v))) }
                pairs.append(("related", .array(f.related.map { p in
                    var q: [(String, JSONValue)] = []
                    if let v = p.file { q.append(("file", .string(v))) }
                    if let v = p.sheet { q.append(("sheet", .string(v))) }
                    if let v = p.cell { q.append(("cell", .string(v))) }
                    q.append(("value", opt(p.value)))
                    return .object(q)
                })))
                return .object(pairs)
            })),
        ])
    }
}

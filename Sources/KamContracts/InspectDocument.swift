/// The output of `kam inspect FILE --json` (CONTRACTS.md), also the format of `corpus/expected/*.json`.
public struct InspectDocument: Sendable, Codable, Equatable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// One sheet: name, visibility, kind for non-worksheets, and its non-empty cells by A1 reference.
    public struct Sheet: Sendable, Codable, Equatable {
        public var name: String
        /// `visible`, `hidden` or `veryHidden`.
        public var visible: String
        /// `ChartSheet` etc. for sheets that are not worksheets.
        public var kind: String?
        public var cells: [String: Cell]
        /// The A1 keys in row-major order (not part of the JSON's decoded form; kept for writing).
        public var order: [String]

        enum CodingKeys: String, CodingKey { case name, visible, kind, cells }

        public init(name: String, visible: String, kind: String? = nil, cells: [(String, Cell)]) {
            self.name = name
            self.visible = visible
            self.kind = kind
            self.cells = Dictionary(cells, uniquingKeysWith: { a, _ in a })
            self.order = cells.map(\.0)
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            visible = try c.decode(String.self, forKey: .visible)
            kind = try c.decodeIfPresent(String.self, forKey: .kind)
            cells = try c.decodeIfPresent([String: Cell].self, forKey: .cells) ?? [:]
            order = cells.keys.sorted()
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(visible, forKey: .visible)
            try c.encodeIfPresent(kind, forKey: .kind)
            try c.encode(cells, forKey: .cells)
        }

        public static func == (a: Sheet, b: Sheet) -> Bool {
            a.name == b.name && a.visible == b.visible && a.kind == b.kind && a.cells == b.cells
        }
    }

    /// A cell's `type` and `value`.
    public struct Cell: Sendable, Codable, Equatable {
        /// `string`, `number`, `bool`, `date`, `datetime`, `time`, `duration` or `error`.
        public var type: String
        public var value: Value

        public init(type: String, value: Value) {
            self.type = type
            self.value = value
        }
    }

    /// A cell value as JSON holds it.
    public enum Value: Sendable, Codable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else { self = .string(try c.decode(String.self)) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .number(let d): try c.encode(d)
            case .bool(let b): try c.encode(b)
            }
        }

        var json: JSONValue {
            switch self {
            case .string(let s): return .string(s)
            case .number(let d): return .number(d)
            case .bool(let b): return .bool(b)
            }
        }
    }

    /// The document as ordered JSON: sheets in workbook order, cells in row-major order.
    public var json: JSONValue {
        .object([("sheets", .array(sheets.map { s in
            var pairs: [(String, JSONValue)] = [("name", .string(s.name)), ("visible", .string(s.visible))]
            if let k = s.kind { pairs.append(("kind", .string(k))) }
            pairs.append(("cells", .object(s.order.compactMap { key in
                s.cells[key].map { (key, JSONValue.object([("type", .string($0.type)), ("value", $0.value.json)])) }
            })))
            return .object(pairs)
        }))])
    }
}

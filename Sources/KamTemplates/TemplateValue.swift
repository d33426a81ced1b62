import Foundation
import KamModel

/// A value in the tree templates are filled from: the model, its computed figures, the plan.
public indirect enum TemplateValue: Sendable, Hashable {
    case null
    case text(String)
    case number(Decimal)
    case bool(Bool)
    case date(LocalDate)
    case dateTime(LocalDateTime)
    /// A vocabulary value: its JSON code and its Chinese label.
    case vocab(code: String, label: String)
    case list([TemplateValue])
    case object(TemplateObject)

    /// A vocabulary value.
    public static func of<V: Vocabulary>(_ v: V?) -> TemplateValue {
        v.map { .vocab(code: $0.rawValue, label: $0.labels.zhHans) } ?? .null
    }
    public static func of(_ s: String?) -> TemplateValue { s.map { .text($0) } ?? .null }
    public static func of(_ d: Decimal?) -> TemplateValue { d.map { .number($0) } ?? .null }
    public static func of(_ n: Int?) -> TemplateValue { n.map { .number(Decimal($0)) } ?? .null }
    public static func of(_ d: LocalDate?) -> TemplateValue { d.map { .date($0) } ?? .null }
    public static func of(_ d: LocalDateTime?) -> TemplateValue { d.map { .dateTime($0) } ?? .null }
    public static func of(_ b: Bool?) -> TemplateValue { b.map { .bool($0) } ?? .null }

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// Whether a `where field` condition holds: non-empty, non-zero, true.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .text(let s): !s.isEmpty
        case .number(let n): n != 0
        case .bool(let b): b
        case .list(let l): !l.isEmpty
        default: true
        }
    }

    /// The member `name` of an object (nil for anything else or an unknown name).
    public func member(_ name: String) -> TemplateValue {
        if case .object(let o) = self { return o.fields[name] ?? .null }
        return .null
    }

    /// `[key]` on a list: an index from 0, else the item whose key (KPI metric, segment, id, …) is `key`.
    public func item(_ key: String) -> TemplateValue {
        guard case .list(let items) = self else { return .null }
        if let i = Int(key) { return items.indices.contains(i) ? items[i] : .null }
        return items.first { if case .object(let o) = $0 { o.key == key } else { false } } ?? .null
    }

    /// The text a person reads: Chinese labels for vocabularies, ISO dates, numbers to 2 decimals.
    public var text: String {
        switch self {
        case .null: ""
        case .text(let s): s
        case .number(let n): n.jsonNumberText(scale: 2) ?? ""
        case .bool(let b): b ? "是" : "否"
        case .date(let d): d.iso
        case .dateTime(let d): d.iso.replacingOccurrences(of: "T", with: " ")
        case .vocab(_, let label): label
        case .list(let l): l.map(\.text).joined(separator: "；")
        case .object(let o): o.key ?? ""
        }
    }

    /// Orders values for `sort`: numbers and dates by value, text by code points; nil when incomparable.
    static func compare(_ a: TemplateValue, _ b: TemplateValue) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.date(let x), .date(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.dateTime(let x), .dateTime(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        default:
            if a.isNull || b.isNull { return nil }
            let x = a.comparable, y = b.comparable
            return x < y ? -1 : x > y ? 1 : 0
        }
    }

    private var comparable: String { if case .vocab(let code, _) = self { code } else { text } }
}

/// An object of the template tree: named fields, and the key `[key]` finds it by in a list.
public struct TemplateObject: Sendable, Hashable {
    public var fields: [String: TemplateValue]
    public var key: String?
    public init(_ fields: [String: TemplateValue], key: String? = nil) {
        self.fields = fields
        self.key = key
    }
}

/// Evaluating paths, filters and sorts over a tree.
public struct TemplateScope: Sendable {
    /// The top of the tree (`customer`, `customers`, `plan`, `metrics`, …).
    public var root: TemplateValue
    /// The current row's item, inside a repeating row.
    public var item: TemplateValue?
    /// The current row's number from 1.
    public var rowNumber: Int?

    public init(root: TemplateValue, item: TemplateValue? = nil, rowNumber: Int? = nil) {
        self.root = root
        self.item = item
        self.rowNumber = rowNumber
    }

    /// The value a path names (`.null` when anything along it is missing).
    public func resolve(_ path: ValuePath) -> TemplateValue {
        if path.isRowNumber { return .of(rowNumber) }
        var v = path.relative ? (item ?? .null) : root
        for step in path.steps {
            v = v.member(step.name)
            if let k = step.key { v = v.item(k) }
        }
        return v
    }

    /// The items of an `#each`, filtered, sorted and limited.
    public func items(_ d: EachDirective) -> [TemplateValue] {
        guard case .list(var items) = resolve(d.collection) else { return [] }
        items = items.filter { it in
            let s = TemplateScope(root: root, item: it)
            return d.conditions.allSatisfy { s.holds($0) }
        }
        if !d.sort.isEmpty {
            items = items.enumerated().sorted { a, b in
                let sa = TemplateScope(root: root, item: a.element), sb = TemplateScope(root: root, item: b.element)
                for k in d.sort {
                    let x = sa.resolve(k.field), y = sb.resolve(k.field)
                    // Empty values go last whichever the direction.
                    if x.isNull != y.isNull { return y.isNull }
                    if let c = TemplateValue.compare(x, y), c != 0 { return k.descending ? c > 0 : c < 0 }
                }
                return a.offset < b.offset
            }.map(\.element)
        }
        if let n = d.limit { items = Array(items.prefix(n)) }
        return items
    }

    func holds(_ c: Condition) -> Bool {
        let v = resolve(c.field)
        switch c.op {
        case .truthy: return v.isTruthy
        case .falsy: return !v.isTruthy
        default: break
        }
        let lit = c.literal ?? ""
        let rhs: TemplateValue
        switch v {
        case .number: rhs = Decimal(exactText: lit).map { .number($0) } ?? .text(lit)
        case .date: rhs = LocalDate(iso: lit).map { .date($0) } ?? .text(lit)
        case .bool: rhs = .bool(["true", "是", "1", "yes"].contains(lit.lowercased()))
        case .vocab(let code, let label):
            let same = lit == code || lit == label
            return c.op == .equal ? same : c.op == .notEqual ? !same : false
        default: rhs = .text(lit)
        }
        guard let r = TemplateValue.compare(v, rhs) else { return c.op == .notEqual }
        switch c.op {
        case .equal: return r == 0
        case .notEqual: return r != 0
        case .less: return r < 0
        case .lessOrEqual: return r <= 0
        case .greater: return r > 0
        case .greaterOrEqual: return r >= 0
        case .truthy, .falsy: return false
        }
    }
}

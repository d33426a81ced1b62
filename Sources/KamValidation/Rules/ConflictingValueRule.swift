import KamModel

/// `conflicting-value`: one customer's field holds different values in two places — two sheets, two files, or a
/// sheet and the store. Located on the later place's cell; related: the earlier one (or the store's value).
public struct ConflictingValueRule: Rule {
    public var codes: [FindingCode] { [.conflictingValue] }
    public init() {}

    /// Paths never compared: the key itself, and list-like text.
    static let ignored: Set<String> = ["id"]

    /// The first path (in the later row's column order) both rows state with different values.
    static func firstDifference(_ a: SourceRow, _ b: SourceRow) -> String? {
        differences(a, b).first
    }

    static func differences(_ a: SourceRow, _ b: SourceRow) -> [String] {
        let paths = b.values.keys.filter { !ignored.contains($0) }.sorted { p, q in
            let cp = b.cells[p].map { columnIndex($0.cell) } ?? Int.max
            let cq = b.cells[q].map { columnIndex($0.cell) } ?? Int.max
            return cp != cq ? cp < cq : p < q
        }
        return paths.filter { p in a.values[p].map { $0 != b.values[p] } ?? false }
    }

    static func columnIndex(_ a1: String) -> Int {
        a1.prefix { $0.isLetter }.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
    }

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var out: [Finding] = []
        var seen: [String: [SourceRow]] = [:]
        for r in input.rows where r.record == "customer" {
            guard let id = r.values["id"] else { continue }
            var reported = Set<String>()
            for e in seen[id] ?? [] where e.sheet != r.sheet || e.file != r.file {
                for path in Self.differences(e, r) where reported.insert(path).inserted {
                    out.append(Finding(code: .conflictingValue, location: r.cells[path], record: id, field: path,
                                       fieldLabel: r.headers[path], value: r.values[path],
                                       related: RuleSupport.related(e.cells[path], e.values[path])))
                }
            }
            seen[id, default: []].append(r)
        }
        if let store = input.storeCustomers {
            let byID = Dictionary(store.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
            for r in input.rows where r.record == "customer" {
                guard let id = r.customerID, let s = byID[id] else { continue }
                let stored = CanonicalValues.of(s)
                for (path, value) in r.values where !Self.ignored.contains(path) {
                    guard let sv = stored[path], sv != value else { continue }
                    out.append(Finding(code: .conflictingValue, location: r.cells[path], record: id, field: path,
                                       fieldLabel: r.headers[path], value: value,
                                       related: [Finding.Related(location: nil, value: sv)]))
                }
            }
        }
        return out
    }
}

import KamModel

/// `duplicate-id`: the same typed customer id on two rows of one sheet whose other fields differ. Located on the
/// later row's id cell; related: the earlier row's id cell and both cells of the first differing field. (The same
/// id on two sheets is one customer spread over them; differences there are `conflicting-value`.)
public struct DuplicateIDRule: Rule {
    public var codes: [FindingCode] { [.duplicateID] }
    public init() {}

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var seen: [String: [SourceRow]] = [:]
        var out: [Finding] = []
        for r in input.rows where r.record == "customer" {
            guard let id = r.values["id"] else { continue }
            let key = "\(r.file)\u{1}\(r.sheet)\u{1}\(id)"
            for e in seen[key] ?? [] {
                guard let path = ConflictingValueRule.firstDifference(e, r) else { continue }
                var related = RuleSupport.related(e.cells["id"], id)
                related += RuleSupport.related(r.cells[path], r.values[path])
                related += RuleSupport.related(e.cells[path], e.values[path])
                out.append(Finding(code: .duplicateID, location: r.cells["id"], record: id, field: path,
                                   fieldLabel: r.headers[path], value: id, related: related))
                break
            }
            seen[key, default: []].append(r)
        }
        return out
    }
}

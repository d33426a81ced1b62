import KamModel

/// `shared-contact`: one phone or e-mail belongs to two different customers (of different names; same names are
/// a `probable-duplicate`). Located on the later customer's cell; related: the earlier one's.
public struct SharedContactRule: Rule {
    public var codes: [FindingCode] { [.sharedContact] }
    public init() {}

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var owners: [String: (Customer, String)] = [:]
        var out: [Finding] = []
        for c in input.customers {
            var done = Set<String>()
            for (j, contact) in c.contacts.enumerated() {
                for (field, value) in [("phone", contact.phone), ("mobile", contact.mobile), ("email", contact.email)] {
                    guard let value, let key = MatchKey.of(value) else { continue }
                    let path = "contacts[\(j)].\(field)"
                    if let (e, ePath) = owners[key] {
                        guard e.id != c.id, MatchKey.of(e.name) != MatchKey.of(c.name),
                              done.insert(key).inserted else { continue }
                        out.append(Finding(code: .sharedContact, location: c.provenance[path], record: c.id.rawValue,
                                           field: field == "email" ? "email" : "phone", value: value,
                                           related: RuleSupport.related(e.provenance[ePath], e.id.rawValue)))
                    } else {
                        owners[key] = (c, path)
                    }
                }
            }
        }
        return out
    }
}

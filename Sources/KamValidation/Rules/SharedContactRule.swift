import KamModel

/// `shared-contact`: one phone or e-mail belongs to two different customers (of different names; same names are
/// a `probable-duplicate`). Located on the later customer's cell; related: the earlier one's.
public struct SharedContactRule: Rule {
    public var codes: [FindingCode] { [.sharedContact] }
    public init() {}

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        // The first owner of each key: its customer's index, contact index and field (paths are spelled only for
        // findings, which are rare).
        var owners: [String: (customer: Int, contact: Int, field: String)] = [:]
        var out: [Finding] = []
        let customers = input.customers
        for (i, c) in customers.enumerated() {
            var done = Set<String>()
            for (j, contact) in c.contacts.enumerated() {
                for (field, value) in [("phone", contact.phone), ("mobile", contact.mobile), ("email", contact.email)] {
                    guard let value, let key = MatchKey.of(value) else { continue }
                    if let owner = owners[key] {
                        let e = customers[owner.customer]
                        guard e.id != c.id, MatchKey.of(e.name) != MatchKey.of(c.name),
                              done.insert(key).inserted else { continue }
                        out.append(Finding(code: .sharedContact, location: c.provenance["contacts[\(j)].\(field)"],
                                           record: c.id.rawValue, field: field == "email" ? "email" : "phone",
                                           value: value,
                                           related: RuleSupport.related(
                                            e.provenance["contacts[\(owner.contact)].\(owner.field)"], e.id.rawValue)))
                    } else {
                        owners[key] = (i, j, field)
                    }
                }
            }
        }
        return out
    }
}

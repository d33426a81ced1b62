import KamModel

/// `probable-duplicate`: two customer ids with the same normalised name. Located on the later customer's name
/// cell; related: the earlier one's. (Shared phones and e-mails are `shared-contact`.)
public struct ProbableDuplicateRule: Rule {
    public var codes: [FindingCode] { [.probableDuplicate] }
    public init() {}

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var first: [String: Customer] = [:]
        var out: [Finding] = []
        for c in input.customers {
            guard let key = MatchKey.of(c.name) else { continue }
            if let e = first[key] {
                guard e.id != c.id else { continue }
                out.append(Finding(code: .probableDuplicate, location: c.provenance["name"], record: c.id.rawValue,
                                   field: "name", value: c.name,
                                   related: RuleSupport.related(e.provenance["name"], e.id.rawValue)))
            } else {
                first[key] = c
            }
        }
        return out
    }
}

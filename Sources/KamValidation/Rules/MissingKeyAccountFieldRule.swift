import KamModel

/// `missing-key-account-field`: a key account lacks its owner, or a primary contact with a phone or an e-mail.
/// Located on the owner cell (or the phone cell) of the customer's row, so that a person fills it in there.
public struct MissingKeyAccountFieldRule: Rule {
    public var codes: [FindingCode] { [.missingKeyAccountField] }
    public init() {}

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var rowsByID: [String: [SourceRow]] = [:]
        for r in input.rows where r.record == "customer" {
            if let id = r.customerID { rowsByID[id, default: []].append(r) }
        }
        var out: [Finding] = []
        for c in input.customers where c.keyAccount == true {
            let id = c.id.rawValue
            let rows = rowsByID[id] ?? []
            func cell(_ paths: [String]) -> SourceLocation? {
                for p in paths {
                    if let l = rows.lazy.compactMap({ $0.cells[p] }).first { return l }
                }
                return c.provenance["keyAccount"]
            }
            if settings.keyAccountRequires.contains("owner"), (c.owner ?? "").isEmpty {
                out.append(Finding(code: .missingKeyAccountField, location: cell(["owner", "keyAccount"]), record: id,
                                   field: "owner", related: RuleSupport.related(c.provenance["keyAccount"])))
            }
            if settings.keyAccountRequires.contains("primaryContact.phoneOrEmail") {
                let p = c.primaryContact
                let has = [p?.phone, p?.mobile, p?.email].contains { !($0 ?? "").isEmpty }
                if !has {
                    out.append(Finding(code: .missingKeyAccountField,
                                       location: cell(["contacts.phone", "contacts.mobile", "contacts.email",
                                                       "keyAccount"]),
                                       record: id, field: "contacts",
                                       related: RuleSupport.related(c.provenance["keyAccount"])))
                }
            }
        }
        return out
    }
}

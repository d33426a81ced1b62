import KamModel

/// `missing-field`: a required field is empty — customer name; transaction date or amount; feedback receivedAt
/// (the lists come from the configuration). A value extraction already rejected is not reported again.
public struct MissingFieldRule: Rule {
    public var codes: [FindingCode] { [.missingField] }
    public init() {}

    /// Row record → the configuration's record name.
    static let recordNames = ["customer": "customer", "transactions": "transaction", "feedback": "feedback",
                              "contacts": "contact", "contracts": "contract", "interactions": "interaction",
                              "surveys": "survey", "serviceActions": "serviceAction"]

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var out: [Finding] = []
        if !input.rows.isEmpty {
            for row in input.rows {
                guard let name = Self.recordNames[row.record] else { continue }
                for f in settings.requiredFields[name] ?? [] {
                    let path = row.record == "customer" ? f : "\(row.record).\(f)"
                    guard !row.states(path), let cell = row.cells[path] else { continue }
                    out.append(Finding(code: .missingField, location: cell, record: row.customerID, field: path,
                                       fieldLabel: row.headers[path]))
                }
            }
            return out
        }
        for c in input.customers {
            let id = RuleSupport.id(c)
            if (settings.requiredFields["customer"] ?? []).contains("name"), c.name.isEmpty {
                out.append(Finding(code: .missingField, location: c.provenance["name"], record: id, field: "name"))
            }
            let tx = settings.requiredFields["transaction"] ?? []
            for (i, t) in c.transactions.enumerated() {
                if tx.contains("date"), t.date == nil {
                    out.append(Finding(code: .missingField, location: c.provenance["transactions[\(i)].amount"],
                                       record: id, field: "transactions.date"))
                }
                if tx.contains("amount"), t.amount == nil {
                    out.append(Finding(code: .missingField, location: c.provenance["transactions[\(i)].date"],
                                       record: id, field: "transactions.amount"))
                }
            }
            if (settings.requiredFields["feedback"] ?? []).contains("receivedAt") {
                for (i, f) in c.feedback.enumerated() where f.receivedAt == nil {
                    out.append(Finding(code: .missingField, location: c.provenance["feedback[\(i)].description"],
                                       record: id, field: "feedback.receivedAt"))
                }
            }
        }
        return out
    }
}

import KamModel

/// `date-order`: an end before its start — feedback resolved or first answered before it was received, a
/// contract ending before it starts, an interaction's next date before its date. Located on the later field's
/// cell; related: the start's cell.
public struct DateOrderRule: Rule {
    public var codes: [FindingCode] { [.dateOrder] }
    public init() {}

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var out: [Finding] = []
        for c in input.customers {
            func report(_ end: String, _ start: String, _ value: String) {
                out.append(Finding(code: .dateOrder, location: c.provenance[end], record: c.id.rawValue,
                                   field: end.replacingOccurrences(of: #"\[\d+\]"#, with: "",
                                                                   options: .regularExpression),
                                   value: value, related: RuleSupport.related(c.provenance[start])))
            }
            for (i, f) in c.feedback.enumerated() {
                guard let r = f.receivedAt else { continue }
                if let x = f.resolvedAt, x < r { report("feedback[\(i)].resolvedAt", "feedback[\(i)].receivedAt", x.iso) }
                if let x = f.firstResponseAt, x < r {
                    report("feedback[\(i)].firstResponseAt", "feedback[\(i)].receivedAt", x.iso)
                }
            }
            for (i, k) in c.contracts.enumerated() {
                if let s = k.startsOn, let e = k.endsOn, e < s {
                    report("contracts[\(i)].endsOn", "contracts[\(i)].startsOn", e.iso)
                }
            }
            for (i, a) in c.interactions.enumerated() {
                if let d = a.date, let n = a.nextDate, n < d {
                    report("interactions[\(i)].nextDate", "interactions[\(i)].date", n.iso)
                }
            }
        }
        return out
    }
}

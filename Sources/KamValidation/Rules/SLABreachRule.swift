import KamModel

/// `sla-breach`: a complaint's first response came later than the configured hours after it was received.
/// Located on the first-response cell; related: the received cell.
public struct SLABreachRule: Rule {
    public var codes: [FindingCode] { [.slaBreach] }
    public init() {}

    public func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var out: [Finding] = []
        for c in input.customers {
            for (i, f) in c.feedback.enumerated() {
                guard let r = f.receivedAt, let x = f.firstResponseAt else { continue }
                let hours = Double(x.secondsSinceEpoch - r.secondsSinceEpoch) / 3600
                guard hours > Double(settings.slaHours) else { continue }
                out.append(Finding(code: .slaBreach, location: c.provenance["feedback[\(i)].firstResponseAt"],
                                   record: c.id.rawValue, field: "feedback.firstResponseAt", value: x.iso,
                                   expected: "≤ \(settings.slaHours) h",
                                   related: RuleSupport.related(c.provenance["feedback[\(i)].receivedAt"])))
            }
        }
        return out
    }
}

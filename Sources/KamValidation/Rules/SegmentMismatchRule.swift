import KamModel

/// `segment-mismatch`: the stated segment differs from the one computed from the customer's transactions.
/// Runs when the caller supplies computed segments (validation of the store).
struct SegmentMismatchRule: Rule {
    var codes: [FindingCode] { [.segmentMismatch] }

    func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        guard !input.computedSegments.isEmpty else { return [] }
        return input.customers.compactMap { c in
            guard let stated = c.segment, let computed = input.computedSegments[c.id.rawValue], stated != computed else {
                return nil
            }
            return Finding(code: .segmentMismatch, location: c.provenance["segment"], record: RuleSupport.id(c),
                           field: "segment", value: stated.rawValue, expected: computed.rawValue)
        }
    }
}

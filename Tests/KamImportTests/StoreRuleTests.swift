import KamModel
import Testing
@testable import KamValidation

@Suite struct StoreRuleTests {
    @Test("a stated segment that differs from the computed one is a segment-mismatch warning")
    func segmentMismatch() {
        var c = Customer(id: CustomerID("C1"), name: "甲")
        c.segment = .lowValue
        var input = ValidationInput(customers: [c])
        #expect(Validator().validate(input).filter { $0.code == .segmentMismatch }.isEmpty, "not checked without computed segments")
        input.computedSegments = ["C1": .importantValue]
        let f = Validator().validate(input).filter { $0.code == .segmentMismatch }
        #expect(f.count == 1)
        #expect(f.first?.severity == .warning)
        #expect(f.first?.expected == "important_value")
    }

    @Test("a plan without a period, or a KPI without a target, is a missing-plan-field warning")
    func missingPlanField() {
        var input = ValidationInput(customers: [])
        input.plans = [Plan(id: "P1", title: "年度计划", kpis: [KPI(metric: .satisfaction)])]
        let f = Validator().validate(input).filter { $0.code == .missingPlanField }
        #expect(f.map(\.field) == ["period", "kpis[0].target"])
    }
}

import KamModel

/// `missing-plan-field`: a plan lacks its period, or one of its KPIs lacks a target.
struct MissingPlanFieldRule: Rule {
    var codes: [FindingCode] { [.missingPlanField] }

    func check(_ input: ValidationInput, settings: ValidationSettings) -> [Finding] {
        var out: [Finding] = []
        for plan in input.plans {
            if plan.periodStart == nil || plan.periodEnd == nil {
                out.append(Finding(code: .missingPlanField, location: nil, record: plan.id, field: "period",
                                   fieldLabel: "周期", expected: "a period start and end"))
            }
            for (i, kpi) in plan.kpis.enumerated() where kpi.target == nil {
                out.append(Finding(code: .missingPlanField, location: nil, record: plan.id, field: "kpis[\(i)].target",
                                   fieldLabel: kpi.name ?? kpi.metric?.rawValue ?? "KPI", expected: "a target"))
            }
        }
        return out
    }
}

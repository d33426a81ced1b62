import Foundation
import KamModel
import KamSheets

/// A plan list item a template row reads back into: fields set by name from what was typed.
public protocol PlanRowItem: Sendable {
    init()
    /// Sets the field `name` from a cell's value; unknown or read-only names are ignored.
    mutating func set(_ name: String, _ value: CellValue?, _ format: ValueFormat?)
    /// The key `[key]` finds the item by (KPI metric, risk text, …).
    var rowKey: String? { get }
    /// Whether nothing was read into it.
    var isBlank: Bool { get }
}

private func text(_ v: CellValue?) -> String? { ValueConversion.text(v) }
private func num(_ v: CellValue?, _ f: ValueFormat?) -> Decimal? { ValueConversion.decimal(v, f) }

extension Strategy: PlanRowItem {
    public init() { self.init(title: nil) }
    public mutating func set(_ name: String, _ v: CellValue?, _ f: ValueFormat?) {
        switch name {
        case "title": title = text(v)
        case "description": description = text(v)
        case "segment": segment = ValueConversion.vocab(text(v), Segment.self)
        default: break
        }
    }
    public var rowKey: String? { segment?.rawValue ?? title }
    public var isBlank: Bool { title == nil && description == nil && segment == nil }
}

extension Phase: PlanRowItem {
    public init() { self.init(name: nil) }
    public mutating func set(_ field: String, _ v: CellValue?, _ f: ValueFormat?) {
        switch field {
        case "name": name = text(v)
        case "start": start = ValueConversion.date(v)
        case "end": end = ValueConversion.date(v)
        case "tasks":
            tasks = (text(v) ?? "").split(whereSeparator: { "；;\n\r".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default: break
        }
    }
    public var rowKey: String? { name }
    public var isBlank: Bool { name == nil && start == nil && end == nil && tasks.isEmpty }
}

extension KPI: PlanRowItem {
    public init() { self.init(metric: nil) }
    public mutating func set(_ field: String, _ v: CellValue?, _ f: ValueFormat?) {
        switch field {
        case "metric":
            let t = text(v)
            metric = ValueConversion.vocab(t, KPIMetric.self) ?? (t == nil ? nil : .custom)
            if metric == .custom, name == nil { name = t }
        case "name":
            name = text(v)
            if metric == nil, let m = ValueConversion.vocab(name, KPIMetric.self) { metric = m }
        case "baseline": baseline = num(v, f)
        case "target": target = num(v, f)
        case "actual": actual = num(v, f)
        case "unit": unit = text(v)
        case "dueOn": dueOn = ValueConversion.date(v)
        default: break
        }
    }
    public var rowKey: String? { metric == .custom || metric == nil ? name : metric?.rawValue }
    public var isBlank: Bool { metric == nil && name == nil && baseline == nil && target == nil && actual == nil && dueOn == nil }
}

extension Risk: PlanRowItem {
    public init() { self.init(risk: nil) }
    public mutating func set(_ field: String, _ v: CellValue?, _ f: ValueFormat?) {
        switch field {
        case "risk": risk = text(v)
        case "likelihood": likelihood = text(v)
        case "impact": impact = text(v)
        case "countermeasure": countermeasure = text(v)
        default: break
        }
    }
    public var rowKey: String? { risk }
    public var isBlank: Bool { risk == nil && likelihood == nil && impact == nil && countermeasure == nil }
}

extension BudgetItem: PlanRowItem {
    public init() { self.init(item: nil) }
    public mutating func set(_ field: String, _ v: CellValue?, _ f: ValueFormat?) {
        switch field {
        case "item": item = text(v)
        case "amount": amount = num(v, f).map { $0.rounded(scale: 2) }
        default: break
        }
    }
    public var rowKey: String? { item }
    public var isBlank: Bool { item == nil && amount == nil }
}

extension CareStep: PlanRowItem {
    public init() { self.init(step: nil) }
    public mutating func set(_ field: String, _ v: CellValue?, _ f: ValueFormat?) {
        switch field {
        case "step": step = text(v)
        case "cadence": cadence = text(v)
        case "owner": owner = text(v)
        default: break
        }
    }
    public var rowKey: String? { step }
    public var isBlank: Bool { step == nil && cadence == nil && owner == nil }
}

/// A text list item (`plan.goals`, `plan.problems`), read from `{{.}}`.
struct TextItem: PlanRowItem {
    var value: String?
    init() {}
    mutating func set(_ field: String, _ v: CellValue?, _ f: ValueFormat?) {
        if field == "" || field == "text" { value = text(v) }
    }
    var rowKey: String? { value }
    var isBlank: Bool { value == nil }
}

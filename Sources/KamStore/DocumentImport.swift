import KamModel

/// How an imported document meets what the store already holds.
public enum ImportMode: String, Sendable, Hashable, CaseIterable {
    /// Customers and plans are replaced by id; others stay (the default of `kam import`).
    case merge
    /// The store becomes the document: customers and plans not in it are removed.
    case replace
}

/// What an import changed.
public struct ImportSummary: Sendable, Hashable {
    public var customersAdded = 0
    public var customersUpdated = 0
    public var customersRemoved = 0
    public var plansWritten = 0
    public var plansRemoved = 0

    public init() {}
}

extension StoreWriting {
    /// Writes a workspace document into the store, customers whole by id (call inside one `write`).
    ///
    /// A customer given twice in the document keeps the last one. A plan without an id gets `P0001`, `P0002`,
    /// … (the first free ones).
    /// - Throws: `StoreError` when a constraint refuses a value; the caller's transaction then rolls back.
    public func importDocument(_ document: WorkspaceDocument, mode: ImportMode) throws -> ImportSummary {
        var summary = ImportSummary()
        if mode == .replace {
            let keep = Set(document.customers.map(\.id))
            for id in try customerIDs() where !keep.contains(id) {
                try deleteCustomer(id)
                summary.customersRemoved += 1
            }
            let keepPlans = Set(document.plans.map(\.id))
            for plan in try fetchPlans() where !keepPlans.contains(plan.id) {
                try deletePlan(id: plan.id)
                summary.plansRemoved += 1
            }
        }
        var seen: Set<CustomerID> = []
        for customer in document.customers {
            let isNew = try upsertCustomer(customer)
            if seen.insert(customer.id).inserted {
                if isNew { summary.customersAdded += 1 } else { summary.customersUpdated += 1 }
            }
        }
        var planIDs = Set(try fetchPlans().map(\.id)).union(document.plans.map(\.id))
        var next = 1
        for var plan in document.plans {
            if plan.id.isEmpty {
                while planIDs.contains(Self.planID(next)) { next += 1 }
                plan.id = Self.planID(next)
                planIDs.insert(plan.id)
            }
            try upsertPlan(plan)
            summary.plansWritten += 1
        }
        return summary
    }

    private static func planID(_ n: Int) -> String {
        let digits = String(n)
        return "P" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

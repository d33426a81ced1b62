import Foundation
import KamModel

/// Reading and changing the store's customers in the flat form the merge works on.
enum StoreSide {
    // MARK: Customers

    static func values(of c: Customer) -> RecordValues {
        var v: RecordValues = [:]
        for col in KeyAccountLayout.customerColumns where col.bound {
            if let t = col.get(c), !t.isEmpty { v[col.path] = t }
        }
        for (k, t) in c.extra where !t.isEmpty { v["extra." + k] = t }
        return v
    }

    static func set(_ path: String, _ value: String?, on c: inout Customer) {
        if path.hasPrefix("extra.") {
            c.extra[String(path.dropFirst(6))] = value
            return
        }
        KeyAccountLayout.customerColumns.first { $0.path == path }?.set(&c, value)
    }

    // MARK: Child lists

    static func children(_ kind: SyncSheetKind, of c: Customer) -> [RecordValues] {
        func rows<R>(_ list: [R], _ cols: [SyncColumn<R>]) -> [RecordValues] {
            list.map { r in
                var v: RecordValues = [:]
                for col in cols { if let t = col.get(r), !t.isEmpty { v[col.path] = t } }
                return v
            }
        }
        switch kind {
        case .customers: return []
        case .transactions: return rows(c.transactions, KeyAccountLayout.transactionColumns)
        case .feedback: return rows(c.feedback, KeyAccountLayout.feedbackColumns)
        case .serviceActions: return rows(c.serviceActions, KeyAccountLayout.serviceActionColumns)
        case .contacts: return rows(c.contacts, KeyAccountLayout.contactColumns)
        }
    }

    /// The indices a child sheet shows: all, except the primary contact (it sits on the customer's row).
    static func eligible(_ kind: SyncSheetKind, of c: Customer) -> [Int] {
        let n: Int
        switch kind {
        case .customers: n = 0
        case .transactions: n = c.transactions.count
        case .feedback: n = c.feedback.count
        case .serviceActions: n = c.serviceActions.count
        case .contacts: n = c.contacts.count
        }
        if kind == .contacts, let p = c.primaryIndex { return (0..<n).filter { $0 != p } }
        return Array(0..<n)
    }

    static func setChild(_ kind: SyncSheetKind, _ c: inout Customer, index: Int, _ path: String, _ value: String?) {
        func apply<R>(_ list: inout [R], _ cols: [SyncColumn<R>]) {
            guard list.indices.contains(index), let col = cols.first(where: { $0.path == path }) else { return }
            col.set(&list[index], value)
        }
        switch kind {
        case .customers: return
        case .transactions: apply(&c.transactions, KeyAccountLayout.transactionColumns)
        case .feedback: apply(&c.feedback, KeyAccountLayout.feedbackColumns)
        case .serviceActions: apply(&c.serviceActions, KeyAccountLayout.serviceActionColumns)
        case .contacts: apply(&c.contacts, KeyAccountLayout.contactColumns)
        }
    }

    /// Appends a record built from values. - Returns: its index.
    static func appendChild(_ kind: SyncSheetKind, _ c: inout Customer, _ values: RecordValues) -> Int {
        func make<R>(_ empty: R, _ cols: [SyncColumn<R>]) -> R {
            var r = empty
            for col in cols { if let v = values[col.path] { col.set(&r, v) } }
            return r
        }
        switch kind {
        case .customers: return -1
        case .transactions:
            c.transactions.append(make(Transaction(), KeyAccountLayout.transactionColumns)); return c.transactions.count - 1
        case .feedback:
            c.feedback.append(make(Feedback(), KeyAccountLayout.feedbackColumns)); return c.feedback.count - 1
        case .serviceActions:
            c.serviceActions.append(make(ServiceAction(), KeyAccountLayout.serviceActionColumns)); return c.serviceActions.count - 1
        case .contacts:
            c.contacts.append(make(Contact(), KeyAccountLayout.contactColumns)); return c.contacts.count - 1
        }
    }

    static func removeChildren(_ kind: SyncSheetKind, _ c: inout Customer, indices: Set<Int>) {
        func drop<R>(_ list: inout [R]) { list = list.enumerated().filter { !indices.contains($0.offset) }.map(\.element) }
        switch kind {
        case .customers: return
        case .transactions: drop(&c.transactions)
        case .feedback: drop(&c.feedback)
        case .serviceActions: drop(&c.serviceActions)
        case .contacts: drop(&c.contacts)
        }
    }
}

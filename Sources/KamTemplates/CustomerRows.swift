import Foundation
import KamModel
import KamSheets

/// Reading back the rows of a `customers` block (the key-account table): the fields a team changed on a known
/// customer, and a new customer typed into the table. A row is matched by its `.id` column; a field is changed
/// only when what the cell says differs from the store, so untouched rows and read-only figures change nothing.
enum CustomerRows {
    /// The customer fields a `customers` block writes back; the others (`revenue`, `clv`, …) are computed.
    static let writable: Set<String> = ["name", "industry", "region", "address", "mainBusiness", "owner", "segment",
                                        "annualRevenue", "satisfaction", "purchaseHabits", "notes"]

    /// Applies one block row to `customers`; returns the id of the customer changed or added, or nil.
    /// - Parameter allowNew: whether an unknown id with a name makes a new customer (a block without `limit`).
    /// - Parameter keyAccount: whether a new customer is a key account (the block shows `where keyAccount`).
    static func apply(_ row: [(ValueTag, CellValue?)], to customers: inout [CustomerID: Customer], allowNew: Bool,
                      keyAccount: Bool) -> CustomerID? {
        func field(_ name: String) -> (ValueTag, CellValue?)? {
            row.first { $0.0.path.relative && $0.0.path.steps.count == 1 && $0.0.path.steps[0].name == name }
        }
        guard let idCell = field("id"), let idText = ValueConversion.text(idCell.1) else { return nil }
        let id = CustomerID(rawValue: idText)
        var customer: Customer
        var isNew = false
        if let known = customers[id] {
            customer = known
        } else {
            guard allowNew, let name = field("name").flatMap({ ValueConversion.text($0.1) }) else { return nil }
            customer = Customer(id: id, name: name)
            if keyAccount { customer.keyAccount = true }
            isNew = true
        }
        var changed = false
        for (tag, value) in row where tag.path.relative && tag.path.steps.count == 1 {
            let name = tag.path.steps[0].name
            guard writable.contains(name) else { continue }
            if set(name, value, tag.format, on: &customer) { changed = true }
        }
        guard changed || isNew else { return nil }
        customers[id] = customer
        return id
    }

    /// Sets one field when the cell says something else than the customer holds; true when it changed.
    static func set(_ name: String, _ v: CellValue?, _ f: ValueFormat?, on c: inout Customer) -> Bool {
        func text(_ kp: WritableKeyPath<Customer, String?>) -> Bool {
            let t = ValueConversion.text(v)
            guard t != c[keyPath: kp] else { return false }
            c[keyPath: kp] = t
            return true
        }
        func number(_ kp: WritableKeyPath<Customer, Decimal?>, scale: Int?) -> Bool {
            let n = ValueConversion.decimal(v, f)
            var shown = c[keyPath: kp]
            if let s = scale, let x = shown { shown = x.rounded(scale: s) }
            guard n != shown else { return false }
            c[keyPath: kp] = n
            return true
        }
        switch name {
        case "name":
            guard let t = ValueConversion.text(v), t != c.name else { return false }
            c.name = t
            return true
        case "industry": return text(\.industry)
        case "region": return text(\.region)
        case "address": return text(\.address)
        case "mainBusiness": return text(\.mainBusiness)
        case "owner": return text(\.owner)
        case "purchaseHabits": return text(\.purchaseHabits)
        case "notes": return text(\.notes)
        case "segment":
            let t = ValueConversion.text(v)
            let s = ValueConversion.vocab(t, Segment.self)
            guard t == nil || s != nil, s != c.segment else { return false }
            c.segment = s
            return true
        case "annualRevenue": return number(\.annualRevenue, scale: f == .money ? 2 : nil)
        case "satisfaction": return number(\.satisfaction, scale: nil)
        default: return false
        }
    }
}

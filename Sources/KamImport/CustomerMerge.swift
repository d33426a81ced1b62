import KamModel

/// Combining two drafts of one customer.
public enum CustomerMerge {
    /// `base` with every field it lacks taken from `other` (the first value met wins; differences are
    /// validation's `duplicate-id` / `conflicting-value`). Lists: the primary contact is filled field by field,
    /// other records are appended; `extra` and provenance are filled key by key.
    public static func filling(_ base: Customer, with other: Customer) -> Customer {
        var c = base
        func fill<T>(_ kp: WritableKeyPath<Customer, T?>) { if c[keyPath: kp] == nil { c[keyPath: kp] = other[keyPath: kp] } }
        if c.name.isEmpty { c.name = other.name }
        fill(\.kind); fill(\.industry); fill(\.region); fill(\.address); fill(\.foundedOn); fill(\.mainBusiness)
        fill(\.owner); fill(\.segment); fill(\.keyAccount); fill(\.lifecycle); fill(\.membership); fill(\.points)
        fill(\.annualRevenue); fill(\.revenueShare); fill(\.satisfaction); fill(\.gender); fill(\.birthDate)
        fill(\.occupation); fill(\.purchaseHabits); fill(\.notes)
        if c.preferences.isEmpty { c.preferences = other.preferences }
        for (i, oc) in other.contacts.enumerated() {
            if i < c.contacts.count, c.contacts[i].primary == oc.primary {
                var m = c.contacts[i]
                m.name = m.name ?? oc.name; m.title = m.title ?? oc.title; m.phone = m.phone ?? oc.phone
                m.mobile = m.mobile ?? oc.mobile; m.email = m.email ?? oc.email; m.wechat = m.wechat ?? oc.wechat
                m.preferredChannel = m.preferredChannel ?? oc.preferredChannel; m.birthday = m.birthday ?? oc.birthday
                c.contacts[i] = m
            } else if i >= c.contacts.count {
                c.contacts.append(oc)
            }
        }
        c.transactions += other.transactions
        c.contracts += other.contracts
        c.interactions += other.interactions
        c.feedback += other.feedback
        c.surveys += other.surveys
        c.serviceActions += other.serviceActions
        for (k, v) in other.extra where c.extra[k] == nil { c.extra[k] = v }
        for (k, v) in other.provenance where c.provenance[k] == nil { c.provenance[k] = v }
        return c
    }

    /// An imported draft laid over what the store holds: the draft's stated fields win, lists the draft has
    /// replace the store's (so a re-import never duplicates records), `extra` and provenance are overlaid.
    public static func updating(_ stored: Customer, with draft: Customer) -> Customer {
        var c = stored
        func take<T>(_ kp: WritableKeyPath<Customer, T?>) { if let v = draft[keyPath: kp] { c[keyPath: kp] = v } }
        if !draft.name.isEmpty { c.name = draft.name }
        take(\.kind); take(\.industry); take(\.region); take(\.address); take(\.foundedOn); take(\.mainBusiness)
        take(\.owner); take(\.segment); take(\.keyAccount); take(\.lifecycle); take(\.membership); take(\.points)
        take(\.annualRevenue); take(\.revenueShare); take(\.satisfaction); take(\.gender); take(\.birthDate)
        take(\.occupation); take(\.purchaseHabits); take(\.notes)
        if !draft.preferences.isEmpty { c.preferences = draft.preferences }
        if !draft.contacts.isEmpty { c.contacts = draft.contacts }
        if !draft.transactions.isEmpty { c.transactions = draft.transactions }
        if !draft.contracts.isEmpty { c.contracts = draft.contracts }
        if !draft.interactions.isEmpty { c.interactions = draft.interactions }
        if !draft.feedback.isEmpty { c.feedback = draft.feedback }
        if !draft.surveys.isEmpty { c.surveys = draft.surveys }
        if !draft.serviceActions.isEmpty { c.serviceActions = draft.serviceActions }
        for (k, v) in draft.extra { c.extra[k] = v }
        for (k, v) in draft.provenance { c.provenance[k] = v }
        return c
    }
}

import Foundation
import KamModel

/// A customer's scalar fields and its primary contact's fields as canonical text, keyed by field path
/// (`owner`, `annualRevenue`, `contacts.phone`): the form in which two places' values are compared.
public enum CanonicalValues {
    public static func of(_ c: Customer) -> [String: String] {
        var v: [String: String] = [:]
        func put(_ k: String, _ s: String?) { if let s, !s.isEmpty { v[k] = s } }
        func num(_ d: Decimal?) -> String? { d?.jsonNumberText(scale: 4) }
        put("name", c.name)
        put("kind", c.kind?.rawValue)
        put("industry", c.industry)
        put("region", c.region)
        put("address", c.address)
        put("foundedOn", c.foundedOn?.iso)
        put("mainBusiness", c.mainBusiness)
        put("owner", c.owner)
        put("segment", c.segment?.rawValue)
        put("keyAccount", c.keyAccount.map { $0 ? "true" : "false" })
        put("lifecycle", c.lifecycle?.rawValue)
        put("membership", c.membership?.rawValue)
        put("points", c.points.map(String.init))
        put("annualRevenue", num(c.annualRevenue))
        put("revenueShare", num(c.revenueShare))
        put("satisfaction", num(c.satisfaction))
        put("gender", c.gender?.rawValue)
        put("birthDate", c.birthDate?.iso)
        put("occupation", c.occupation)
        put("preferences", c.preferences.isEmpty ? nil : c.preferences.joined(separator: "；"))
        put("purchaseHabits", c.purchaseHabits)
        put("notes", c.notes)
        if let p = c.contacts.first(where: { $0.primary }) ?? c.contacts.first {
            put("contacts.name", p.name)
            put("contacts.title", p.title)
            put("contacts.phone", p.phone)
            put("contacts.mobile", p.mobile)
            put("contacts.email", p.email)
            put("contacts.wechat", p.wechat)
            put("contacts.preferredChannel", p.preferredChannel?.rawValue)
            put("contacts.birthday", p.birthday?.iso)
        }
        return v
    }
}

import Foundation

// The workspace JSON form of each model type: keys in MODEL.md's order, absent and empty values left
// out, money rounded to 2 decimals. One property per type, in the order the document nests them.

extension Customer {
    /// The customer's object in the workspace document (no provenance).
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("id", id.rawValue)
        b.add("name", name)
        b.add("kind", kind)
        b.add("industry", industry)
        b.add("region", region)
        b.add("address", address)
        b.add("foundedOn", foundedOn)
        b.add("mainBusiness", mainBusiness)
        b.add("owner", owner)
        b.add("segment", segment)
        b.add("keyAccount", keyAccount)
        b.add("lifecycle", lifecycle)
        b.add("membership", membership)
        b.add("points", points)
        b.add("annualRevenue", annualRevenue, scale: Decimal.moneyScale)
        b.add("revenueShare", revenueShare)
        b.add("satisfaction", satisfaction)
        b.add("gender", gender)
        b.add("birthDate", birthDate)
        b.add("occupation", occupation)
        b.add("preferences", preferences)
        b.add("purchaseHabits", purchaseHabits)
        b.add("notes", notes)
        b.add("contacts", contacts.map(\.canonicalJSON))
        b.add("transactions", transactions.map(\.canonicalJSON))
        b.add("contracts", contracts.map(\.canonicalJSON))
        b.add("interactions", interactions.map(\.canonicalJSON))
        b.add("feedback", feedback.map(\.canonicalJSON))
        b.add("surveys", surveys.map(\.canonicalJSON))
        b.add("serviceActions", serviceActions.map(\.canonicalJSON))
        b.add("extra", object: .object(extra.sortedPairs.map { ($0.key, .string($0.value)) }))
        return b.node
    }
}

extension Contact {
    /// The contact's object in the workspace document.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("name", name)
        b.add("title", title)
        b.add("phone", phone)
        b.add("mobile", mobile)
        b.add("email", email)
        b.add("wechat", wechat)
        b.add("preferredChannel", preferredChannel)
        b.add("birthday", birthday)
        b.addFlag("primary", primary)
        return b.node
    }
}

extension Transaction {
    /// The transaction's object in the workspace document.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("date", date)
        b.add("product", product)
        b.add("category", category)
        b.add("quantity", quantity)
        b.add("unitPrice", unitPrice, scale: Decimal.moneyScale)
        b.add("amount", amount, scale: Decimal.moneyScale)
        b.add("currency", currency)
        b.add("contractNo", contractNo)
        return b.node
    }
}

extension Contract {
    /// The contract's object in the workspace document.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("number", number)
        b.add("title", title)
        b.add("signedOn", signedOn)
        b.add("startsOn", startsOn)
        b.add("endsOn", endsOn)
        b.add("value", value, scale: Decimal.moneyScale)
        return b.node
    }
}

extension Interaction {
    /// The interaction's object in the workspace document.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("date", date)
        b.add("channel", channel)
        b.add("kind", kind)
        b.add("summary", summary)
        b.add("owner", owner)
        b.add("nextStep", nextStep)
        b.add("nextDate", nextDate)
        return b.node
    }
}

extension Feedback {
    /// The feedback's object in the workspace document.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("receivedAt", receivedAt)
        b.add("category", category)
        b.add("severity", severity)
        b.add("description", description)
        b.add("firstResponseAt", firstResponseAt)
        b.add("resolvedAt", resolvedAt)
        b.add("resolution", resolution)
        b.add("status", status)
        b.add("satisfactionAfter", satisfactionAfter)
        return b.node
    }
}

extension Survey {
    /// The survey answer's object in the workspace document.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("date", date)
        b.add("method", method)
        b.add("score", score)
        b.add("recommend", recommend)
        b.add("comments", comments)
        return b.node
    }
}

extension ServiceAction {
    /// The service action's object in the workspace document.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("title", title)
        b.add("cadence", cadence)
        b.add("dueOn", dueOn)
        b.add("doneOn", doneOn)
        b.add("status", status)
        b.add("owner", owner)
        b.add("channel", channel)
        return b.node
    }
}

extension Plan {
    /// The plan's object in the workspace document.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("id", id)
        b.add("kind", kind)
        b.add("title", title)
        b.add("periodStart", periodStart)
        b.add("periodEnd", periodEnd)
        b.add("customerId", customerId?.rawValue)
        b.add("owner", owner)
        b.add("goals", goals)
        b.add("background", background)
        b.add("problems", problems)
        b.add("strategies", strategies.map { s in
            var o = JSONObjectBuilder()
            o.add("title", s.title)
            o.add("description", s.description)
            o.add("segment", s.segment)
            return o.node
        })
        b.add("phases", phases.map { p in
            var o = JSONObjectBuilder()
            o.add("name", p.name)
            o.add("start", p.start)
            o.add("end", p.end)
            o.add("tasks", p.tasks)
            return o.node
        })
        b.add("kpis", kpis.map { k in
            var o = JSONObjectBuilder()
            o.add("metric", k.metric)
            o.add("name", k.name)
            o.add("baseline", k.baseline)
            o.add("target", k.target)
            o.add("actual", k.actual)
            o.add("unit", k.unit)
            o.add("dueOn", k.dueOn)
            return o.node
        })
        b.add("risks", risks.map { r in
            var o = JSONObjectBuilder()
            o.add("risk", r.risk)
            o.add("likelihood", r.likelihood)
            o.add("impact", r.impact)
            o.add("countermeasure", r.countermeasure)
            return o.node
        })
        b.add("budget", budget.map { i in
            var o = JSONObjectBuilder()
            o.add("item", i.item)
            o.add("amount", i.amount, scale: Decimal.moneyScale)
            return o.node
        })
        b.add("careProcess", careProcess.map { s in
            var o = JSONObjectBuilder()
            o.add("step", s.step)
            o.add("cadence", s.cadence)
            o.add("owner", s.owner)
            return o.node
        })
        return b.node
    }
}

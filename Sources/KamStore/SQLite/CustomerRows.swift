import Foundation
import GRDB
import KamModel

/// Writes a customer into `customer` and its child tables, and reads customers back.
///
/// One function pair per table, in the order of MODEL.md; positions keep list order.
enum CustomerRows {
    // MARK: Writing

    /// Inserts `c` and its lists. Statements come from the connection's cache: preparing each one anew (GRDB's
    /// `execute(sql:)`) cost more than the insert itself and dominated large imports.
    static func insert(_ c: Customer, into db: Database, codec: ValueCodec) throws {
        let extraPairs = c.extra.pairs.map { [$0.key, $0.value] }
        try db.cachedStatement(
            sql: """
                INSERT INTO customer (id, name, kind, industry, region, address, founded_on, main_business, owner,
                    segment, key_account, lifecycle, membership, points, annual_revenue, revenue_share, satisfaction,
                    gender, birth_date, occupation, preferences, purchase_habits, notes, extra, provenance)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                c.id.rawValue, c.name, c.kind?.rawValue, c.industry, c.region, c.address, c.foundedOn?.iso,
                c.mainBusiness, c.owner, c.segment?.rawValue, c.keyAccount.map { $0 ? 1 : 0 },
                c.lifecycle?.rawValue, c.membership?.rawValue, c.points, ValueCodec.text(c.annualRevenue),
                ValueCodec.text(c.revenueShare), ValueCodec.text(c.satisfaction), c.gender?.rawValue,
                c.birthDate?.iso, c.occupation, ValueCodec.json(c.preferences), c.purchaseHabits, c.notes,
                ValueCodec.json(extraPairs), ProvenanceCodec.encode(c.provenance),
            ])
        let id = c.id.rawValue
        for (i, x) in c.contacts.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO contact (customer_id, position, name, title, phone, mobile, email, wechat,
                        preferred_channel, birthday, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [id, i, x.name, x.title, x.phone, x.mobile, x.email, x.wechat,
                            x.preferredChannel?.rawValue, x.birthday?.iso, x.primary ? 1 : 0])
        }
        for (i, x) in c.transactions.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO sale (customer_id, position, date, product, category, quantity, unit_price, amount,
                        currency, contract_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [id, i, x.date?.iso, x.product, x.category, ValueCodec.text(x.quantity),
                            ValueCodec.text(x.unitPrice), ValueCodec.text(x.amount), x.currency, x.contractNo])
        }
        for (i, x) in c.contracts.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO contract (customer_id, position, number, title, signed_on, starts_on, ends_on, value)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [id, i, x.number, x.title, x.signedOn?.iso, x.startsOn?.iso, x.endsOn?.iso,
                            ValueCodec.text(x.value)])
        }
        for (i, x) in c.interactions.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO interaction (customer_id, position, date, channel, kind, summary, owner, next_step,
                        next_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [id, i, x.date?.iso, x.channel?.rawValue, x.kind?.rawValue, x.summary, x.owner,
                            x.nextStep, x.nextDate?.iso])
        }
        for (i, x) in c.feedback.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO feedback (customer_id, position, received_at, category, severity, description,
                        first_response_at, resolved_at, resolution, status, satisfaction_after)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [id, i, x.receivedAt?.iso, x.category?.rawValue, x.severity?.rawValue, x.description,
                            x.firstResponseAt?.iso, x.resolvedAt?.iso, x.resolution, x.status?.rawValue,
                            ValueCodec.text(x.satisfactionAfter)])
        }
        for (i, x) in c.surveys.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO survey (customer_id, position, date, method, score, recommend, comments)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [id, i, x.date?.iso, x.method?.rawValue, ValueCodec.text(x.score), x.recommend, x.comments])
        }
        for (i, x) in c.serviceActions.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO service_action (customer_id, position, title, cadence, due_on, done_on, status, owner,
                        channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [id, i, x.title, x.cadence?.rawValue, x.dueOn?.iso, x.doneOn?.iso, x.status?.rawValue,
                            x.owner, x.channel?.rawValue])
        }
    }

    // MARK: Reading

    /// Customers matching `customerFilter` (a WHERE on `id`), with children matching `childFilter`
    /// (the same WHERE on `customer_id`).
    static func load(_ db: Database, customerFilter: String, childFilter: String, arguments: StatementArguments,
                     codec k: ValueCodec) throws -> [Customer] {
        var customers: [Customer] = []
        var index: [String: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM customer \(customerFilter) ORDER BY id", arguments: arguments) {
            let keyAccount: Int? = r["key_account"]
            let extraPairs = try k.json(r["extra"], "customer.extra", as: [[String]].self)
            let c = Customer(
                id: CustomerID(r["id"] as String), name: r["name"],
                kind: try k.vocab(r["kind"], "customer.kind"), industry: r["industry"], region: r["region"],
                address: r["address"], foundedOn: try k.date(r["founded_on"], "customer.founded_on"),
                mainBusiness: r["main_business"], owner: r["owner"], segment: try k.vocab(r["segment"], "customer.segment"),
                keyAccount: keyAccount.map { $0 != 0 }, lifecycle: try k.vocab(r["lifecycle"], "customer.lifecycle"),
                membership: try k.vocab(r["membership"], "customer.membership"), points: r["points"],
                annualRevenue: try k.decimal(r["annual_revenue"], "customer.annual_revenue"),
                revenueShare: try k.decimal(r["revenue_share"], "customer.revenue_share"),
                satisfaction: try k.decimal(r["satisfaction"], "customer.satisfaction"),
                gender: try k.vocab(r["gender"], "customer.gender"),
                birthDate: try k.date(r["birth_date"], "customer.birth_date"), occupation: r["occupation"],
                preferences: try k.json(r["preferences"], "customer.preferences", as: [String].self),
                purchaseHabits: r["purchase_habits"], notes: r["notes"],
                extra: ExtraFields(extraPairs.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }),
                provenance: try ProvenanceCodec.decode(r["provenance"], codec: k))
            index[c.id.rawValue] = customers.count
            customers.append(c)
        }
        guard !customers.isEmpty else { return [] }

        /// Reads one child table in list order and hands each row to `apply`.
        func each(_ table: String, orderBy order: String = "position",
                  _ apply: (inout Customer, Row) throws -> Void) throws {
            let sql = "SELECT * FROM \(table) \(childFilter) ORDER BY customer_id, \(order)"
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let r = try cursor.next() {
                let id: String = r["customer_id"]
                guard let i = index[id] else { continue }
                try apply(&customers[i], r)
            }
        }

        try each("contact") { c, r in
            let primary: Int = r["is_primary"]
            c.contacts.append(Contact(
                name: r["name"], title: r["title"], phone: r["phone"], mobile: r["mobile"], email: r["email"],
                wechat: r["wechat"], preferredChannel: try k.vocab(r["preferred_channel"], "contact.preferred_channel"),
                birthday: try k.date(r["birthday"], "contact.birthday"), primary: primary != 0))
        }
        try each("sale") { c, r in
            c.transactions.append(Transaction(
                date: try k.date(r["date"], "sale.date"), product: r["product"], category: r["category"],
                quantity: try k.decimal(r["quantity"], "sale.quantity"),
                unitPrice: try k.decimal(r["unit_price"], "sale.unit_price"),
                amount: try k.decimal(r["amount"], "sale.amount"), currency: r["currency"], contractNo: r["contract_no"]))
        }
        try each("contract") { c, r in
            c.contracts.append(Contract(
                number: r["number"], title: r["title"], signedOn: try k.date(r["signed_on"], "contract.signed_on"),
                startsOn: try k.date(r["starts_on"], "contract.starts_on"),
                endsOn: try k.date(r["ends_on"], "contract.ends_on"), value: try k.decimal(r["value"], "contract.value")))
        }
        try each("interaction") { c, r in
            c.interactions.append(Interaction(
                date: try k.date(r["date"], "interaction.date"), channel: try k.vocab(r["channel"], "interaction.channel"),
                kind: try k.vocab(r["kind"], "interaction.kind"), summary: r["summary"], owner: r["owner"],
                nextStep: r["next_step"], nextDate: try k.date(r["next_date"], "interaction.next_date")))
        }
        try each("feedback") { c, r in
            c.feedback.append(Feedback(
                receivedAt: try k.dateTime(r["received_at"], "feedback.received_at"),
                category: try k.vocab(r["category"], "feedback.category"),
                severity: try k.vocab(r["severity"], "feedback.severity"), description: r["description"],
                firstResponseAt: try k.dateTime(r["first_response_at"], "feedback.first_response_at"),
                resolvedAt: try k.dateTime(r["resolved_at"], "feedback.resolved_at"), resolution: r["resolution"],
                status: try k.vocab(r["status"], "feedback.status"),
                satisfactionAfter: try k.decimal(r["satisfaction_after"], "feedback.satisfaction_after")))
        }
        try each("survey") { c, r in
            c.surveys.append(Survey(
                date: try k.date(r["date"], "survey.date"), method: try k.vocab(r["method"], "survey.method"),
                score: try k.decimal(r["score"], "survey.score"), recommend: r["recommend"], comments: r["comments"]))
        }
        try each("service_action") { c, r in
            c.serviceActions.append(ServiceAction(
                title: r["title"], cadence: try k.vocab(r["cadence"], "service_action.cadence"),
                dueOn: try k.date(r["due_on"], "service_action.due_on"),
                doneOn: try k.date(r["done_on"], "service_action.done_on"),
                status: try k.vocab(r["status"], "service_action.status"), owner: r["owner"],
                channel: try k.vocab(r["channel"], "service_action.channel")))
        }
        return customers
    }
}

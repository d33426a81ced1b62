import Foundation
import GRDB
import KamModel

/// Writes a customer into `customer` and its child tables, and reads customers back.
///
/// One function pair per table, in the order of MODEL.md; positions keep list order.
enum CustomerRows {
    // MARK: Writing

    /// Inserts `c` and its lists. Statements come from the connection's cache (preparing each one anew cost more
    /// than the insert itself) and values are bound one by one (`BoundStatement`).
    static func insert(_ c: Customer, into db: Database, codec: ValueCodec) throws {
        var s = try BoundStatement(db, sql: """
            INSERT INTO customer (id, name, kind, industry, region, address, founded_on, main_business, owner,
                segment, key_account, lifecycle, membership, points, annual_revenue, revenue_share, satisfaction,
                gender, birth_date, occupation, preferences, purchase_habits, notes, extra, provenance)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        s.bind(c.id.rawValue); s.bind(c.name); s.bind(c.kind?.rawValue); s.bind(c.industry); s.bind(c.region)
        s.bind(c.address); s.bind(c.foundedOn?.iso); s.bind(c.mainBusiness); s.bind(c.owner)
        s.bind(c.segment?.rawValue); s.bind(c.keyAccount.map { $0 ? 1 : 0 }); s.bind(c.lifecycle?.rawValue)
        s.bind(c.membership?.rawValue); s.bind(c.points); s.bind(ValueCodec.text(c.annualRevenue))
        s.bind(ValueCodec.text(c.revenueShare)); s.bind(ValueCodec.text(c.satisfaction)); s.bind(c.gender?.rawValue)
        s.bind(c.birthDate?.iso); s.bind(c.occupation); s.bind(utf8: ValueCodec.json(c.preferences))
        s.bind(c.purchaseHabits); s.bind(c.notes); s.bind(utf8: ValueCodec.json(c.extra.pairs.map { [$0.key, $0.value] }))
        s.bind(utf8: ProvenanceCodec.encode(c.provenance))
        try s.run()
        let id = c.id.rawValue
        for (i, x) in c.contacts.enumerated() {
            var s = try BoundStatement(db, sql: """
                INSERT INTO contact (customer_id, position, name, title, phone, mobile, email, wechat,
                    preferred_channel, birthday, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            s.bind(id); s.bind(i); s.bind(x.name); s.bind(x.title); s.bind(x.phone); s.bind(x.mobile); s.bind(x.email)
            s.bind(x.wechat); s.bind(x.preferredChannel?.rawValue); s.bind(x.birthday?.iso); s.bind(x.primary ? 1 : 0)
            try s.run()
        }
        for (i, x) in c.transactions.enumerated() {
            var s = try BoundStatement(db, sql: """
                INSERT INTO sale (customer_id, position, date, product, category, quantity, unit_price, amount,
                    currency, contract_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            s.bind(id); s.bind(i); s.bind(x.date?.iso); s.bind(x.product); s.bind(x.category)
            s.bind(ValueCodec.text(x.quantity)); s.bind(ValueCodec.text(x.unitPrice)); s.bind(ValueCodec.text(x.amount))
            s.bind(x.currency); s.bind(x.contractNo)
            try s.run()
        }
        for (i, x) in c.contracts.enumerated() {
            var s = try BoundStatement(db, sql: """
                INSERT INTO contract (customer_id, position, number, title, signed_on, starts_on, ends_on, value)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            s.bind(id); s.bind(i); s.bind(x.number); s.bind(x.title); s.bind(x.signedOn?.iso); s.bind(x.startsOn?.iso)
            s.bind(x.endsOn?.iso); s.bind(ValueCodec.text(x.value))
            try s.run()
        }
        for (i, x) in c.interactions.enumerated() {
            var s = try BoundStatement(db, sql: """
                INSERT INTO interaction (customer_id, position, date, channel, kind, summary, owner, next_step,
                    next_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            s.bind(id); s.bind(i); s.bind(x.date?.iso); s.bind(x.channel?.rawValue); s.bind(x.kind?.rawValue)
            s.bind(x.summary); s.bind(x.owner); s.bind(x.nextStep); s.bind(x.nextDate?.iso)
            try s.run()
        }
        for (i, x) in c.feedback.enumerated() {
            var s = try BoundStatement(db, sql: """
                INSERT INTO feedback (customer_id, position, received_at, category, severity, description,
                    first_response_at, resolved_at, resolution, status, satisfaction_after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            s.bind(id); s.bind(i); s.bind(x.receivedAt?.iso); s.bind(x.category?.rawValue); s.bind(x.severity?.rawValue)
            s.bind(x.description); s.bind(x.firstResponseAt?.iso); s.bind(x.resolvedAt?.iso); s.bind(x.resolution)
            s.bind(x.status?.rawValue); s.bind(ValueCodec.text(x.satisfactionAfter))
            try s.run()
        }
        for (i, x) in c.surveys.enumerated() {
            var s = try BoundStatement(db, sql: """
                INSERT INTO survey (customer_id, position, date, method, score, recommend, comments)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            s.bind(id); s.bind(i); s.bind(x.date?.iso); s.bind(x.method?.rawValue); s.bind(ValueCodec.text(x.score))
            s.bind(x.recommend); s.bind(x.comments)
            try s.run()
        }
        for (i, x) in c.serviceActions.enumerated() {
            var s = try BoundStatement(db, sql: """
                INSERT INTO service_action (customer_id, position, title, cadence, due_on, done_on, status, owner,
                    channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            s.bind(id); s.bind(i); s.bind(x.title); s.bind(x.cadence?.rawValue); s.bind(x.dueOn?.iso)
            s.bind(x.doneOn?.iso); s.bind(x.status?.rawValue); s.bind(x.owner); s.bind(x.channel?.rawValue)
            try s.run()
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

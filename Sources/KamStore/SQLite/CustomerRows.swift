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
    ///
    /// Columns are named in each SELECT and read by position from a cursor: GRDB's lookup of a column by name
    /// lower-cases both names at every access, which was a third of loading every customer for a sync.
    static func load(_ db: Database, customerFilter: String, childFilter: String, arguments: StatementArguments,
                     codec k: ValueCodec) throws -> [Customer] {
        var customers: [Customer] = []
        var index: [String: Int] = [:]
        var interner = ProvenanceCodec.Interner()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, name, kind, industry, region, address, founded_on, main_business, owner, segment, key_account,
                lifecycle, membership, points, annual_revenue, revenue_share, satisfaction, gender, birth_date,
                occupation, preferences, purchase_habits, notes, extra, provenance
            FROM customer \(customerFilter) ORDER BY id
            """, arguments: arguments)
        while let r = try rows.next() {
            let keyAccount: Int? = r[10]
            let extraPairs = try k.stringLists(r[23], "customer.extra")
            let id: String = r[0], name: String = r[1]
            let industry: String? = r[3], region: String? = r[4], address: String? = r[5]
            let mainBusiness: String? = r[7], owner: String? = r[8], points: Int? = r[13]
            let occupation: String? = r[19], purchaseHabits: String? = r[21], notes: String? = r[22]
            var c = Customer(id: CustomerID(id), name: name)
            c.kind = try k.vocab(r[2], "customer.kind")
            c.industry = industry
            c.region = region
            c.address = address
            c.foundedOn = try k.date(r[6], "customer.founded_on")
            c.mainBusiness = mainBusiness
            c.owner = owner
            c.segment = try k.vocab(r[9], "customer.segment")
            c.keyAccount = keyAccount.map { $0 != 0 }
            c.lifecycle = try k.vocab(r[11], "customer.lifecycle")
            c.membership = try k.vocab(r[12], "customer.membership")
            c.points = points
            c.annualRevenue = try k.decimal(r[14], "customer.annual_revenue")
            c.revenueShare = try k.decimal(r[15], "customer.revenue_share")
            c.satisfaction = try k.decimal(r[16], "customer.satisfaction")
            c.gender = try k.vocab(r[17], "customer.gender")
            c.birthDate = try k.date(r[18], "customer.birth_date")
            c.occupation = occupation
            c.preferences = try k.strings(r[20], "customer.preferences")
            c.purchaseHabits = purchaseHabits
            c.notes = notes
            c.extra = ExtraFields(extraPairs.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil })
            c.provenance = try ProvenanceCodec.decode(r[24], codec: k, interner: &interner)
            index[c.id.rawValue] = customers.count
            customers.append(c)
        }
        guard !customers.isEmpty else { return [] }

        /// Reads one child table in list order and hands each row to `apply`; `columns` are read from position 1
        /// (position 0 is the customer's id).
        func each(_ table: String, _ columns: String, orderBy order: String = "position",
                  _ apply: (inout Customer, Row) throws -> Void) throws {
            let sql = "SELECT customer_id, \(columns) FROM \(table) \(childFilter) ORDER BY customer_id, \(order)"
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let r = try cursor.next() {
                let id: String = r[0]
                guard let i = index[id] else { continue }
                try apply(&customers[i], r)
            }
        }

        try each("contact", "name, title, phone, mobile, email, wechat, preferred_channel, birthday, is_primary") { c, r in
            let primary: Int = r[9]
            c.contacts.append(Contact(
                name: r[1], title: r[2], phone: r[3], mobile: r[4], email: r[5],
                wechat: r[6], preferredChannel: try k.vocab(r[7], "contact.preferred_channel"),
                birthday: try k.date(r[8], "contact.birthday"), primary: primary != 0))
        }
        try each("sale", "date, product, category, quantity, unit_price, amount, currency, contract_no") { c, r in
            c.transactions.append(Transaction(
                date: try k.date(r[1], "sale.date"), product: r[2], category: r[3],
                quantity: try k.decimal(r[4], "sale.quantity"),
                unitPrice: try k.decimal(r[5], "sale.unit_price"),
                amount: try k.decimal(r[6], "sale.amount"), currency: r[7], contractNo: r[8]))
        }
        try each("contract", "number, title, signed_on, starts_on, ends_on, value") { c, r in
            c.contracts.append(Contract(
                number: r[1], title: r[2], signedOn: try k.date(r[3], "contract.signed_on"),
                startsOn: try k.date(r[4], "contract.starts_on"),
                endsOn: try k.date(r[5], "contract.ends_on"), value: try k.decimal(r[6], "contract.value")))
        }
        try each("interaction", "date, channel, kind, summary, owner, next_step, next_date") { c, r in
            c.interactions.append(Interaction(
                date: try k.date(r[1], "interaction.date"), channel: try k.vocab(r[2], "interaction.channel"),
                kind: try k.vocab(r[3], "interaction.kind"), summary: r[4], owner: r[5],
                nextStep: r[6], nextDate: try k.date(r[7], "interaction.next_date")))
        }
        try each("feedback", """
            received_at, category, severity, description, first_response_at, resolved_at, resolution, status,
            satisfaction_after
            """) { c, r in
            c.feedback.append(Feedback(
                receivedAt: try k.dateTime(r[1], "feedback.received_at"),
                category: try k.vocab(r[2], "feedback.category"),
                severity: try k.vocab(r[3], "feedback.severity"), description: r[4],
                firstResponseAt: try k.dateTime(r[5], "feedback.first_response_at"),
                resolvedAt: try k.dateTime(r[6], "feedback.resolved_at"), resolution: r[7],
                status: try k.vocab(r[8], "feedback.status"),
                satisfactionAfter: try k.decimal(r[9], "feedback.satisfaction_after")))
        }
        try each("survey", "date, method, score, recommend, comments") { c, r in
            c.surveys.append(Survey(
                date: try k.date(r[1], "survey.date"), method: try k.vocab(r[2], "survey.method"),
                score: try k.decimal(r[3], "survey.score"), recommend: r[4], comments: r[5]))
        }
        try each("service_action", "title, cadence, due_on, done_on, status, owner, channel") { c, r in
            c.serviceActions.append(ServiceAction(
                title: r[1], cadence: try k.vocab(r[2], "service_action.cadence"),
                dueOn: try k.date(r[3], "service_action.due_on"),
                doneOn: try k.date(r[4], "service_action.done_on"),
                status: try k.vocab(r[5], "service_action.status"), owner: r[6],
                channel: try k.vocab(r[7], "service_action.channel")))
        }
        return customers
    }
}

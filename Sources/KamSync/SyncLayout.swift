import Foundation
import KamModel

/// How a bound field's canonical text is written into a cell and read back.
public enum SyncFieldType: Sendable, Hashable {
    case text
    case number
    case percent
    case date
    case dateTime
    /// A vocabulary value: canonical text is the JSON value, the cell holds the zh-Hans label.
    case label([String: String])
    /// A list joined with `；`.
    case texts
}

/// One column of a bound sheet: its header, the field path it binds (as extraction names it:
/// `owner`, `contacts.phone`, `transactions.amount`), and how to get and set it on a record.
public struct SyncColumn<Record>: Sendable {
    public var header: String
    public var path: String
    public var type: SyncFieldType
    /// Whether sync merges it; unbound columns (derived figures) are only written by export and new rows.
    public var bound: Bool
    public var width: Double
    let get: @Sendable (Record) -> String?
    let set: @Sendable (inout Record, String?) -> Void
}

/// Canonical text the way extraction gives it (decimals at most 4 places, ISO dates, JSON vocabulary values).
enum Canonical {
    static func number(_ d: Decimal?) -> String? { d?.jsonNumberText(scale: 4) }
    static func text(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = trimmed(s)
        return t.isEmpty ? nil : t
    }

    /// `s` without leading and trailing white space and newlines (Foundation's `whitespacesAndNewlines`). Text
    /// that starts and ends with a printable ASCII character or a CJK ideograph (almost every value) is returned
    /// as it is without asking Foundation, whose trimming cost more than the rest of comparing a row.
    static func trimmed(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
        if plainEnd(first), plainEnd(last) { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func plainEnd(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x21...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        default: return false
        }
    }
}

extension SyncColumn {
    static func text(_ header: String, _ path: String, _ kp: WritableKeyPath<Record, String?> & Sendable,
                     width: Double = 12) -> SyncColumn {
        SyncColumn(header: header, path: path, type: .text, bound: true, width: width,
                   get: { Canonical.text($0[keyPath: kp]) }, set: { $0[keyPath: kp] = $1 })
    }
    static func number(_ header: String, _ path: String, _ kp: WritableKeyPath<Record, Decimal?> & Sendable,
                       percent: Bool = false, width: Double = 12) -> SyncColumn {
        SyncColumn(header: header, path: path, type: percent ? .percent : .number, bound: true, width: width,
                   get: { Canonical.number($0[keyPath: kp]) },
                   set: { $0[keyPath: kp] = $1.flatMap { Decimal(exactText: $0) } })
    }
    static func date(_ header: String, _ path: String, _ kp: WritableKeyPath<Record, LocalDate?> & Sendable,
                     width: Double = 12) -> SyncColumn {
        SyncColumn(header: header, path: path, type: .date, bound: true, width: width,
                   get: { $0[keyPath: kp]?.iso }, set: { $0[keyPath: kp] = $1.flatMap { LocalDate(iso: String($0.prefix(10))) } })
    }
    static func dateTime(_ header: String, _ path: String, _ kp: WritableKeyPath<Record, LocalDateTime?> & Sendable,
                         width: Double = 18) -> SyncColumn {
        SyncColumn(header: header, path: path, type: .dateTime, bound: true, width: width,
                   get: { $0[keyPath: kp]?.iso },
                   set: { $0[keyPath: kp] = $1.flatMap { LocalDateTime(iso: $0) ?? LocalDate(iso: $0).map { LocalDateTime(date: $0) } } })
    }
    static func label<V: Vocabulary>(_ header: String, _ path: String, _ kp: WritableKeyPath<Record, V?> & Sendable,
                                     width: Double = 12) -> SyncColumn {
        var labels: [String: String] = [:]
        for v in V.allCases { labels[v.rawValue] = v.labels.zhHans }
        return SyncColumn(header: header, path: path, type: .label(labels), bound: true, width: width,
                          get: { $0[keyPath: kp]?.rawValue }, set: { $0[keyPath: kp] = $1.flatMap { V(rawValue: $0) } })
    }
    static func derived(_ header: String, _ path: String, type: SyncFieldType, width: Double = 12,
                        _ get: @escaping @Sendable (Record) -> String?) -> SyncColumn {
        SyncColumn(header: header, path: path, type: type, bound: false, width: width, get: get, set: { _, _ in })
    }
}

/// The bound sheets of the key-account workbook (TEMPLATES.md §1).
public enum SyncSheetKind: String, Sendable, Hashable, CaseIterable {
    case customers, transactions, feedback, serviceActions, contacts
}

/// The key-account workbook's layout: sheet names, headers, and the key column of each child sheet.
///
/// Row identity: 重点客户 rows by 客户编号; child rows by the `同步编号` column kam adds (`<客户编号>-T1`,
/// `-F1`, `-S1`, `-P1`: customer id, a letter per sheet, a number never reused for that customer). The store has
/// no id for child records, so the base remembers, per key, the record's index in its customer's list
/// (`#index`); records the store appends get new keys.
public enum KeyAccountLayout {
    public static let customerSheet = "重点客户"
    public static let keyHeader = "同步编号"
    public static let linkHeader = "客户编号"
    public static let performanceSheet = "绩效评估"

    public static func sheetName(_ kind: SyncSheetKind) -> String {
        switch kind {
        case .customers: return "重点客户"
        case .transactions: return "交易记录"
        case .feedback: return "服务反馈"
        case .serviceActions: return "服务计划"
        case .contacts: return "联系人"
        }
    }

    public static func kind(ofSheet name: String) -> SyncSheetKind? {
        SyncSheetKind.allCases.first { sheetName($0) == name }
    }

    /// The letter of a child key.
    static func letter(_ kind: SyncSheetKind) -> String {
        switch kind {
        case .customers: return ""
        case .transactions: return "T"
        case .feedback: return "F"
        case .serviceActions: return "S"
        case .contacts: return "P"
        }
    }

    static func childKey(customer: String, kind: SyncSheetKind, number: Int) -> String {
        "\(customer)-\(letter(kind))\(number)"
    }

    /// The number of a child key of this customer and kind, or nil.
    static func childNumber(_ key: String, customer: String, kind: SyncSheetKind) -> Int? {
        let prefix = "\(customer)-\(letter(kind))"
        guard key.hasPrefix(prefix) else { return nil }
        return Int(key.dropFirst(prefix.count))
    }

    // MARK: - Columns

    public static let customerColumns: [SyncColumn<Customer>] = [
        .text("客户名称", "name", \Customer.nameOptional, width: 22),
        .text("行业", "industry", \Customer.industry),
        .text("地区", "region", \Customer.region),
        .label("客户分类", "segment", \Customer.segment, width: 14),
        .text("负责人", "owner", \Customer.owner),
        .text("联系人", "contacts.name", \Customer.primaryName),
        .text("联系电话", "contacts.phone", \Customer.primaryPhone, width: 15),
        .text("电子邮箱", "contacts.email", \Customer.primaryEmail, width: 22),
        .derived("首次合作日期", "derived.firstDeal", type: .date) { c in c.transactions.compactMap(\.date).min()?.iso },
        .derived("最近购买日期", "derived.lastDeal", type: .date) { c in c.transactions.compactMap(\.date).max()?.iso },
        .number("年度销售额", "annualRevenue", \Customer.annualRevenue, width: 14),
        .number("销售贡献占比", "revenueShare", \Customer.revenueShare, percent: true),
        .number("满意度", "satisfaction", \Customer.satisfaction, width: 8),
        .text("采购习惯", "purchaseHabits", \Customer.purchaseHabits, width: 18),
        SyncColumn(header: "喜好与需求", path: "preferences", type: .texts, bound: true, width: 20,
                   get: { $0.preferences.isEmpty ? nil : $0.preferences.joined(separator: "；") },
                   set: { c, v in c.preferences = v.map { $0.components(separatedBy: "；").filter { !$0.isEmpty } } ?? [] }),
        .derived("下次跟进日期", "derived.nextFollowUp", type: .date) { c in
            c.interactions.compactMap(\.nextDate).max()?.iso
        },
        .text("备注", "notes", \Customer.notes, width: 20),
    ]

    public static let transactionColumns: [SyncColumn<Transaction>] = [
        .date("日期", "transactions.date", \Transaction.date),
        .text("产品", "transactions.product", \Transaction.product, width: 16),
        .number("数量", "transactions.quantity", \Transaction.quantity, width: 8),
        .number("单价", "transactions.unitPrice", \Transaction.unitPrice),
        .number("金额", "transactions.amount", \Transaction.amount, width: 14),
        .text("合同编号", "transactions.contractNo", \Transaction.contractNo, width: 14),
    ]

    public static let feedbackColumns: [SyncColumn<Feedback>] = [
        .dateTime("收到时间", "feedback.receivedAt", \Feedback.receivedAt),
        .label("类别", "feedback.category", \Feedback.category),
        .label("严重程度", "feedback.severity", \Feedback.severity, width: 10),
        .text("描述", "feedback.description", \Feedback.description, width: 24),
        .dateTime("首次响应时间", "feedback.firstResponseAt", \Feedback.firstResponseAt),
        .dateTime("解决时间", "feedback.resolvedAt", \Feedback.resolvedAt),
        .text("处理结果", "feedback.resolution", \Feedback.resolution, width: 20),
        .label("状态", "feedback.status", \Feedback.status, width: 10),
    ]

    public static let serviceActionColumns: [SyncColumn<ServiceAction>] = [
        .text("事项", "serviceActions.title", \ServiceAction.title, width: 20),
        .label("频率", "serviceActions.cadence", \ServiceAction.cadence, width: 10),
        .date("计划日期", "serviceActions.dueOn", \ServiceAction.dueOn),
        .date("完成日期", "serviceActions.doneOn", \ServiceAction.doneOn),
        .label("状态", "serviceActions.status", \ServiceAction.status, width: 10),
        .text("负责人", "serviceActions.owner", \ServiceAction.owner),
    ]

    public static let contactColumns: [SyncColumn<Contact>] = [
        .text("姓名", "contacts.name", \Contact.name),
        .text("职务", "contacts.title", \Contact.title),
        .text("联系电话", "contacts.phone", \Contact.phone, width: 15),
        .text("电子邮箱", "contacts.email", \Contact.email, width: 22),
        .text("微信", "contacts.wechat", \Contact.wechat),
        .label("沟通偏好", "contacts.preferredChannel", \Contact.preferredChannel),
        .date("生日", "contacts.birthday", \Contact.birthday),
    ]
}

// Optional views of required strings and of the primary contact, so that every column has one shape.
extension Customer {
    var nameOptional: String? {
        get { name.isEmpty ? nil : name }
        set { name = newValue ?? "" }
    }
    /// The contact shown on the customer's row: the one marked primary. Not "else the first": a contact the team
    /// added on 联系人 for a customer with none would then move to 重点客户 on the next sync and look deleted there.
    var primaryIndex: Int? { contacts.firstIndex { $0.primary } }
    private mutating func withPrimary(_ body: (inout Contact) -> Void) {
        if let i = primaryIndex { body(&contacts[i]) } else {
            var c = Contact()
            c.primary = true
            body(&c)
            contacts.insert(c, at: 0)
        }
    }
    var primaryName: String? {
        get { primaryIndex.flatMap { contacts[$0].name } }
        set { withPrimary { $0.name = newValue } }
    }
    var primaryPhone: String? {
        get { primaryIndex.flatMap { contacts[$0].phone } }
        set { withPrimary { $0.phone = newValue } }
    }
    var primaryEmail: String? {
        get { primaryIndex.flatMap { contacts[$0].email } }
        set { withPrimary { $0.email = newValue } }
    }
}


import Foundation
import KamModel
import KamStore

/// A fresh store in a temporary folder per test (removed when the value is released).
final class TemporaryStore {
    let folder: URL
    let store: SQLiteCustomerStore
    var path: String { store.path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kam-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteCustomerStore(path: folder.appendingPathComponent("store.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

enum StoreFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var truthFiles: [URL] {
        let dir = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples/legacy")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".truth.json") }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func d(_ s: String) -> LocalDate? { LocalDate(iso: s) }
    static func n(_ s: String) -> Decimal? { Decimal(exactText: s) }
    static func t(_ s: String) -> LocalDateTime? { LocalDateTime(iso: s) }

    /// A customer using every field, every list, every vocabulary kind, provenance and ordered extra.
    static func everything(_ id: CustomerID = "K-7") -> Customer {
        let here = SourceLocation(file: "台账.xlsx", sheet: "客户", cell: "B7")
        return Customer(
            id: id, name: "杭州示例科技", kind: .individual, industry: "IT", region: "浙江", address: "西湖区",
            foundedOn: d("1999-12-31"), mainBusiness: "软件", owner: "赵六", segment: .generalRecovery,
            keyAccount: true, lifecycle: .churned, membership: .platinum, points: -5,
            annualRevenue: n("98765432.10"), revenueShare: n("0.333333333333"), satisfaction: n("4.3"),
            gender: .other, birthDate: d("2000-02-29"), occupation: "CTO", preferences: ["一", "二"],
            purchaseHabits: "年底", notes: "多行\n备注",
            contacts: [Contact(name: "甲", phone: "01012345678", preferredChannel: .sms, primary: true),
                       Contact(email: "b@x.cn", birthday: d("1970-01-01"))],
            transactions: [Transaction(date: d("2024-01-31"), product: "P", category: "C", quantity: n("0.5"),
                                       unitPrice: n("0.01"), amount: n("12345678901234.56"), currency: "EUR",
                                       contractNo: "N1"),
                           Transaction(amount: n("-1"))],
            contracts: [Contract(number: "N1", title: "T", signedOn: d("2024-01-01"), startsOn: d("2024-01-02"),
                                 endsOn: d("2025-01-01"), value: n("1e6"))],
            interactions: [Interaction(date: d("2024-02-02"), channel: .social, kind: .complaint, summary: "s",
                                       owner: "o", nextStep: "n", nextDate: d("2024-03-03"))],
            feedback: [Feedback(receivedAt: t("2024-02-02T23:59:59"), category: .serviceAttitude, severity: .medium,
                                description: "d", firstResponseAt: t("2024-02-03T00:00:00"),
                                resolvedAt: t("2024-02-04T12:00:00"), resolution: "r", status: .inProgress,
                                satisfactionAfter: n("99.5"))],
            surveys: [Survey(date: d("2024-04-04"), method: .questionnaire, score: n("86"), recommend: 10, comments: "c")],
            serviceActions: [ServiceAction(title: "t", cadence: .weekly, dueOn: d("2024-05-05"), doneOn: nil,
                                           status: .overdue, owner: "o", channel: .email)],
            extra: ExtraFields([("z列", "1"), ("a列", "2"), ("中", "3")]),
            provenance: ["name": here, "contacts[0].phone": SourceLocation(file: "台账.xlsx", sheet: "客户", cell: "F7")])
    }
}

import Foundation
import KamModel
import Testing

@Suite("Workspace document JSON")
struct WorkspaceDocumentTests {
    @Test("the legacy truth files are present")
    func truthFilesPresent() {
        #expect(ModelFixtures.truthFiles.count >= 6, "looked in \(ModelFixtures.legacySamples.path)")
    }

    @Test("truth files: decode, encode, decode, encode gives the same bytes and the same value",
          arguments: ModelFixtures.truthFiles)
    func truthRoundTrip(_ url: URL) throws {
        let doc = try WorkspaceDocument.decode(try Data(contentsOf: url))
        #expect(!doc.customers.isEmpty)
        let first = doc.encoded()
        let again = try WorkspaceDocument.decode(first)
        #expect(again == doc)
        #expect(again.encoded() == first)
    }

    @Test("truth files: the canonical encoding says what the truth says (metadata keys aside)",
          arguments: ModelFixtures.truthFiles)
    func truthSemanticEquality(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        var truth = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        truth["file"] = nil
        truth["idsGenerated"] = nil
        let encoded = try WorkspaceDocument.decode(data).encoded()
        let ours = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(NSDictionary(dictionary: truth).isEqual(to: ours))
    }

    @Test("keys follow MODEL.md's order, absent and empty values are left out, money has 2 decimals")
    func encodingRules() throws {
        var c = Customer(id: "C1", name: "甲", owner: "", annualRevenue: Decimal(exactText: "1234567.891"),
                         revenueShare: Decimal(exactText: "0.1234"), satisfaction: Decimal(exactText: "86.50"))
        c.transactions = [Transaction(date: LocalDate(iso: "2024-03-05"), quantity: 22, amount: Decimal(exactText: "125000.00"))]
        c.preferences = [""]
        let text = WorkspaceDocument(customers: [c]).canonicalJSON.serialized()
        #expect(text == """
            {
              "format": "kam.workspace/1",
              "customers": [
                {
                  "id": "C1",
                  "name": "甲",
                  "annualRevenue": 1234567.89,
                  "revenueShare": 0.1234,
                  "satisfaction": 86.5,
                  "transactions": [
                    {
                      "date": "2024-03-05",
                      "quantity": 22,
                      "amount": 125000
                    }
                  ]
                }
              ]
            }

            """)
        #expect(!text.contains("null"))
    }

    @Test("customers and plans are ordered by id whatever order they were given in")
    func ordering() throws {
        let doc = WorkspaceDocument(customers: [Customer(id: "C10", name: "b"), Customer(id: "C02", name: "a")],
                                    plans: [Plan(id: "P2", title: "y"), Plan(id: "P1", title: "x")])
        let back = try WorkspaceDocument.decode(doc.encoded())
        #expect(back.customers.map(\.id) == ["C02", "C10"])
        #expect(back.plans.map(\.id) == ["P1", "P2"])
    }

    @Test("a full customer and plan survive the round trip, money rounded to 2 decimals")
    func fullRoundTrip() throws {
        let doc = WorkspaceDocument(customers: [ModelFixtures.fullCustomer], plans: [ModelFixtures.fullPlan])
        let back = try WorkspaceDocument.decode(doc.encoded())
        #expect(back.customers == doc.customers)
        #expect(back.plans.first?.budget.first?.amount == Decimal(exactText: "5000.46"))
        #expect(back.encoded() == doc.encoded())
        let text = String(decoding: doc.encoded(), as: UTF8.self)
        #expect(text.contains(#""name": "上海\"星河\"贸易有限公司""#))
        #expect(text.contains(#""notes": "备注\t含制表符""#))
        #expect(text.contains(#""amount": 0.1"#))
    }

    @Test("numbers are read exactly, not through binary floating point")
    func exactNumbers() throws {
        let json = #"{"format":"kam.workspace/1","customers":[{"id":"C1","name":"x","transactions":[{"amount":0.1},{"amount":1234567.89}]}]}"#
        let doc = try WorkspaceDocument.decode(Data(json.utf8))
        #expect(doc.customers[0].transactions.map(\.amount) == [Decimal(exactText: "0.1"), Decimal(exactText: "1234567.89")])
        #expect(String(decoding: doc.encoded(), as: UTF8.self).contains("1234567.89\n"))
    }

    @Test("bad documents say why and where")
    func errors() {
        let notJSON = #expect(throws: WorkspaceDocumentError.self) {
            _ = try WorkspaceDocument.decode(Data("{".utf8))
        }
        #expect(notJSON?.reason == .notJSON)
        do {
            _ = try WorkspaceDocument.decode(Data(#"{"format":"kam.workspace/2"}"#.utf8))
            Issue.record("expected an error")
        } catch let e as WorkspaceDocumentError {
            #expect(e.reason == .wrongFormat)
        } catch { Issue.record("\(error)") }
        do {
            _ = try WorkspaceDocument.decode(Data(#"{"format":"kam.workspace/1","customers":[{"id":"C1","name":"x","segment":"超级客户"}]}"#.utf8))
            Issue.record("expected an error")
        } catch let e as WorkspaceDocumentError {
            #expect(e.reason == .invalidValue)
            #expect(e.path == "customers[0].segment")
        } catch { Issue.record("\(error)") }
    }
}

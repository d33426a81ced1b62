import Foundation
import KamMapping
import KamModel

/// The values of one data row, gathered field by field into the records they belong to.
struct RowValues {
    var customer = Customer(id: CustomerID(""), name: "")
    /// Contacts by ordinal (1 = the first / only one).
    var contacts: [Int: Contact] = [:]
    var transaction = Transaction()
    var contract = Contract()
    var interaction = Interaction()
    var feedback = Feedback()
    var survey = Survey()
    var serviceAction = ServiceAction()

    /// Stores one field's value into a row; the ordinal picks the contact of a repeated group.
    typealias Setter = @Sendable (inout RowValues, Int, FieldValue) -> Void

    /// The setter of a field path (`owner`, `contacts.phone`, `transactions.amount`), nil when unknown. Worked out
    /// once per column: matching path strings per cell cost more than the value's normalising.
    static func setter(for path: String) -> Setter? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 1 { return customerSetter(parts[0]) }
        let f = parts[1]
        switch parts[0] {
        case "contacts":
            let set: @Sendable (inout Contact, FieldValue) -> Void
            switch f {
            case "name": set = { $0.name = $1.string }
            case "title": set = { $0.title = $1.string }
            case "phone": set = { $0.phone = $1.string }
            case "mobile": set = { $0.mobile = $1.string }
            case "email": set = { $0.email = $1.string }
            case "wechat": set = { $0.wechat = $1.string }
            case "preferredChannel": set = { $0.preferredChannel = $1.string.flatMap(Channel.init(rawValue:)) }
            case "birthday": set = { $0.birthday = $1.date }
            case "primary": set = { $0.primary = $1.bool ?? false }
            default: return nil
            }
            return { row, ordinal, v in
                var c = row.contacts[ordinal] ?? Contact()
                set(&c, v)
                row.contacts[ordinal] = c
            }
        case "transactions":
            switch f {
            case "date": return { $0.transaction.date = $2.date }
            case "product": return { $0.transaction.product = $2.string }
            case "category": return { $0.transaction.category = $2.string }
            case "quantity": return { $0.transaction.quantity = $2.decimal }
            case "unitPrice": return { $0.transaction.unitPrice = $2.decimal }
            case "amount": return { $0.transaction.amount = $2.decimal }
            case "currency": return { $0.transaction.currency = $2.string }
            case "contractNo": return { $0.transaction.contractNo = $2.string }
            default: return nil
            }
        case "contracts":
            switch f {
            case "number": return { $0.contract.number = $2.string }
            case "title": return { $0.contract.title = $2.string }
            case "signedOn": return { $0.contract.signedOn = $2.date }
            case "startsOn": return { $0.contract.startsOn = $2.date }
            case "endsOn": return { $0.contract.endsOn = $2.date }
            case "value": return { $0.contract.value = $2.decimal }
            default: return nil
            }
        case "interactions":
            switch f {
            case "date": return { $0.interaction.date = $2.date }
            case "channel": return { $0.interaction.channel = $2.string.flatMap(Channel.init(rawValue:)) }
            case "kind": return { $0.interaction.kind = $2.string.flatMap(InteractionKind.init(rawValue:)) }
            case "summary": return { $0.interaction.summary = $2.string }
            case "owner": return { $0.interaction.owner = $2.string }
            case "nextStep": return { $0.interaction.nextStep = $2.string }
            case "nextDate": return { $0.interaction.nextDate = $2.date }
            default: return nil
            }
        case "feedback":
            switch f {
            case "receivedAt": return { $0.feedback.receivedAt = $2.dateTime }
            case "category": return { $0.feedback.category = $2.string.flatMap(FeedbackCategory.init(rawValue:)) }
            case "severity": return { $0.feedback.severity = $2.string.flatMap(KamModel.Severity.init(rawValue:)) }
            case "description": return { $0.feedback.description = $2.string }
            case "firstResponseAt": return { $0.feedback.firstResponseAt = $2.dateTime }
            case "resolvedAt": return { $0.feedback.resolvedAt = $2.dateTime }
            case "resolution": return { $0.feedback.resolution = $2.string }
            case "status": return { $0.feedback.status = $2.string.flatMap(FeedbackStatus.init(rawValue:)) }
            case "satisfactionAfter": return { $0.feedback.satisfactionAfter = $2.decimal }
            default: return nil
            }
        case "surveys":
            switch f {
            case "date": return { $0.survey.date = $2.date }
            case "method": return { $0.survey.method = $2.string.flatMap(SurveyMethod.init(rawValue:)) }
            case "score": return { $0.survey.score = $2.decimal }
            case "recommend": return { $0.survey.recommend = $2.int }
            case "comments": return { $0.survey.comments = $2.string }
            default: return nil
            }
        case "serviceActions":
            switch f {
            case "title": return { $0.serviceAction.title = $2.string }
            case "cadence": return { $0.serviceAction.cadence = $2.string.flatMap(Cadence.init(rawValue:)) }
            case "dueOn": return { $0.serviceAction.dueOn = $2.date }
            case "doneOn": return { $0.serviceAction.doneOn = $2.date }
            case "status": return { $0.serviceAction.status = $2.string.flatMap(ServiceStatus.init(rawValue:)) }
            case "owner": return { $0.serviceAction.owner = $2.string }
            case "channel": return { $0.serviceAction.channel = $2.string.flatMap(Channel.init(rawValue:)) }
            default: return nil
            }
        default:
            return nil
        }
    }

    private static func customerSetter(_ f: String) -> Setter? {
        switch f {
        case "id": return { $0.customer.id = CustomerID($2.string ?? $2.canonicalText) }
        case "name": return { $0.customer.name = $2.string ?? "" }
        case "kind": return { $0.customer.kind = $2.string.flatMap(CustomerKind.init(rawValue:)) }
        case "industry": return { $0.customer.industry = $2.string }
        case "region": return { $0.customer.region = $2.string }
        case "address": return { $0.customer.address = $2.string }
        case "foundedOn": return { $0.customer.foundedOn = $2.date }
        case "mainBusiness": return { $0.customer.mainBusiness = $2.string }
        case "owner": return { $0.customer.owner = $2.string }
        case "segment": return { $0.customer.segment = $2.string.flatMap(Segment.init(rawValue:)) }
        case "keyAccount": return { $0.customer.keyAccount = $2.bool }
        case "lifecycle": return { $0.customer.lifecycle = $2.string.flatMap(Lifecycle.init(rawValue:)) }
        case "membership": return { $0.customer.membership = $2.string.flatMap(Membership.init(rawValue:)) }
        case "points": return { $0.customer.points = $2.int }
        case "annualRevenue": return { $0.customer.annualRevenue = $2.decimal }
        case "revenueShare": return { $0.customer.revenueShare = $2.decimal }
        case "satisfaction": return { $0.customer.satisfaction = $2.decimal }
        case "gender": return { $0.customer.gender = $2.string.flatMap(Gender.init(rawValue:)) }
        case "birthDate": return { $0.customer.birthDate = $2.date }
        case "occupation": return { $0.customer.occupation = $2.string }
        case "preferences": return { $0.customer.preferences = $2.texts ?? [] }
        case "purchaseHabits": return { $0.customer.purchaseHabits = $2.string }
        case "notes": return { $0.customer.notes = $2.string }
        default: return nil
        }
    }
}

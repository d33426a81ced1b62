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

    /// Sets the field at `path` (`owner`, `contacts.phone`, `transactions.amount`); false when unknown.
    @discardableResult
    mutating func set(_ path: String, ordinal: Int, _ v: FieldValue) -> Bool {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 1 { return setCustomer(parts[0], v) }
        let f = parts[1]
        switch parts[0] {
        case "contacts":
            var c = contacts[ordinal] ?? Contact()
            switch f {
            case "name": c.name = v.string
            case "title": c.title = v.string
            case "phone": c.phone = v.string
            case "mobile": c.mobile = v.string
            case "email": c.email = v.string
            case "wechat": c.wechat = v.string
            case "preferredChannel": c.preferredChannel = v.string.flatMap(Channel.init(rawValue:))
            case "birthday": c.birthday = v.date
            case "primary": c.primary = v.bool ?? false
            default: return false
            }
            contacts[ordinal] = c
        case "transactions":
            switch f {
            case "date": transaction.date = v.date
            case "product": transaction.product = v.string
            case "category": transaction.category = v.string
            case "quantity": transaction.quantity = v.decimal
            case "unitPrice": transaction.unitPrice = v.decimal
            case "amount": transaction.amount = v.decimal
            case "currency": transaction.currency = v.string
            case "contractNo": transaction.contractNo = v.string
            default: return false
            }
        case "contracts":
            switch f {
            case "number": contract.number = v.string
            case "title": contract.title = v.string
            case "signedOn": contract.signedOn = v.date
            case "startsOn": contract.startsOn = v.date
            case "endsOn": contract.endsOn = v.date
            case "value": contract.value = v.decimal
            default: return false
            }
        case "interactions":
            switch f {
            case "date": interaction.date = v.date
            case "channel": interaction.channel = v.string.flatMap(Channel.init(rawValue:))
            case "kind": interaction.kind = v.string.flatMap(InteractionKind.init(rawValue:))
            case "summary": interaction.summary = v.string
            case "owner": interaction.owner = v.string
            case "nextStep": interaction.nextStep = v.string
            case "nextDate": interaction.nextDate = v.date
            default: return false
            }
        case "feedback":
            switch f {
            case "receivedAt": feedback.receivedAt = v.dateTime
            case "category": feedback.category = v.string.flatMap(FeedbackCategory.init(rawValue:))
            case "severity": feedback.severity = v.string.flatMap(KamModel.Severity.init(rawValue:))
            case "description": feedback.description = v.string
            case "firstResponseAt": feedback.firstResponseAt = v.dateTime
            case "resolvedAt": feedback.resolvedAt = v.dateTime
            case "resolution": feedback.resolution = v.string
            case "status": feedback.status = v.string.flatMap(FeedbackStatus.init(rawValue:))
            case "satisfactionAfter": feedback.satisfactionAfter = v.decimal
            default: return false
            }
        case "surveys":
            switch f {
            case "date": survey.date = v.date
            case "method": survey.method = v.string.flatMap(SurveyMethod.init(rawValue:))
            case "score": survey.score = v.decimal
            case "recommend": survey.recommend = v.int
            case "comments": survey.comments = v.string
            default: return false
            }
        case "serviceActions":
            switch f {
            case "title": serviceAction.title = v.string
            case "cadence": serviceAction.cadence = v.string.flatMap(Cadence.init(rawValue:))
            case "dueOn": serviceAction.dueOn = v.date
            case "doneOn": serviceAction.doneOn = v.date
            case "status": serviceAction.status = v.string.flatMap(ServiceStatus.init(rawValue:))
            case "owner": serviceAction.owner = v.string
            case "channel": serviceAction.channel = v.string.flatMap(Channel.init(rawValue:))
            default: return false
            }
        default:
            return false
        }
        return true
    }

    private mutating func setCustomer(_ f: String, _ v: FieldValue) -> Bool {
        switch f {
        case "id": customer.id = CustomerID(v.string ?? v.canonicalText)
        case "name": customer.name = v.string ?? ""
        case "kind": customer.kind = v.string.flatMap(CustomerKind.init(rawValue:))
        case "industry": customer.industry = v.string
        case "region": customer.region = v.string
        case "address": customer.address = v.string
        case "foundedOn": customer.foundedOn = v.date
        case "mainBusiness": customer.mainBusiness = v.string
        case "owner": customer.owner = v.string
        case "segment": customer.segment = v.string.flatMap(Segment.init(rawValue:))
        case "keyAccount": customer.keyAccount = v.bool
        case "lifecycle": customer.lifecycle = v.string.flatMap(Lifecycle.init(rawValue:))
        case "membership": customer.membership = v.string.flatMap(Membership.init(rawValue:))
        case "points": customer.points = v.int
        case "annualRevenue": customer.annualRevenue = v.decimal
        case "revenueShare": customer.revenueShare = v.decimal
        case "satisfaction": customer.satisfaction = v.decimal
        case "gender": customer.gender = v.string.flatMap(Gender.init(rawValue:))
        case "birthDate": customer.birthDate = v.date
        case "occupation": customer.occupation = v.string
        case "preferences": customer.preferences = v.texts ?? []
        case "purchaseHabits": customer.purchaseHabits = v.string
        case "notes": customer.notes = v.string
        default: return false
        }
        return true
    }
}

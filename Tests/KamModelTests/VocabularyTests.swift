import Foundation
import KamModel
import Testing

@Suite("Vocabularies")
struct VocabularyTests {
    @Test("JSON values are MODEL.md's")
    func rawValues() {
        #expect(Segment.allCases.map(\.rawValue) == [
            "important_value", "important_development", "general_value", "low_value", "important_retention",
            "important_recovery", "general_development", "general_retention", "general_recovery",
        ])
        #expect(Lifecycle.allCases.map(\.rawValue) == ["prospect", "new", "active", "churned"])
        #expect(Membership.allCases.map(\.rawValue) == ["regular", "silver", "gold", "platinum"])
        #expect(Channel.allCases.map(\.rawValue) == ["phone", "email", "wechat", "social", "visit", "meeting", "sms", "other"])
        #expect(InteractionKind.allCases.map(\.rawValue) == ["consultation", "complaint", "feedback", "visit", "callback", "care", "meeting"])
        #expect(FeedbackCategory.allCases.map(\.rawValue) == ["product_quality", "service_attitude", "delivery", "price", "other"])
        #expect(Severity.allCases.map(\.rawValue) == ["low", "medium", "high", "critical"])
        #expect(FeedbackStatus.allCases.map(\.rawValue) == ["open", "in_progress", "resolved", "closed"])
        #expect(SurveyMethod.allCases.map(\.rawValue) == ["questionnaire", "phone", "interview", "online"])
        #expect(Cadence.allCases.map(\.rawValue) == ["once", "weekly", "monthly", "quarterly", "yearly"])
        #expect(ServiceStatus.allCases.map(\.rawValue) == ["planned", "done", "overdue", "cancelled"])
        #expect(PlanKind.allCases.map(\.rawValue) == ["summary", "annual", "maintenance", "report", "key_account"])
        #expect(KPIMetric.allCases.count == 13)
        #expect(CustomerKind.allCases.map(\.rawValue) == ["company", "individual"])
        #expect(Gender.allCases.map(\.rawValue) == ["female", "male", "other"])
    }

    @Test("labels are MODEL.md's and distinct within a vocabulary")
    func labels() {
        #expect(Segment.importantValue.labels.zhHans == "重要价值客户")
        #expect(Segment.importantValue.labels.zhHant == "重要價值客戶")
        #expect(Segment.generalRecovery.labels.zhHans == "一般挽留客户")
        #expect(Lifecycle.churned.labels.zhHans == "流失客户")
        #expect(Membership.platinum.labels.zhHans == "白金会员")
        #expect(FeedbackStatus.inProgress.labels.zhHans == "处理中")
        #expect(PlanKind.keyAccount.labels.zhHans == "重点客户管理细则")
        #expect(KPIMetric.firstResponseHours.labels.zhHans == "投诉首次响应时长")
        func distinct<V: Vocabulary>(_: V.Type) -> Bool {
            let all = V.allCases.map(\.labels)
            return Set(all.map(\.zhHans)).count == all.count && Set(all.map(\.zhHant)).count == all.count
                && Set(all.map(\.en)).count == all.count && !all.contains { $0.zhHans.isEmpty || $0.en.isEmpty }
        }
        #expect(distinct(Segment.self) && distinct(Lifecycle.self) && distinct(Membership.self))
        #expect(distinct(Channel.self) && distinct(InteractionKind.self) && distinct(FeedbackCategory.self))
        #expect(distinct(Severity.self) && distinct(FeedbackStatus.self) && distinct(SurveyMethod.self))
        #expect(distinct(Cadence.self) && distinct(ServiceStatus.self) && distinct(PlanKind.self))
        #expect(distinct(KPIMetric.self) && distinct(CustomerKind.self) && distinct(Gender.self))
    }

    @Test("a canonical label in any language finds its value")
    func lookup() {
        #expect(Segment.value(forLabel: "重要發展客戶") == .importantDevelopment)
        #expect(Channel.value(forLabel: "WeChat") == .wechat)
        #expect(Segment.value(forLabel: "超级客户") == nil)
    }
}

import KamMapping
import KamModel

/// The label normalisers of every vocabulary of MODEL.md, built from KamModel's enums and KamMapping's synonyms.
enum ModelVocabularies {
    static func labels<V: Vocabulary>(_ type: V.Type) -> [(rawValue: String, labels: [String])] {
        V.allCases.map { ($0.rawValue, [$0.labels.zhHans, $0.labels.zhHant, $0.labels.en]) }
    }

    static let normalizers: [VocabularyName: LabelNormalizer] = [
        .customerKind: LabelNormalizer(.customerKind, vocabulary: labels(CustomerKind.self)),
        .segment: LabelNormalizer(.segment, vocabulary: labels(Segment.self)),
        .lifecycle: LabelNormalizer(.lifecycle, vocabulary: labels(Lifecycle.self)),
        .membership: LabelNormalizer(.membership, vocabulary: labels(Membership.self)),
        .gender: LabelNormalizer(.gender, vocabulary: labels(Gender.self)),
        .channel: LabelNormalizer(.channel, vocabulary: labels(Channel.self)),
        .interactionKind: LabelNormalizer(.interactionKind, vocabulary: labels(InteractionKind.self)),
        .feedbackCategory: LabelNormalizer(.feedbackCategory, vocabulary: labels(FeedbackCategory.self)),
        .severity: LabelNormalizer(.severity, vocabulary: labels(KamModel.Severity.self)),
        .feedbackStatus: LabelNormalizer(.feedbackStatus, vocabulary: labels(FeedbackStatus.self)),
        .surveyMethod: LabelNormalizer(.surveyMethod, vocabulary: labels(SurveyMethod.self)),
        .cadence: LabelNormalizer(.cadence, vocabulary: labels(Cadence.self)),
        .serviceStatus: LabelNormalizer(.serviceStatus, vocabulary: labels(ServiceStatus.self)),
    ]
}

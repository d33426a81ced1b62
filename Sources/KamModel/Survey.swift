import Foundation

/// One satisfaction survey answer (满意度调查).
public struct Survey: Sendable, Hashable, Codable {
    public var date: LocalDate?
    public var method: SurveyMethod?
    /// 满意度, stored 0…100 (a 1–5 answer ×20, a 1–10 answer ×10, a percentage as is).
    public var score: Decimal?
    /// 推荐意愿, 0…10.
    public var recommend: Int?
    /// 意见.
    public var comments: String?

    public init(date: LocalDate? = nil, method: SurveyMethod? = nil, score: Decimal? = nil,
                recommend: Int? = nil, comments: String? = nil) {
        self.date = date
        self.method = method
        self.score = score
        self.recommend = recommend
        self.comments = comments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(date: try c.opt(.date), method: try c.opt(.method), score: try c.opt(.score),
                  recommend: try c.opt(.recommend), comments: try c.opt(.comments))
    }
}

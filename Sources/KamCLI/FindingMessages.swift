import KamValidation

/// The zh/en words of every finding code, naming the field in the user's own words (the header they used).
enum FindingMessages {
    static func message(_ f: Finding, _ lang: Language) -> String {
        let field = f.fieldLabel ?? f.field ?? ""
        let v = f.value.map { "「\($0)」" } ?? ""
        let ve = f.value.map { " '\($0)'" } ?? ""
        let rec = f.record.map { " (\($0))" } ?? ""
        switch f.code {
        case .missingField:
            return lang.pick(zh: "缺少必填项「\(field)」", en: "\(field) is required but empty\(rec)")
        case .missingKeyAccountField:
            return f.field == "owner"
                ? lang.pick(zh: "重点客户缺少负责人", en: "key account\(rec) has no account manager")
                : lang.pick(zh: "重点客户缺少有电话或邮箱的主要联系人", en: "key account\(rec) has no primary contact with a phone or e-mail")
        case .missingPlanField:
            return lang.pick(zh: "方案缺少「\(field)」", en: "the plan lacks \(field)")
        case .duplicateID:
            return lang.pick(zh: "客户编号\(v)重复出现且内容不同", en: "customer id\(ve) appears on several rows that differ")
        case .conflictingValue:
            return lang.pick(zh: "「\(field)」在多处的值不一致：\(v)", en: "\(field) differs between places\(rec):\(ve)")
        case .probableDuplicate:
            return lang.pick(zh: "疑似重复客户：「\(field)」相同\(v)", en: "probable duplicate customer: same \(field)\(ve)")
        case .sharedContact:
            return lang.pick(zh: "同一\(field)\(v)属于不同客户", en: "the same \(field)\(ve) belongs to different customers")
        case .invalidDate:
            return lang.pick(zh: "「\(field)」不是有效日期：\(v)", en: "\(field) is not a valid date:\(ve)")
        case .invalidNumber:
            return lang.pick(zh: "「\(field)」不是有效数字：\(v)", en: "\(field) is not a valid number:\(ve)")
        case .invalidEmail:
            return lang.pick(zh: "「\(field)」不是有效邮箱：\(v)", en: "\(field) is not a valid e-mail:\(ve)")
        case .invalidPhone:
            return lang.pick(zh: "「\(field)」不是有效电话：\(v)", en: "\(field) is not a valid phone number:\(ve)")
        case .ambiguousDate:
            return lang.pick(zh: "「\(field)」日期有歧义（月/日顺序不明）：\(v)", en: "\(field) is ambiguous (month/day order):\(ve)")
        case .outOfRange:
            return lang.pick(zh: "「\(field)」超出范围：\(v)", en: "\(field) is out of range:\(ve)")
        case .unknownLabel:
            return lang.pick(zh: "「\(field)」的值不在可选范围内：\(v)", en: "\(field) has an unknown value:\(ve)")
        case .segmentMismatch:
            return lang.pick(zh: "客户分类\(v)与按交易计算的分类不同", en: "stated segment\(ve) differs from the computed one")
        case .dateOrder:
            return lang.pick(zh: "「\(field)」早于开始时间", en: "\(field) is earlier than its start\(rec)")
        case .totalMismatch:
            return lang.pick(zh: "年度销售额\(v)与当年交易合计不符", en: "annual revenue\(ve) differs from the year's transactions")
        case .slaBreach:
            return lang.pick(zh: "投诉首次响应超时", en: "first response to a complaint came too late")
        case .syncConflict:
            return lang.pick(zh: "「\(field)」在表格和库中都被修改且不一致", en: "\(field) changed in both the sheet and the store")
        case .missingColumn:
            return lang.pick(zh: "工作表缺少必需的列「\(field)」", en: "the sheet lacks a required column: \(field)")
        case .duplicateHeader:
            return lang.pick(zh: "多列对应同一字段「\(field)」，使用第一列", en: "several columns map to \(field); the first is used")
        case .unmappedColumn:
            return lang.pick(zh: "列「\(field)」未对应任何字段，已保留在 extra 中", en: "column \(field) maps to no field; kept in extra")
        }
    }
}

/// Words in sheet names (and group headers) that say what records a sheet holds.
public enum SheetKindHints {
    /// Name fragments per kind; compared as normalised keys, the longest match wins.
    static let hints: [(String, RecordKind)] = [
        ("客户", .customer), ("客户信息", .customer), ("客户名单", .customer), ("客户台账", .customer),
        ("客户档案", .customer), ("客户清单", .customer), ("客户列表", .customer), ("会员", .customer),
        ("重点客户", .customer), ("台账", .customer), ("名单", .customer), ("customers", .customer),
        ("customer", .customer), ("clients", .customer), ("accounts", .customer), ("members", .customer),
        ("联系人", .contact), ("联系人信息", .contact), ("通讯录", .contact), ("contacts", .contact),
        ("交易", .transaction), ("交易记录", .transaction), ("交易明细", .transaction), ("销售记录", .transaction),
        ("销售明细", .transaction), ("订单", .transaction), ("成交记录", .transaction), ("购买记录", .transaction),
        ("消费记录", .transaction), ("transactions", .transaction), ("orders", .transaction), ("sales", .transaction),
        ("合同", .contract), ("合同台账", .contract), ("contracts", .contract),
        ("互动", .interaction), ("互动记录", .interaction), ("跟进记录", .interaction), ("拜访记录", .interaction),
        ("沟通记录", .interaction), ("interactions", .interaction), ("activities", .interaction),
        ("followups", .interaction),
        ("反馈", .feedback), ("服务反馈", .feedback), ("投诉", .feedback), ("投诉记录", .feedback), ("客诉", .feedback),
        ("feedback", .feedback), ("complaints", .feedback),
        ("满意度调查", .survey), ("调查", .survey), ("问卷", .survey), ("回访", .survey), ("surveys", .survey),
        ("survey", .survey),
        ("服务计划", .serviceAction), ("服务计划与实施情况", .serviceAction), ("服务安排", .serviceAction),
        ("实施情况", .serviceAction), ("serviceplan", .serviceAction), ("serviceactions", .serviceAction),
    ]

    private static let keyed: [(String, RecordKind)] = hints.map { (HeaderNormalizer.key($0.0), $0.1) }

    /// The kind a sheet name suggests, or nil (`Sheet1`).
    public static func kind(ofName name: String) -> RecordKind? {
        let key = HeaderNormalizer.key(name)
        guard !key.isEmpty else { return nil }
        var best: (Int, RecordKind)?
        for (hint, kind) in keyed where key.contains(hint) {
            if best.map({ hint.count > $0.0 }) ?? true { best = (hint.count, kind) }
        }
        return best?.1
    }
}

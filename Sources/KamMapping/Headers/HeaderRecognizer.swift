/// What one header text was recognised as: the fields it may name (before the sheet's record kind picks one),
/// its unit, and an ordinal for numbered headers (`电话2`).
public struct HeaderRecognition: Sendable, Hashable {
    /// The normalised header.
    public var header: NormalizedHeader
    /// Every field the header may name, in catalog order.
    public var candidates: [FieldDefinition]
    /// A record kind a prefix or parent header pointed at (`联系人电话`, 联系人 over 电话), preferred when choosing.
    public var groupHint: RecordKind?
    /// `2` for `电话2` / `Phone 2`: the second record of a repeated group.
    public var ordinal: Int?
    /// Whether the header is one of a candidate's canonical labels (not a synonym or an affix-stripped form).
    public var isCanonical: Bool

    /// Whether the header names any field.
    public var isRecognized: Bool { !candidates.isEmpty }

    /// The candidates a sheet of `kind` may use, best first: the hinted group, then the sheet's own fields, then the
    /// customer's fields (the link columns of child sheets), then — on customer and contact sheets — the primary
    /// contact's fields.
    public func candidates(in kind: RecordKind) -> [FieldDefinition] {
        var order: [RecordKind] = []
        if let g = groupHint { order.append(g) }
        order.append(kind)
        order.append(.customer)
        if kind == .customer || kind == .contact { order.append(.contact) }
        var out: [FieldDefinition] = []
        for k in order {
            for f in candidates where f.record == k && !out.contains(f) { out.append(f) }
        }
        return out
    }
}

/// Recognises header texts (MODEL.md "Recognising headers"): normalise, look the key up among labels and
/// synonyms; failing that, strip a trailing unit word, a numbering suffix, or a group prefix/suffix and retry.
public struct HeaderRecognizer: Sendable {
    public var synonyms: HeaderSynonyms

    /// A recogniser over the standard catalog, or one extended by a profile's synonyms.
    public init(synonyms: HeaderSynonyms = .standard) {
        self.synonyms = synonyms
    }

    /// Prefixes that say which record a column belongs to (`联系人电话`), or that add nothing (`所属行业`).
    static let groupPrefixes: [(String, RecordKind?)] = [
        ("主要联系人", .contact), ("首要联系人", .contact), ("客户联系人", .contact), ("联系人", .contact),
        ("联络人", .contact), ("primarycontact", .contact), ("contactperson", .contact), ("contact", .contact),
        ("交易", .transaction), ("订单", .transaction), ("合同", .contract), ("反馈", .feedback), ("投诉", .feedback),
        ("调查", .survey), ("服务", .serviceAction), ("互动", .interaction), ("跟进", .interaction),
        ("客户", nil), ("所属", nil), ("是否", nil), ("公司", nil), ("企业", nil), ("所在", nil), ("当前", nil),
        ("customer", nil), ("client", nil), ("company", nil), ("account", nil),
    ]
    static let dropSuffixes = ["号码", "信息", "名称", "情况", "名", "号", "no", "number", "name"]
    static let unitSuffixes = ["万元", "亿元", "千元", "元", "万", "亿", "%", "rmb", "cny"]

    /// Longer cell texts are not headers (see `recognize(_:)`).
    static let longestHeaderBytes = 1024

    /// Recognises one header text.
    public func recognize(_ text: String) -> HeaderRecognition {
        // No header is kilobytes long: a huge cell (a hostile 1 MB value) is read as a short prefix, never matched,
        // so that header-row detection stays linear in the sheet and not in the synonyms × the value's length.
        guard text.utf8.count <= Self.longestHeaderBytes else {
            return HeaderRecognition(header: HeaderNormalizer.normalize(String(text.prefix(64))), candidates: [],
                                     groupHint: nil, ordinal: nil, isCanonical: false)
        }
        let header = HeaderNormalizer.normalize(text)
        var result = HeaderRecognition(header: header, candidates: [], groupHint: nil, ordinal: nil,
                                       isCanonical: false)
        guard !header.key.isEmpty else { return result }
        if let m = lookup(header.key) {
            result.candidates = m.fields
            result.isCanonical = m.canonical
            result.header.unit = header.unit.merged(with: m.unit)
            return result
        }
        // `电话2`, `Phone 2`, `联系人1`: the n-th of a repeated group.
        var key = header.key
        var ordinal: Int?
        let digits = key.reversed().prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, digits.count < key.count, let n = Int(String(digits.reversed())) {
            key.removeLast(digits.count)
            ordinal = n
            if let m = lookup(key) {
                result.candidates = m.fields
                result.ordinal = n
                result.header.unit = header.unit.merged(with: m.unit)
                return result
            }
        }
        for (prefix, group) in Self.groupPrefixes where key.hasPrefix(prefix) && key.count > prefix.count {
            let rest = String(key.dropFirst(prefix.count))
            if let m = lookup(rest) ?? lookupDroppingSuffix(rest) {
                result.candidates = m.fields
                result.groupHint = group
                result.ordinal = ordinal
                result.header.unit = header.unit.merged(with: m.unit)
                return result
            }
        }
        if let m = lookupDroppingSuffix(key) {
            result.candidates = m.fields
            result.ordinal = ordinal
            result.header.unit = header.unit.merged(with: m.unit)
        }
        return result
    }

    /// Recognises a header made of a parent (a merged group cell) over a child cell: the joined text first
    /// (`联系人` + `电话` → `联系人电话`), then the child with the parent as a group hint, then each alone.
    public func recognize(parent: String, child: String) -> HeaderRecognition {
        let p = TextFolding.trim(parent), c = TextFolding.trim(child)
        if p.isEmpty { return recognize(c) }
        if c.isEmpty { return recognize(p) }
        let parentRec = recognize(p)
        let parentGroup = Self.group(ofParentKey: parentRec.header.key)
        var joined = recognize(p + c)
        if joined.isRecognized {
            joined.header.original = c
            joined.header.unit = joined.header.unit.merged(with: parentRec.header.unit)
            if joined.groupHint == nil { joined.groupHint = parentGroup }
            return joined
        }
        var childRec = recognize(c)
        childRec.header.unit = childRec.header.unit.merged(with: parentRec.header.unit)
        if childRec.groupHint == nil { childRec.groupHint = parentGroup }
        if childRec.isRecognized { return childRec }
        // `年度销售额` over `2024`: the parent names the field, the child is a period or variant.
        if parentRec.isRecognized, parentGroup == nil {
            var r = parentRec
            r.header.original = c
            return r
        }
        return childRec
    }

    /// The record kind a parent (group) header names: `联系人`, `联系人信息`, `交易信息`, `Contact`.
    static func group(ofParentKey key: String) -> RecordKind? {
        for (prefix, group) in groupPrefixes where group != nil && key.hasPrefix(prefix) { return group }
        return SheetKindHints.kind(ofName: key)
    }

    private struct Match {
        var fields: [FieldDefinition]
        var canonical: Bool
        var unit: HeaderUnit
    }

    private func lookup(_ key: String) -> Match? {
        let entries = synonyms.fields(forKey: key)
        if !entries.isEmpty {
            return Match(fields: entries.map(\.field), canonical: entries.contains { $0.isCanonical },
                         unit: HeaderUnit())
        }
        // `年销售额万元`, `金额元`, `占比%`: a unit word stuck to the label.
        for suffix in Self.unitSuffixes where key.hasSuffix(suffix) && key.count > suffix.count {
            let rest = String(key.dropLast(suffix.count))
            let entries = synonyms.fields(forKey: rest)
            if !entries.isEmpty, let unit = HeaderNormalizer.classifyUnit(suffix) {
                return Match(fields: entries.map(\.field), canonical: false, unit: unit)
            }
        }
        return nil
    }

    private func lookupDroppingSuffix(_ key: String) -> Match? {
        for suffix in Self.dropSuffixes where key.hasSuffix(suffix) && key.count > suffix.count {
            if let m = lookup(String(key.dropLast(suffix.count))) { return m }
        }
        return nil
    }
}

import KamSheets

/// Maps a legacy sheet: finds its header, decides its record kind, and assigns each column a field.
public struct SheetMapper: Sendable {
    public var recognizer: HeaderRecognizer
    public var profile: MappingProfile

    /// A mapper using the standard synonyms plus the profile's.
    public init(profile: MappingProfile = MappingProfile()) {
        self.profile = profile
        recognizer = HeaderRecognizer(synonyms: HeaderSynonyms(fields: FieldCatalog.all,
                                                               extra: profile.synonyms ?? [:]))
    }

    /// Maps one sheet with the standard synonyms and no profile.
    public static func map(_ sheet: Sheet) -> SheetMapping { SheetMapper().map(sheet) }

    /// Maps one sheet of a file (the file name selects the profile's rules).
    public func map(_ sheet: Sheet, file: String? = nil) -> SheetMapping {
        let settings = profile.settings(file: file, sheet: sheet.name)
        let detector = HeaderRowDetector(recognizer: recognizer)
        guard let layout = detector.detect(sheet, pinnedRow: settings.headerRow) else {
            return SheetMapping(sheetName: sheet.name, kind: settings.kind, kindScores: [:], headerRows: [],
                                firstDataRow: 0, columns: [], duplicateColumns: [], issues: [],
                                monthFirst: settings.monthFirst)
        }
        let recognitions = layout.columns.map { h in
            h.parentText.map { recognizer.recognize(parent: $0, child: h.text) } ?? recognizer.recognize(h.text)
        }
        let scores = Self.kindScores(recognitions, sheetName: sheet.name)
        let kind = settings.kind ?? Self.chooseKind(scores, sheetName: sheet.name)
        var mapping = SheetMapping(sheetName: sheet.name, kind: kind, kindScores: scores,
                                   headerRows: layout.headerRows, firstDataRow: layout.firstDataRow, columns: [],
                                   duplicateColumns: [], issues: [], monthFirst: settings.monthFirst)
        guard let kind else {
            mapping.columns = zip(layout.columns, recognitions).map {
                ColumnMapping(header: $0, field: nil, unit: $1.header.unit, ordinal: $1.ordinal, recognition: $1,
                              pinned: false)
            }
            return mapping
        }
        assign(layout: layout, recognitions: recognitions, kind: kind, settings: settings, into: &mapping)
        return mapping
    }

    // MARK: - Record kind

    /// How strongly the headers (and the sheet name) point at each kind.
    static func kindScores(_ recognitions: [HeaderRecognition], sheetName: String) -> [RecordKind: Double] {
        var scores: [RecordKind: Double] = [:]
        for r in recognitions where r.isRecognized {
            let kinds = Set(r.candidates.map(\.record))
            for k in kinds { scores[k, default: 0] += 1 }
            // A customer sheet carries its primary contact's columns too, at a discount so that a contacts sheet
            // (which has no customer columns besides its link) still wins its own kind.
            if !kinds.contains(.customer), kinds.contains(.contact) { scores[.customer, default: 0] += 0.5 }
        }
        if let hinted = SheetKindHints.kind(ofName: sheetName), !scores.isEmpty {
            scores[hinted, default: 0] += 1.5
        }
        return scores
    }

    /// The best-scoring kind; ties go to the sheet name's hint, then customers, then MODEL.md order.
    static func chooseKind(_ scores: [RecordKind: Double], sheetName: String) -> RecordKind? {
        guard let top = scores.values.max(), top > 0 else { return nil }
        let tied = RecordKind.allCases.filter { scores[$0] == top }
        if let hinted = SheetKindHints.kind(ofName: sheetName), tied.contains(hinted) { return hinted }
        return tied.first
    }

    // MARK: - Columns → fields

    private struct Claim {
        var index: Int
        var candidates: [FieldDefinition]
        var next = 0
    }

    private struct FieldKey: Hashable {
        var path: String
        var ordinal: Int
    }

    /// Gives each column a field. A column whose header names several fields (手机 → phone or mobile; 姓名 →
    /// customer or contact name) takes the first one free; when two columns want the same field in one round,
    /// the one with no alternative left wins, then the leftmost; a column left with none is a `duplicate-header`
    /// of its first choice.
    private func assign(layout: HeaderLayout, recognitions: [HeaderRecognition], kind: RecordKind,
                        settings: SheetSettings, into mapping: inout SheetMapping) {
        var columns: [ColumnMapping] = []
        var claims: [Claim] = []
        var taken: [FieldKey: Int] = [:] // field → index into columns
        for (i, (header, rec)) in zip(layout.columns, recognitions).enumerated() {
            var column = ColumnMapping(header: header, field: nil, unit: rec.header.unit, ordinal: rec.ordinal,
                                       recognition: rec, pinned: false)
            let pinKey = HeaderNormalizer.key(header.text)
            let fullKey = HeaderNormalizer.key((header.parentText ?? "") + header.text)
            if let pin = settings.columns[fullKey] ?? settings.columns[pinKey] {
                column.pinned = true
                if case .field(let path) = pin, let f = FieldCatalog.field(path: path) {
                    column.field = f
                    let key = FieldKey(path: f.path, ordinal: rec.ordinal ?? 1)
                    if taken[key] == nil { taken[key] = i } else { mapping.duplicateColumns.insert(header.column) }
                }
            } else {
                let candidates = rec.candidates(in: kind)
                if !candidates.isEmpty { claims.append(Claim(index: i, candidates: candidates)) }
            }
            columns.append(column)
        }
        // Rounds of proposals.
        var open = claims
        var lost: [Claim] = []
        while !open.isEmpty {
            var proposals: [FieldKey: [Int]] = [:] // field → positions in `open`
            for (p, claim) in open.enumerated() {
                let f = claim.candidates[claim.next]
                proposals[FieldKey(path: f.path, ordinal: columns[claim.index].ordinal ?? 1), default: []].append(p)
            }
            var settled = Set<Int>()
            for (key, proposers) in proposals where taken[key] == nil {
                let winner = proposers.min { a, b in
                    let ra = open[a].candidates.count - open[a].next, rb = open[b].candidates.count - open[b].next
                    return ra != rb ? ra < rb : open[a].index < open[b].index
                }
                if let w = winner {
                    taken[key] = open[w].index
                    columns[open[w].index].field = open[w].candidates[open[w].next]
                    settled.insert(w)
                }
            }
            var next: [Claim] = []
            for (p, var claim) in open.enumerated() where !settled.contains(p) {
                claim.next += 1
                if claim.next < claim.candidates.count { next.append(claim) } else { lost.append(claim) }
            }
            open = next
        }
        for claim in lost {
            guard let first = claim.candidates.first else { continue }
            columns[claim.index].field = first
            mapping.duplicateColumns.insert(columns[claim.index].column)
        }
        mapping.columns = columns
        // Findings about columns.
        for c in columns {
            if c.field == nil {
                if !c.pinned {
                    mapping.issues.append(MappingIssue(code: .unmappedColumn, cell: c.header.cell, header: c.header.text))
                }
            } else if mapping.duplicateColumns.contains(c.column), let path = c.field?.path {
                let first = columns.first { $0.field?.path == path && !mapping.duplicateColumns.contains($0.column)
                    && ($0.ordinal ?? 1) == (c.ordinal ?? 1) }
                mapping.issues.append(MappingIssue(code: .duplicateHeader, cell: c.header.cell, header: c.header.text,
                                                   field: path, firstCell: first?.header.cell))
            }
        }
        for path in Self.requiredPaths(kind) where !path.contains(where: { p in mapping.column(for: p) != nil }) {
            mapping.issues.append(MappingIssue(code: .missingColumn, cell: nil, header: nil, field: path[0]))
        }
    }

    /// Fields a sheet of a kind cannot do without; each inner list is satisfied by any one of its paths.
    static func requiredPaths(_ kind: RecordKind) -> [[String]] {
        switch kind {
        case .customer: return [["name"]]
        case .transaction: return [["id", "name"], ["transactions.date"], ["transactions.amount"]]
        case .feedback: return [["id", "name"], ["feedback.receivedAt"]]
        case .contact: return [["id", "name"], ["contacts.name"]]
        case .contract, .interaction, .survey, .serviceAction: return [["id", "name"]]
        }
    }
}

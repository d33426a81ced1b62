import Foundation
import KamXML

/// Rewrites the references inside one XML part of a package (a table, chart, drawing, comments, pivot cache,
/// the workbook's defined names) for structural edits, copying everything else through as it stands.
///
/// Which attributes and element texts hold references is given as tables keyed by local name, so one mechanism
/// serves every part kind.
struct PartReferenceRewriter {
    /// How a piece of text holds references.
    enum Kind: Sendable, Hashable {
        /// A space-separated list of ranges of the home sheet (`A1:B5 C7`).
        case rangeList
        /// A formula (references to any sheet; unqualified ones point at the home sheet).
        case formula
        /// A 0-based row number (drawing anchors).
        case rowIndex
        /// A 0-based column number.
        case columnIndex
        /// A VML anchor: `col, dx, row, dy, col, dx, row, dy`.
        case vmlAnchor
        /// A space-separated list of ODF range addresses (`Sheet1.A1:Sheet1.B5 $'My sheet'.$C$2`).
        case odsAddressList
        /// One ODF cell address that stays where it is when its cell is deleted (`table:base-cell-address`).
        case odsAddress
        /// An ODF formula (`of:=SUM([.A1:.A9])`) whose bracketed references move.
        case odsFormula
    }

    let edits: [StructuralEdit]
    /// The sheet unqualified references point at (nil: none, e.g. charts and workbook-level names).
    let home: String?
    let attributes: [String: [String: Kind]]
    let texts: [String: Kind]
    /// Elements removed when a range attribute loses every cell (e.g. a table's `autoFilter` stays; a comment goes).
    var removeWhenEmpty: Set<String> = []

    /// The rewritten part; the same bytes when nothing moved.
    /// - Throws: `XMLError`.
    func rewrite(_ bytes: [UInt8]) throws -> [UInt8] {
        let s = XMLScanner(bytes: bytes)
        var out = XMLByteWriter()
        var textKind: Kind?
        var textDepth = 0
        var changed = false
        while true {
            try s.next()
            switch s.kind {
            case .end:
                return changed ? out.bytes : bytes
            case .startElement:
                let name = s.name
                if let k = texts[name] { textKind = k; textDepth = s.depth }
                guard let attrs = attributes[name] else { out.raw(bytes: s.rawToken); continue }
                var rewritten: [Int: String] = [:]
                var drop = false
                for i in 0..<s.attributeCount {
                    guard let kind = attrs[s.attributeLocalName(i)] else { continue }
                    let v = try s.attributeValue(i)
                    if let moved = move(v, kind) {
                        if moved != v { rewritten[i] = moved }
                    } else if removeWhenEmpty.contains(name) {
                        drop = true
                    }
                }
                if drop {
                    try s.skipElement()
                    changed = true
                    if textKind != nil && s.depth < textDepth { textKind = nil }
                    continue
                }
                if rewritten.isEmpty { out.raw(bytes: s.rawToken); continue }
                changed = true
                out.raw("<")
                out.raw(bytes: s.qualifiedName)
                for i in 0..<s.attributeCount {
                    out.raw(" ")
                    out.raw(s.attributeQualifiedName(i))
                    out.raw("=\"")
                    if let v = rewritten[i] { out.escape(v, quotes: true) } else { out.escape(try s.attributeValue(i), quotes: true) }
                    out.raw("\"")
                }
                out.raw(s.isSelfClosing ? "/>" : ">")
            case .endElement:
                if textKind != nil && s.depth < textDepth { textKind = nil }
                out.raw(bytes: s.rawToken)
            case .text:
                if let k = textKind {
                    let t = try s.text()
                    if let moved = move(t, k), moved != t {
                        changed = true
                        out.text(moved)
                        continue
                    }
                }
                out.raw(bytes: s.rawToken)
            default:
                out.raw(bytes: s.rawToken)
            }
        }
    }

    /// The moved text, or nil when every cell it named was deleted.
    func move(_ text: String, _ kind: Kind) -> String? {
        switch kind {
        case .rangeList:
            guard let home else { return text }
            return edits.shiftRangeList(text, home: home)
        case .formula:
            return edits.shiftFormula(text, home: home)
        case .rowIndex, .columnIndex:
            guard let home, let i = Int(text.trimmingCharacters(in: .whitespaces)) else { return text }
            let axis: RowColumnShift.Axis = kind == .rowIndex ? .rows : .columns
            // An anchor inside deleted rows sticks to the first row after them.
            var cur = i
            for e in edits where e.sheet == home && e.shift.axis == axis {
                cur = e.shift.move(cur) ?? e.shift.at
            }
            return String(cur)
        case .odsAddressList:
            return edits.shiftODSAddressList(text, home: home)
        case .odsAddress:
            return edits.shiftODSAddressList(text, home: home) ?? text
        case .odsFormula:
            return edits.shiftODSFormula(text, home: home)
        case .vmlAnchor:
            guard let home else { return text }
            var parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 8 else { return text }
            for (idx, axis) in [(0, RowColumnShift.Axis.columns), (2, .rows), (4, .columns), (6, .rows)] {
                guard var cur = Int(parts[idx]) else { return text }
                for e in edits where e.sheet == home && e.shift.axis == axis { cur = e.shift.move(cur) ?? e.shift.at }
                parts[idx] = String(cur)
            }
            return parts.joined(separator: ", ")
        }
    }
}

extension PartReferenceRewriter {
    /// A worksheet's references outside its cells' values (the cells themselves are moved by the sheet rewriter).
    static func worksheet(_ edits: [StructuralEdit], home: String) -> PartReferenceRewriter {
        PartReferenceRewriter(
            edits: edits, home: home,
            attributes: [
                "dimension": ["ref": .rangeList], "mergeCell": ["ref": .rangeList], "hyperlink": ["ref": .rangeList],
                "autoFilter": ["ref": .rangeList], "conditionalFormatting": ["sqref": .rangeList],
                "dataValidation": ["sqref": .rangeList], "selection": ["sqref": .rangeList, "activeCell": .rangeList],
                "pane": ["topLeftCell": .rangeList], "protectedRange": ["sqref": .rangeList],
                "ignoredError": ["sqref": .rangeList], "sortState": ["ref": .rangeList],
                "sortCondition": ["ref": .rangeList], "f": ["ref": .rangeList],
            ],
            texts: ["f": .formula, "formula": .formula, "formula1": .formula, "formula2": .formula, "sqref": .rangeList])
    }

    /// Tables (`xl/tables/tableN.xml`) of a sheet.
    static func table(_ edits: [StructuralEdit], home: String) -> PartReferenceRewriter {
        PartReferenceRewriter(edits: edits, home: home,
                              attributes: ["table": ["ref": .rangeList], "autoFilter": ["ref": .rangeList],
                                           "sortState": ["ref": .rangeList], "sortCondition": ["ref": .rangeList]],
                              texts: ["calculatedColumnFormula": .formula, "totalsRowFormula": .formula])
    }

    /// Charts: series ranges are sheet-qualified formulas (`<c:f>Sheet1!$B$2:$B$9</c:f>`).
    static func chart(_ edits: [StructuralEdit]) -> PartReferenceRewriter {
        PartReferenceRewriter(edits: edits, home: nil, attributes: [:], texts: ["f": .formula])
    }

    /// Drawings anchored to a sheet's cells.
    static func drawing(_ edits: [StructuralEdit], home: String) -> PartReferenceRewriter {
        PartReferenceRewriter(edits: edits, home: home, attributes: [:], texts: ["row": .rowIndex, "col": .columnIndex])
    }

    /// Comments of a sheet.
    static func comments(_ edits: [StructuralEdit], home: String) -> PartReferenceRewriter {
        var r = PartReferenceRewriter(edits: edits, home: home, attributes: ["comment": ["ref": .rangeList]], texts: [:])
        r.removeWhenEmpty = ["comment"]
        return r
    }

    /// Legacy VML drawings (comment boxes) of a sheet.
    static func vml(_ edits: [StructuralEdit], home: String) -> PartReferenceRewriter {
        PartReferenceRewriter(edits: edits, home: home, attributes: [:],
                              texts: ["Anchor": .vmlAnchor, "Row": .rowIndex, "Column": .columnIndex])
    }

    /// Pivot cache definitions reading a sheet range.
    static func pivotCache(_ edits: [StructuralEdit], sheetOf: String) -> PartReferenceRewriter {
        PartReferenceRewriter(edits: edits, home: sheetOf, attributes: ["worksheetSource": ["ref": .rangeList]], texts: [:])
    }

    /// The workbook part: defined names and print areas.
    static func workbook(_ edits: [StructuralEdit]) -> PartReferenceRewriter {
        PartReferenceRewriter(edits: edits, home: nil, attributes: [:], texts: ["definedName": .formula])
    }
}

extension PartReferenceRewriter {
    /// ODS `content.xml` outside the cells: named ranges and expressions, database ranges, validations,
    /// conditional formats, data pilot sources, label ranges, shapes anchored to cells, embedded objects.
    static func odsContent(_ edits: [StructuralEdit]) -> PartReferenceRewriter {
        let shape: [String: Kind] = ["end-cell-address": .odsAddress]
        var attributes: [String: [String: Kind]] = [
            "named-range": ["cell-range-address": .odsAddressList, "base-cell-address": .odsAddress],
            "named-expression": ["expression": .odsFormula, "base-cell-address": .odsAddress],
            "database-range": ["target-range-address": .odsAddressList],
            "content-validation": ["condition": .odsFormula, "base-cell-address": .odsAddress],
            "conditional-format": ["target-range-address": .odsAddressList],
            "condition": ["base-cell-address": .odsAddress, "value": .odsFormula],
            "data-pilot-table": ["target-range-address": .odsAddressList],
            "source-cell-range": ["cell-range-address": .odsAddressList],
            "label-range": ["label-cell-range-address": .odsAddressList, "data-cell-range-address": .odsAddressList],
            "highlighted-range": ["cell-range-address": .odsAddressList],
            "cell-range-source": [:],
            "object": ["notify-on-update-of-ranges": .odsAddressList],
        ]
        for s in ["frame", "rect", "line", "polyline", "polygon", "path", "circle", "ellipse", "connector", "caption",
                  "measure", "custom-shape", "g", "control", "regular-polygon"] { attributes[s] = shape }
        var r = PartReferenceRewriter(edits: edits, home: nil, attributes: attributes, texts: [:])
        r.removeWhenEmpty = ["conditional-format", "database-range", "highlighted-range"]
        return r
    }

    /// An ODS chart (`Object N/content.xml`): the ranges of its plot area, series, categories and domains.
    static func odsChart(_ edits: [StructuralEdit]) -> PartReferenceRewriter {
        PartReferenceRewriter(
            edits: edits, home: nil,
            attributes: [
                "plot-area": ["cell-range-address": .odsAddressList],
                "series": ["values-cell-range-address": .odsAddressList, "label-cell-address": .odsAddressList],
                "domain": ["cell-range-address": .odsAddressList],
                "categories": ["cell-range-address": .odsAddressList],
                "data-point": [:],
            ],
            texts: [:])
    }
}

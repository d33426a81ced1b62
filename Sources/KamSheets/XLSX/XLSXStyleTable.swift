/// The XLSX styles a workbook's cells end up using: `Workbook.styles` turned into deduplicated fonts, fills,
/// borders, number formats and `cellXfs`, each built the first time a cell asks for it.
///
/// A date/time cell whose style has the general format gets a date, time or `[h]:mm:ss` format (so it shows
/// as a date, not a serial); that combination is a distinct xf.
final class XLSXStyleTable {
    /// One `<xf>` of `cellXfs`.
    struct XF: Hashable {
        var numFmtID: Int
        var fontID: Int
        var fillID: Int
        var borderID: Int
        var alignment: CellStyle.Alignment
    }

    let styles: [CellStyle]
    private(set) var fonts: [CellStyle.Font] = [CellStyle.Font()]
    private var fontIDs: [CellStyle.Font: Int] = [CellStyle.Font(): 0]
    /// Solid fills after the two fills every package starts with (none, gray125).
    private(set) var fills: [CellStyle.Fill] = []
    private var fillIDs: [CellStyle.Fill: Int] = [:]
    private(set) var borders: [CellStyle.Border] = [CellStyle.Border()]
    private var borderIDs: [CellStyle.Border: Int] = [CellStyle.Border(): 0]
    /// Custom format codes, numbered from 164.
    private(set) var customFormats: [String] = []
    private var formatIDs: [String: Int] = [:]
    private(set) var xfs: [XF] = [XF(numFmtID: 0, fontID: 0, fillID: 0, borderID: 0, alignment: .init())]
    private var xfIDs: [XF: Int] = [:]
    /// `style * 8 + implicit` → xf index, so each cell costs one dictionary lookup.
    private var memo: [Int: Int] = [:]

    init(styles: [CellStyle]) {
        self.styles = styles
        xfIDs[xfs[0]] = 0
    }

    /// The `s` attribute for a cell of `style` holding a value that may need `implicit`.
    func xfIndex(style: Int, implicit: NumberFormatCode.Implicit) -> Int {
        let key = style &* 8 &+ implicit.rawValue
        if let known = memo[key] { return known }
        let cellStyle = styles.indices.contains(style) ? styles[style] : CellStyle()
        var code = cellStyle.numberFormat
        if let implicitCode = implicit.code {
            // The format must make readers see the value's kind again (a date style on a duration, a duration
            // style on a time of day, a number style on a date all read back as something else).
            let kind = NumberFormat.kind(code: code)
            let fits: Bool
            switch implicit {
            case .duration: fits = kind == .duration
            case .none: fits = true
            default: fits = kind == .dateTime
            }
            if NumberFormatCode.isGeneral(code) || !fits { code = implicitCode }
        }
        let xf = XF(numFmtID: formatID(code), fontID: fontID(cellStyle.font),
                    fillID: cellStyle.fill.map(fillID) ?? 0, borderID: borderID(cellStyle.border),
                    alignment: cellStyle.alignment)
        let index: Int
        if let existing = xfIDs[xf] {
            index = existing
        } else {
            index = xfs.count
            xfs.append(xf)
            xfIDs[xf] = index
        }
        memo[key] = index
        return index
    }

    private func formatID(_ code: String) -> Int {
        if let builtin = NumberFormatCode.builtinID(code) { return builtin }
        if let known = formatIDs[code] { return known }
        let id = 164 + customFormats.count
        customFormats.append(code)
        formatIDs[code] = id
        return id
    }

    private func fontID(_ font: CellStyle.Font) -> Int {
        if let known = fontIDs[font] { return known }
        fonts.append(font)
        fontIDs[font] = fonts.count - 1
        return fonts.count - 1
    }

    private func fillID(_ fill: CellStyle.Fill) -> Int {
        if let known = fillIDs[fill] { return known }
        fills.append(fill)
        fillIDs[fill] = fills.count + 1
        return fills.count + 1
    }

    private func borderID(_ border: CellStyle.Border) -> Int {
        if let known = borderIDs[border] { return known }
        borders.append(border)
        borderIDs[border] = borders.count - 1
        return borders.count - 1
    }
}

@available(*, unavailable)
extension XLSXStyleTable: Sendable {}
